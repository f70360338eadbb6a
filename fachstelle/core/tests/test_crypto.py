"""Encryption at rest: ciphertext in the database, validation on the plaintext, blind indexes, key
rotation with `rotate_encryption_keys`."""

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import call_command
from django.db import connection

from fachstelle.core import crypto
from fachstelle.counselling.models import Case, Client, CounsellingSession
from fachstelle.counselling.tests.factories import ClientFactory, CounsellingSessionFactory

pytestmark = pytest.mark.django_db

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


@pytest.fixture
def keys(settings):
    """Switch FIELD_ENCRYPTION_KEYS within a test; the key cache is reset before and after."""

    def use(*keys):
        settings.FIELD_ENCRYPTION_KEYS = list(keys)
        crypto.reset_key_cache()

    yield use
    crypto.reset_key_cache()


def raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        quote = connection.ops.quote_name
        cursor.execute(f"SELECT {quote(column)} FROM {quote(table)} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_database_holds_ciphertext_and_reads_give_plaintext():
    client = ClientFactory(name="Ali Müller", phone="+41 79 123 45 67")

    stored = raw("counselling_client", "name", client.pk)

    assert stored != "Ali Müller" and "Müller" not in stored
    assert stored.startswith("gAAAA")
    assert crypto.decrypt(stored) == "Ali Müller"
    assert Client.objects.get(pk=client.pk).name == "Ali Müller"
    assert "123 45" not in raw("counselling_client", "phone", client.pk)


def test_empty_values_stay_empty():
    client = ClientFactory(phone="")
    assert raw("counselling_client", "phone", client.pk) == ""


def test_same_plaintext_gives_different_ciphertexts():
    first, second = ClientFactory(name="Same Name"), ClientFactory(name="Same Name")
    assert raw("counselling_client", "name", first.pk) != raw("counselling_client", "name", second.pk)


def test_max_length_applies_to_the_plaintext():
    client = ClientFactory()
    field = Client._meta.get_field("name")
    assert field.max_length == 200

    client.name = "x" * 200
    client.full_clean(
        exclude=["counsellor", "office"]
    )  # 200 characters fit, although the ciphertext is longer
    client.name = "x" * 201
    with pytest.raises(ValidationError) as error:
        client.full_clean(exclude=["counsellor", "office"])
    assert "name" in error.value.message_dict


def test_blind_indexes_match_normalised_names_and_prefixes():
    assert crypto.name_fingerprint("Ali  Müller") == crypto.name_fingerprint("ali muller")
    assert crypto.name_fingerprint("Ali Müller") != crypto.name_fingerprint("Ali Miller")
    tokens = crypto.name_search_tokens("Ali Müller").split()
    for term in ["al", "ali", "mül", "mull", "Ali Mü"]:
        assert set(crypto.search_term_tokens(term)) <= set(tokens), term
    assert not set(crypto.search_term_tokens("meier")) <= set(tokens)
    assert crypto.search_term_tokens("a") == []  # one letter says too much about nothing
    # The tokens are HMACs, not the name.
    assert "ali" not in " ".join(tokens) and "mül" not in " ".join(tokens)


def test_blind_index_key_changes_the_hashes(settings):
    before = crypto.name_fingerprint("Ali Müller")
    settings.BLIND_INDEX_KEY = "another-key"
    assert crypto.name_fingerprint("Ali Müller") != before


@pytest.mark.parametrize("value", [[], [""], ["not-a-fernet-key"]])
def test_missing_or_bad_key_is_improperly_configured(keys, value):
    keys(*value)
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x")


def test_missing_blind_index_key(settings):
    settings.BLIND_INDEX_KEY = ""
    with pytest.raises(ImproperlyConfigured):
        crypto.name_fingerprint("Ali")


def test_value_of_a_removed_key_cannot_be_read(keys):
    keys(KEY_A)
    client = ClientFactory(name="Ali Müller")
    keys(KEY_B)
    with pytest.raises(ImproperlyConfigured, match="missing old key"):
        Client.objects.get(pk=client.pk)


def test_rotation_re_encrypts_every_column_with_the_first_key(keys):
    keys(KEY_A)
    session = CounsellingSessionFactory(notes="Notiz über Arbeit")
    Case.objects.filter(pk=session.case.pk).update(summary="Zusammenfassung")
    client = Client.objects.get(pk=session.case.client_id)
    name = client.name
    before = raw("counselling_client", "name", client.pk)

    keys(KEY_B, KEY_A)
    dry = StringIO()
    call_command("rotate_encryption_keys", "--dry-run", stdout=dry)
    assert raw("counselling_client", "name", client.pk) == before
    assert "counselling.Client: 1 row(s)" in dry.getvalue()

    out = StringIO()
    call_command("rotate_encryption_keys", stdout=out)
    assert "counselling.CounsellingSession: re-encrypted 1 row(s)" in out.getvalue()
    assert raw("counselling_client", "name", client.pk) != before

    keys(KEY_B)  # the old key is gone: everything still reads
    assert Client.objects.get(pk=client.pk).name == name
    assert CounsellingSession.objects.get(pk=session.pk).notes == "Notiz über Arbeit"
    assert Case.objects.get(pk=session.case.pk).summary == "Zusammenfassung"


def test_rotation_of_blind_indexes(settings, keys):
    keys(*settings.FIELD_ENCRYPTION_KEYS)
    client = ClientFactory(name="Ali Müller")
    settings.BLIND_INDEX_KEY = "a-new-blind-index-key"
    assert Client.objects.get(pk=client.pk).name_fingerprint != crypto.name_fingerprint("Ali Müller")

    out = StringIO()
    call_command("rotate_encryption_keys", "--blind-indexes", stdout=out)

    client.refresh_from_db()
    assert client.name_fingerprint == crypto.name_fingerprint("Ali Müller")
    assert client.name_tokens == crypto.name_search_tokens("Ali Müller")
    assert "Name indexes: recomputed 1" in out.getvalue()
