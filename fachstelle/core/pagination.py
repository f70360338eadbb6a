"""One page of a queryset for the staff lists: a COUNT, then the rows of the page."""

import math
from dataclasses import dataclass

from django.db.models import QuerySet

PER_PAGE = 50


@dataclass
class Page:
    rows: list
    count: int
    page: int
    num_pages: int

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def paginate(queryset: QuerySet, *, page: int, per_page: int = PER_PAGE) -> Page:
    """One page of `queryset`: a COUNT, then the rows of the page (a page out of range shows the last)."""
    total = queryset.count()
    num_pages = max(1, math.ceil(total / per_page))
    page = min(max(page, 1), num_pages)
    if total == 0:
        return Page(rows=[], count=0, page=1, num_pages=1)
    start = (page - 1) * per_page
    return Page(rows=list(queryset[start : start + per_page]), count=total, page=page, num_pages=num_pages)
