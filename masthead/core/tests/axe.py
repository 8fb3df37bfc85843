"""axe-core, Deque's accessibility engine, run inside Chromium on a page.

`make install` fetches it from npm into the virtualenv (no code fetches it at
run time); tests skip with the reason where it is missing. The rules are
WCAG 2.0 and 2.1, levels A and AA: the bar the guide sets for every page.
"""

import os
from pathlib import Path

import pytest

AXE = Path(
    os.environ.get(
        "MASTHEAD_AXE",
        Path(__file__).resolve().parents[3] / ".venv/axe/node_modules/axe-core/axe.min.js",
    )
)
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page):
    """[(rule id, impact, how many nodes, first node's selector)] on this page."""
    if not AXE.exists():
        pytest.skip(f"axe-core not found at {AXE} (make install fetches it from npm)")
    # Evaluated over the DevTools protocol: the page's CSP, which allows no
    # inline script, stays as readers get it.
    page.evaluate(AXE.read_text() + "\n;undefined")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    return [
        (v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"])
        for v in result["violations"]
    ]
