"""A published story, a section, a tag or a person renamed: old addresses follow."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from masthead.articles.models import Article
from masthead.people.services import merge_people
from masthead.redirects.models import Redirect
from masthead.testing import make_article, make_person, make_section, make_tag

pytestmark = pytest.mark.django_db


def rows():
    return dict(Redirect.objects.values_list("old_path", "new_path"))


def rename(row, slug):
    row.slug = slug
    row.save()
    return row


def test_a_published_storys_page_and_comments_feed_follow_its_new_slug():
    rename(make_article(slug="budget"), "budget-passes")
    assert rows() == {
        "/articles/budget/": "/articles/budget-passes/",
        "/articles/budget/comments/feed/": "/articles/budget-passes/comments/feed/",
    }
    assert Redirect.objects.first().kind == Redirect.Kind.AUTOMATIC


def test_renamed_twice_every_old_address_leads_straight_to_the_newest():
    story = rename(rename(make_article(slug="a"), "b"), "c")
    assert rows()["/articles/a/"] == "/articles/c/"
    assert rows()["/articles/b/"] == "/articles/c/"
    assert story.get_absolute_url() == "/articles/c/"


def test_a_story_taking_its_old_slug_back_removes_the_redirect_that_shadowed_it():
    rename(rename(make_article(slug="a"), "b"), "a")
    assert rows() == {
        "/articles/b/": "/articles/a/",
        "/articles/b/comments/feed/": "/articles/a/comments/feed/",
    }


def test_a_drafts_slug_change_records_nothing():
    draft = make_article(slug="draft", status=Article.Status.DRAFT)
    rename(draft, "draft-2")
    embargoed = make_article(
        slug="embargoed",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + timedelta(days=1),
    )
    rename(embargoed, "embargoed-2")
    assert rows() == {}


def test_a_new_story_published_at_a_redirected_address_takes_it():
    rename(make_article(slug="floods"), "floods-2024")
    assert "/articles/floods/" in rows()
    make_article(slug="floods")
    assert "/articles/floods/" not in rows()


def test_a_draft_at_a_redirected_address_leaves_the_redirect_until_published():
    rename(make_article(slug="floods"), "floods-2024")
    draft = make_article(slug="floods", status=Article.Status.DRAFT)
    assert "/articles/floods/" in rows()
    draft.status, draft.published_at = Article.Status.PUBLISHED, timezone.now()
    draft.save()
    assert "/articles/floods/" not in rows()


def test_a_section_page_and_its_feeds_follow_its_new_slug():
    rename(make_section(slug="city"), "city-hall")
    assert rows() == {
        "/sections/city/": "/sections/city-hall/",
        "/sections/city/feed/": "/sections/city-hall/feed/",
        "/sections/city/feed/atom/": "/sections/city-hall/feed/atom/",
    }


def test_a_tag_page_and_its_feeds_follow_its_new_slug():
    tag = make_tag()
    old = tag.slug
    rename(tag, "housing")
    assert rows()[f"/tags/{old}/"] == "/tags/housing/"
    assert rows()[f"/tags/{old}/feed/atom/"] == "/tags/housing/feed/atom/"


def test_an_author_page_feeds_and_voices_page_follow_a_persons_new_slug():
    rename(make_person("Maren Okafor", slug="maren"), "maren-okafor")
    assert rows() == {
        "/authors/maren/": "/authors/maren-okafor/",
        "/authors/maren/feed/": "/authors/maren-okafor/feed/",
        "/authors/maren/feed/atom/": "/authors/maren-okafor/feed/atom/",
        "/voices/maren/": "/voices/maren-okafor/",
    }


def test_a_merged_duplicates_pages_lead_to_the_person_kept():
    keep = make_person("Karen Bass", slug="karen-bass")
    duplicate = make_person("Mayor Bass", slug="mayor-bass")
    merge_people(keep=keep, others=[keep, duplicate])
    assert rows()["/authors/mayor-bass/"] == "/authors/karen-bass/"
    assert rows()["/voices/mayor-bass/"] == "/voices/karen-bass/"


def test_saves_that_cannot_move_a_row_never_look_at_redirects():
    """A body re-rendered (update_fields) or a new headline: no redirect written."""
    story = make_article(slug="steady")
    with CaptureQueriesContext(connection) as queries:
        story.save(update_fields=["body_html", "story"])
    assert not [q for q in queries if "redirects_redirect" in q["sql"]]
    story.title = "A new headline"
    story.save()
    assert rows() == {}
