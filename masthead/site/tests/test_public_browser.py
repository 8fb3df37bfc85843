"""Readers' pages in Chromium: 0 axe-core WCAG 2.1 A/AA violations on every
kind of public page of the demo (the guide's bar; issue 21's "axe stays at 0")."""

import pytest

from masthead.core.tests.axe import violations
from masthead.demo.loader import load_demo, read_content

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PAGES = [
    "/",
    "/sections/local/",
    "/tags/city-council/",
    "/authors/maren-okafor/",
    "/articles/council-passes-budget-after-overtime-debate/",
    "/search/?q=river",
    "/corrections/",
    "/voices/",
]


def test_public_pages_have_no_axe_violations(browser, live_server):
    load_demo(read_content())
    page = browser.new_context().new_page()
    found = {}
    for path in PAGES:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        found[path] = violations(page)
    page.context.close()
    assert {path: v for path, v in found.items() if v} == {}
