"""`manage.py rotate_encryption_keys [--blind-indexes] [--dry-run] [--batch-size N]`.

Key rotation (see core.crypto): put the new Fernet key first in FIELD_ENCRYPTION_KEYS, keep the old one
behind it, deploy, run this command, then remove the old key. Every encrypted column of every model is read
(decrypted with whichever key fits) and written back (encrypted with the first key), in batches.
`--blind-indexes`: after changing BLIND_INDEX_KEY, recompute the clients' name fingerprints and search
tokens from the decrypted names.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from fachstelle.core import crypto


def _batches(queryset, size: int):
    batch = []
    for obj in queryset.iterator(chunk_size=size):
        batch.append(obj)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Command(BaseCommand):
    help = "Re-encrypt every encrypted column with the first key of FIELD_ENCRYPTION_KEYS."

    def add_arguments(self, parser):
        parser.add_argument("--blind-indexes", action="store_true", help="Also recompute the name indexes.")
        parser.add_argument("--dry-run", action="store_true", help="Count the rows only; change nothing.")
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, blind_indexes: bool, dry_run: bool, batch_size: int, **options):
        crypto.reset_key_cache()  # the keys of this process's settings, not of an earlier import
        total = 0
        for model in apps.get_models():
            opts = model._meta
            if opts.proxy or not opts.managed:
                continue
            fields = crypto.encrypted_fields(model)
            if not fields:
                continue
            rows = model._base_manager.order_by("pk")
            if dry_run:
                count = rows.count()
                self.stdout.write(f"{opts.label}: {count} row(s), fields {', '.join(fields)}")
                total += count
                continue
            count = 0
            for batch in _batches(rows.only("pk", *fields), batch_size):
                with transaction.atomic():
                    # Values were decrypted on read; saving encrypts them with the first key.
                    model._base_manager.bulk_update(batch, fields)
                count += len(batch)
            self.stdout.write(f"{opts.label}: re-encrypted {count} row(s)")
            total += count
        if blind_indexes:
            total_indexes = self._blind_indexes(dry_run=dry_run, batch_size=batch_size)
            done = "would recompute" if dry_run else "recomputed"
            self.stdout.write(f"Name indexes: {done} {total_indexes}")
        verb = "would re-encrypt" if dry_run else "re-encrypted"
        self.stdout.write(self.style.SUCCESS(f"Done: {verb} {total} row(s)."))

    def _blind_indexes(self, *, dry_run: bool, batch_size: int) -> int:
        try:
            client_model = apps.get_model("counselling", "Client")
        except LookupError:
            return 0
        # Anonymised persons keep empty indexes: their name is a placeholder, not to be found.
        clients = client_model._base_manager.filter(anonymised_at__isnull=True).order_by("pk")
        if dry_run:
            return clients.count()
        count = 0
        for batch in _batches(clients.only("pk", "name", "name_fingerprint", "name_tokens"), batch_size):
            for client in batch:
                client.name_fingerprint = crypto.name_fingerprint(client.name)
                client.name_tokens = crypto.name_search_tokens(client.name)
            with transaction.atomic():
                client_model._base_manager.bulk_update(batch, ["name_fingerprint", "name_tokens"])
            count += len(batch)
        return count
