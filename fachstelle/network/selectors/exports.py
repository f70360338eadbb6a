"""Export of the office's organisations and contacts in the import's column format, so that an exported file
imports again unchanged (one row per contact; an organisation without contacts is one row)."""

from collections.abc import Iterator

from django.db.models import Prefetch

from fachstelle.core.models import Office

from ..models import Contact, Organisation
from ..services.imports import HEADERS, LIST_SPLIT, FieldIndex, MunicipalityIndex, kind_label


def organisations_for_export(*, office: Office):
    """The office's organisations with what the export writes: 3 queries (organisations, contacts, fields of
    action), whatever the number of rows."""
    return (
        Organisation.objects.filter(office=office)
        .order_by("name", "pk")
        .prefetch_related(
            Prefetch("contacts", queryset=Contact.objects.order_by("-is_primary", "name", "pk")),
            "fields_of_action",
        )
    )


def organisation_export_rows(*, office: Office) -> tuple[tuple[str, ...], Iterator[list[str]]]:
    """Headers and rows of the export. Loads the municipality and field lookups once (2 queries for the
    municipalities, 1 for the fields of action) before the organisations."""
    municipalities = MunicipalityIndex(office=office)
    fields = FieldIndex()
    organisations = list(organisations_for_export(office=office))

    def rows() -> Iterator[list[str]]:
        for organisation in organisations:
            base = [
                organisation.name,
                kind_label(organisation.kind),
                organisation.street,
                organisation.postcode,
                municipalities.label(organisation.municipality_id),
                organisation.website,
                organisation.email,
                organisation.phone,
                ", ".join(
                    fields.label(f.pk) for f in sorted(organisation.fields_of_action.all(), key=_order)
                ),
                # A separator inside a tag would split it on the way back in.
                ", ".join(LIST_SPLIT.sub(" ", str(tag)) for tag in organisation.tags or []),
            ]
            contacts = list(organisation.contacts.all())
            if not contacts:
                yield [*base, "", "", "", ""]
            for contact in contacts:
                yield [*base, contact.name, contact.role, contact.email, contact.phone]

    return HEADERS, rows()


def _order(field_of_action) -> tuple:
    return (field_of_action.order, field_of_action.name)
