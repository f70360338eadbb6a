"""Query parameters and list answers shared by GET /pages, /events and /news.

The conventions are the offers' (fachstelle.api.offers): `lang` unknown → German with a warning, `office`
unknown → 400, a bad `page` or an unknown filter value → ignored with a warning (the same messages, so the
catalogues translate them once), pages of 20 with absolute `next`/`previous` links.
"""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from fachstelle.core.models import Office

from . import content_selectors as selectors
from .offers import _json, _page_url, _param

MAX_VALUES_PER_FILTER = 20

PAGE_PARAMETER = _param(
    "page",
    "Page number, 20 results a page; invalid numbers give the first page, numbers past the last page "
    "the last page.",
    {"type": "integer"},
)
MUNICIPALITY_PARAMETER_TEXT = "BFS number of a municipality served by the office (or by any active office)"


def values(request: HttpRequest, name: str) -> list[str]:
    """All values of a parameter, repeated (`a=1&a=2`) or comma-separated (`a=1,2`), at most 20."""
    found: list[str] = []
    for raw in request.GET.getlist(name):
        found += [value.strip() for value in raw.split(",") if value.strip()]
    return list(dict.fromkeys(found))[:MAX_VALUES_PER_FILTER]


def page_number(request: HttpRequest, warnings: list[str]) -> int:
    raw = (request.GET.get("page") or "1").strip()
    # isdecimal, not isdigit: int() refuses digits such as '²' that isdigit accepts.
    if raw.isdecimal() and len(raw) <= 9 and 0 < int(raw) <= selectors.MAX_PAGE:
        return int(raw)
    if raw and raw != "1":
        warnings.append(_("Invalid page number; showing the first page."))
    return 1


def municipality_ids(request: HttpRequest, office: Office | None, warnings: list[str]) -> list[int]:
    """Ids of the municipalities named by `municipality` (BFS numbers) that are served; others are ignored
    with a warning, as in the offer search."""
    numbers, bad = [], []
    for raw in values(request, "municipality"):
        (numbers if raw.isdecimal() and len(raw) <= 9 else bad).append(raw)
    found = selectors.municipality_ids_served(bfs_numbers=[int(n) for n in numbers], office=office)
    bad += [raw for raw in numbers if int(raw) not in found]
    for raw in bad:
        warnings.append(_("Unknown municipality ignored: %(value)s") % {"value": raw[:40]})
    return [pk for ids in found.values() for pk in ids]


def unknown_ignored(warnings: list[str], label: str, bad: list[str]) -> None:
    if bad:
        warnings.append(
            _("Unknown %(filter)s ignored: %(values)s")
            % {"filter": label, "values": ", ".join(v[:40] for v in bad)}
        )


def list_response(
    request: HttpRequest, result: selectors.ResultPage, results: list[dict], warnings
) -> HttpResponse:
    return _json(
        {
            "count": result.count,
            "next": _page_url(request, result.page + 1) if result.has_next else None,
            "previous": _page_url(request, result.page - 1) if result.has_previous else None,
            "warnings": warnings,
            "results": results,
        }
    )
