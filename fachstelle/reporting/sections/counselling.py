"""Report section "counselling" (placeholder: built in issue 9's next step)."""

from . import Section


def section(*, office, filters) -> Section:
    return Section(key="counselling", title="counselling")


def municipality_rows(*, office, filters, municipalities) -> list:
    return []
