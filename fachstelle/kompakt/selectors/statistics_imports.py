"""Reads for the statistics import pages: the office's imports and the years held per municipality."""

from django.db.models import Count, Sum

from fachstelle.core.models import Office

from ..models import PopulationFigure, StatisticsImport

IMPORTS_SHOWN = 50


def statistics_import_list(*, office: Office, limit: int = IMPORTS_SHOWN) -> list[StatisticsImport]:
    """The office's latest imports with their uploader (one query)."""
    return list(
        StatisticsImport.objects.filter(office=office).select_related("created_by").defer("errors")[:limit]
    )


def statistics_years_by_municipality(*, office: Office) -> list[dict]:
    """[{"municipality": name, "bfs_number": n, "years": [(year, persons), …]}, …] for every municipality the
    office serves, including those without figures (two queries: served municipalities, one aggregate)."""
    municipalities = list(office.municipalities.order_by("name").values("pk", "name", "bfs_number"))
    totals = (
        PopulationFigure.objects.filter(municipality__in=[m["pk"] for m in municipalities])
        .values("municipality_id", "year")
        .annotate(persons=Sum("count"), cells=Count("pk"))
        .order_by("municipality_id", "year")
    )
    years: dict[int, list] = {}
    for row in totals:
        years.setdefault(row["municipality_id"], []).append((row["year"], row["persons"]))
    return [
        {"municipality": m["name"], "bfs_number": m["bfs_number"], "years": years.get(m["pk"], [])}
        for m in municipalities
    ]


def statistics_import_get(*, office: Office, import_id: int) -> StatisticsImport:
    """One import of the office (404 for another office's)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(office.statistics_imports.select_related("created_by"), pk=import_id)
