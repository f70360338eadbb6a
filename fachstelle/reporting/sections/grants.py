"""Report section "grants" (placeholder: built in issue 9's next step)."""

from . import Section


def section(*, office, filters) -> Section:
    return Section(key="grants", title="grants")


def municipality_rows(*, office, filters, municipalities) -> list:
    return []
