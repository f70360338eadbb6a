"""Helpers of the browser tests (fixtures are in conftest.py)."""

import functools

from django.utils import translation

DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}


def offer_path(offer, language: str) -> str:
    with translation.override(language):
        return offer.get_absolute_url()


@functools.cache
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()  # reads axe.min.js once


def axe_problems(page, *, impacts=("serious", "critical")) -> list[str]:
    """axe-core's violations of the given impacts on the current page, one readable line per node."""
    results = _axe().run(page)
    lines = []
    for violation in results.response["violations"]:
        if violation["impact"] not in impacts:
            continue
        for node in violation["nodes"]:
            lines.append(
                f"{violation['id']} [{violation['impact']}] {node['target']}: "
                f"{node.get('failureSummary', '').splitlines()[-1:]}"
            )
    return lines
