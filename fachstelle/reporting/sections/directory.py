"""Report section "directory": the offers of the office's public directory in the period.

Definitions
- *running in the period*: a published offer (or an archived one with an end date) whose dates overlap
  the period (no start date: running since always; no end date: still running) and that was published
  before the period ended (or has no publication date recorded).
- *new*: first published in the period (`published_at`, set once at the first publication).
- *stale*: published offers whose confirmation is overdue at the end of the period (or today, if the
  period reaches into the future): flagged as overdue (`confirmation_overdue_since`), or last confirmed
  (never confirmed: created) longer ago than the office's confirmation interval. The flag is the offer's
  current state (it is cleared on confirmation), so for past periods this is today's view of the flags.
- The municipality filter and the per-municipality figures use the municipalities an offer serves
  (`Offer.municipalities`). An offer can serve several municipalities and belong to several promotion
  areas and fields of action: those tables are not additive (their total counts every offer once).

No suppression: offers are not people (a count of offers cannot point to a person), so every count is
shown as it is. Queries: one aggregate for the headline figures, one GROUP BY each for promotion area,
field of action and municipality, plus the two vocabularies and the office's municipalities — seven,
whatever the data volume.
"""

import datetime

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fachstelle.core.languages import active_language
from fachstelle.core.models import FieldOfAction, Municipality, PromotionArea
from fachstelle.offers.models import Offer

from . import Figure, MunicipalityRow, Section
from ._plain import municipality_ids, period_bounds, plain_table

NONE = "none"


def _reference_time(filters) -> datetime.datetime:
    """The moment the stale snapshot is taken: the end of the period, at the latest now."""
    _start, end = period_bounds(filters)
    return min(end, timezone.now())


def _conditions(*, office, filters) -> dict[str, Q]:
    start, end = period_bounds(filters)
    running = (
        (
            Q(status=Offer.Status.PUBLISHED)
            | Q(status=Offer.Status.ARCHIVED, end_date__isnull=False, end_date__gte=filters.start)
        )
        & (Q(published_at__isnull=True) | Q(published_at__lt=end))
        & (Q(start_date__isnull=True) | Q(start_date__lte=filters.end))
        & (Q(end_date__isnull=True) | Q(end_date__gte=filters.start))
    )
    new = Q(status__in=(Offer.Status.PUBLISHED, Offer.Status.ARCHIVED), published_at__gte=start) & Q(
        published_at__lt=end
    )
    reference = _reference_time(filters)
    cutoff = reference - datetime.timedelta(days=office.confirmation_interval_days)
    stale = Q(status=Offer.Status.PUBLISHED) & (
        Q(confirmation_overdue_since__isnull=False, confirmation_overdue_since__lte=reference)
        | Q(last_confirmed_at__lt=cutoff)
        | Q(last_confirmed_at__isnull=True, created_at__lt=cutoff)
    )
    return {"running": running, "new": new, "stale": stale}


def _offers(*, office, filters):
    offers = Offer.objects.filter(office=office)
    if filters.municipality:
        offers = offers.filter(municipalities=filters.municipality)
    return offers


def _grouped(queryset, field: str) -> dict:
    return {
        row[field]: row["n"]
        for row in queryset.values(field).annotate(n=Count("pk", distinct=True)).order_by()
    }


def section(*, office, filters) -> Section:
    conditions = _conditions(office=office, filters=filters)
    offers = _offers(office=office, filters=filters)
    # 1: the headline figures in one pass.
    totals = offers.aggregate(
        running=Count("pk", filter=conditions["running"]),
        new=Count("pk", filter=conditions["new"]),
        stale=Count("pk", filter=conditions["stale"]),
        hidden=Count("pk", filter=Q(status=Offer.Status.PUBLISHED, hidden_unconfirmed_at__isnull=False)),
    )
    running = offers.filter(conditions["running"])
    # 2–4: running offers per promotion area, field of action and municipality (None: none recorded).
    by_area = _grouped(running, "promotion_areas")
    by_field = _grouped(running, "fields_of_action")
    by_municipality = _grouped(running, "municipalities")
    language = active_language()
    # 5–7: the row vocabularies.
    areas = list(PromotionArea.objects.order_by("code"))
    fields = list(FieldOfAction.objects.order_by("order", "name"))
    served = Municipality.objects.filter(offices=office).order_by("name", "pk")
    if filters.municipality:
        served = served.filter(pk=filters.municipality.pk)
    served = list(served.values_list("pk", "name"))

    offers_column = [_("Offers")]
    several = _("An offer can belong to several rows: the rows do not add up to the total.")
    area_table = plain_table(
        key="directory_areas",
        title=_("Offers running by KIP promotion area"),
        row_header=_("KIP promotion area"),
        columns=offers_column,
        rows=[(area.code, f"{area.code} {area.label(language)}", [by_area.get(area.pk, 0)]) for area in areas]
        + [(NONE, _("No promotion area recorded"), [by_area.get(None, 0)])],
        total=[totals["running"]],
        total_label=_("Offers running"),
        note=several,
    )
    field_table = plain_table(
        key="directory_fields",
        title=_("Offers running by field of action"),
        row_header=_("Field of action"),
        columns=offers_column,
        rows=[(field.slug, field.label(language), [by_field.get(field.pk, 0)]) for field in fields]
        + [(NONE, _("No field of action recorded"), [by_field.get(None, 0)])],
        total=[totals["running"]],
        total_label=_("Offers running"),
        note=several,
    )
    municipality_rows_ = [(str(pk), name, [by_municipality.get(pk, 0)]) for pk, name in served]
    if not filters.municipality:
        municipality_rows_.append((NONE, _("No municipality recorded"), [by_municipality.get(None, 0)]))
    municipality_table = plain_table(
        key="directory_municipalities",
        title=_("Offers running by municipality"),
        row_header=_("Municipality"),
        columns=offers_column,
        rows=municipality_rows_,
        total=[totals["running"]],
        total_label=_("Offers running"),
        note=_(
            "An offer can serve several municipalities and is counted in each of them: the rows do not add "
            "up to the total. Municipalities outside the office's area are not listed."
        ),
    )
    return Section(
        key="directory",
        title=_("Directory of offers"),
        figures=[
            Figure("running", _("Offers running in the period"), totals["running"]),
            Figure("new", _("New offers published in the period"), totals["new"]),
            Figure("stale", _("Offers with overdue confirmation"), totals["stale"]),
            Figure("hidden", _("Offers hidden for lack of confirmation (today)"), totals["hidden"]),
        ],
        tables=[area_table, municipality_table, field_table],
        note=_(
            "Counts of offers, not of people: shown without suppression. Overdue: not confirmed within the "
            "office's confirmation interval at the end of the period, or flagged as overdue."
        ),
    )


def municipality_rows(*, office, filters, municipalities) -> list[MunicipalityRow]:
    """Offers running in the period and new offers, per municipality the offers serve (one query)."""
    ids = municipality_ids(municipalities)
    conditions = _conditions(office=office, filters=filters)
    rows = (
        Offer.objects.filter(office=office, municipalities__in=ids)
        .values("municipalities")
        .annotate(
            running=Count("pk", filter=conditions["running"], distinct=True),
            new=Count("pk", filter=conditions["new"], distinct=True),
        )
        .order_by()
    )
    found = {row["municipalities"]: row for row in rows}
    return [
        MunicipalityRow(
            key="directory_running",
            label=_("Offers running"),
            values={pk: found.get(pk, {}).get("running", 0) for pk in ids},
        ),
        MunicipalityRow(
            key="directory_new",
            label=_("New offers"),
            values={pk: found.get(pk, {}).get("new", 0) for pk in ids},
        ),
    ]
