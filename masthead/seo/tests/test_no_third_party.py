"""No page of the demo site loads anything from another origin.

Readers are not tracked: no third-party script, pixel, font, stylesheet or
iframe on any public page. Share buttons are plain links, which load nothing
until the reader follows one.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest
from django.contrib.staticfiles import finders

from masthead.core.tests.crawl import crawl

# pytest-django (4.11+) creates the test database only for sessions holding a
# test marked django_db, even though the crawl itself runs in a module fixture.
pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
# Every attribute by which an element makes the browser fetch something.
FETCHING = {
    "script": ["src"],
    "link": ["href"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "frame": ["src"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "input": ["src"],
}


EMBEDS = ("iframe", "frame", "object", "embed")


class Resources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []  # (tag, url)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in EMBEDS:  # refused wherever it points
            self.found.append((tag, attrs.get("src") or attrs.get("data") or ""))
            return
        for name in FETCHING.get(tag, []):
            for url in _urls(name, attrs.get(name)):
                self.found.append((tag, url))


def _urls(name, value):
    if not value:
        return []
    if name == "srcset":
        return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    return [value]


def foreign(page_url, html):
    parser = Resources()
    parser.feed(html)
    return [
        (tag, url)
        for tag, url in parser.found
        if tag in EMBEDS
        or urlparse(urljoin(ORIGIN + page_url, url)).netloc != "testserver"
    ]


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    from django.db import transaction
    from django.test import Client

    from masthead.demo.loader import load_demo, read_content

    with django_db_blocker.unblock(), transaction.atomic():
        load_demo(read_content())
        pages = crawl(Client())
        transaction.set_rollback(True)
    return pages


def test_crawl_covers_every_kind_of_page(demo_site):
    for prefix in ["/articles/", "/sections/", "/tags/", "/authors/"]:
        assert any(url.startswith(prefix) for url in demo_site), prefix
    assert "/" in demo_site


def test_no_page_loads_anything_from_another_origin(demo_site):
    checked = 0
    for url, response in demo_site.items():
        if "html" in response.get("Content-Type", ""):
            assert foreign(url, response.content.decode()) == [], url
            checked += 1
    assert checked > 20


def test_article_pages_load_only_our_own_script(demo_site):
    """The share bar's script on every story; the embed cards' on those with
    embeds (issue 19), which the demo has."""
    articles = [r for u, r in demo_site.items() if u.startswith("/articles/")]
    assert articles
    with_embeds = 0
    for response in articles:
        parser = Resources()
        parser.feed(response.content.decode())
        scripts = [url for tag, url in parser.found if tag == "script"]
        assert scripts in (
            ["/static/masthead/share.js"],
            ["/static/masthead/share.js", "/static/masthead/embeds.js"],
        )
        with_embeds += len(scripts) == 2
    assert with_embeds >= 1


def test_stylesheets_import_nothing_from_elsewhere():
    css = open(finders.find("masthead/site.css"), encoding="utf-8").read()
    urls = re.findall(r"(?:url\(|@import\s+)['\"]?([^'\")\s]+)", css)
    assert [u for u in urls if re.match(r"(https?:)?//", u)] == []


def test_checker_catches_a_foreign_script_a_pixel_and_an_iframe():
    html = (
        '<script src="https://cdn.example/x.js"></script>'
        '<img src="//pixel.example/p.gif"><img src="/media/ok.jpg">'
        '<link rel="stylesheet" href="https://fonts.example/css">'
        '<iframe src="/same-origin-still-an-iframe"></iframe>'
        '<img srcset="/a.jpg 1x, https://cdn.example/b.jpg 2x">'
    )
    assert foreign("/", html) == [
        ("script", "https://cdn.example/x.js"),
        ("img", "//pixel.example/p.gif"),
        ("link", "https://fonts.example/css"),
        ("iframe", "/same-origin-still-an-iframe"),
        ("img", "https://cdn.example/b.jpg"),
    ]
