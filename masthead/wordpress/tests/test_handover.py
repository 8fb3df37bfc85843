"""handover.py: what an import hands to the redirects app once its posts are in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, set_script_prefix

from masthead.articles.models import Article
from masthead.redirects.models import Redirect
from masthead.testing import make_article, make_image
from masthead.wordpress.handover import ArticleUrls, hand_over
from masthead.wordpress.models import ImportedAttachment, ImportedPost, ImportedSite
from masthead.wordpress.report import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    site = ImportedSite.objects.create(key="news.example.org")
    ImportedPost.objects.create(
        site=site, wp_id=200, article=make_article(slug="boats-return"),
        old_paths=["/boats-return/"],
    )  # fmt: skip
    return site


def attachment(site, wp_id, *, parent=None, image=None):
    return ImportedAttachment.objects.create(
        site=site, wp_id=wp_id, url=f"https://news.example.org/{wp_id}.jpg",
        name=f"{wp_id}.jpg", parent_wp_id=parent, image=image,
        old_paths=[f"/boats-return/picture-{wp_id}/", f"/?attachment_id={wp_id}"],
    )  # fmt: skip


def handed_over(site):
    with CaptureQueriesContext(connection) as queries:
        hand_over(site, Report(dry_run=False))
    return len(queries)


def test_attachment_pages_lead_to_their_story_or_else_their_picture(site):
    picture = make_image()
    attachment(site, 101, parent=200)
    attachment(site, 102, image=picture)
    attachment(site, 103)  # neither a story nor a file: nowhere to go
    hand_over(site, Report(dry_run=False))
    rows = dict(Redirect.objects.values_list("old_path", "new_path"))
    assert rows["/boats-return/picture-101/"] == "/articles/boats-return/"
    assert rows["/?attachment_id=101"] == "/articles/boats-return/"
    assert rows["/?attachment_id=102"] == picture.url
    assert "/?attachment_id=103" not in rows


def test_the_handover_asks_the_same_queries_however_many_attachments(site):
    """Query counts are tests: the attachments and their posts are one query."""
    for wp_id in (101, 102):
        attachment(site, wp_id, parent=200)
    few = handed_over(site)
    Redirect.objects.all().delete()
    for wp_id in range(110, 130):
        attachment(site, wp_id, parent=200 if wp_id % 2 else None, image=make_image())
    assert handed_over(site) == few



@pytest.mark.parametrize("slug", ["boats-return", "p_1-2", "2024", "Mixed-Case"])
def test_article_urls_are_what_get_absolute_url_gives(slug):
    assert ArticleUrls()(slug) == Article(slug=slug).get_absolute_url()


@pytest.mark.parametrize("slug", ["café-crème", "x%20y", "a b", ""])
def test_a_slug_the_resolver_refuses_is_refused_as_before(slug):
    with pytest.raises(NoReverseMatch):
        Article(slug=slug).get_absolute_url()
    with pytest.raises(NoReverseMatch):
        ArticleUrls()(slug)


def test_article_urls_follow_the_script_prefix():
    set_script_prefix("/news/")
    try:
        urls = ArticleUrls()
        assert urls("boats-return") == Article(slug="boats-return").get_absolute_url()
        assert urls("boats-return").startswith("/news/")
    finally:
        set_script_prefix("/")
