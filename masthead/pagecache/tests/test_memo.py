"""Rows kept until the next purge: pages rendered from them are never stale."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.articles.models import Article
from masthead.editorial.services import add_correction
from masthead.pagecache import dependencies
from masthead.pagecache.memo import UntilPurge
from masthead.pagecache.store import purge
from masthead.quotes.models import Quote
from masthead.testing import (
    make_article,
    make_comment,
    make_image,
    make_person,
    make_section,
    make_tag,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def row_memo(settings, purges_at_once):
    settings.MASTHEAD_ROW_MEMO = True


def test_a_value_is_built_once_until_a_purge():
    memo, built = UntilPurge(size=4), []

    def build():
        built.append(1)
        return len(built)

    assert memo.get("k", build) == 1
    assert memo.get("k", build) == 1
    purge({"articles:all"})
    assert memo.get("k", build) == 2


def test_a_failed_build_is_not_kept():
    memo = UntilPurge(size=4)

    def missing():
        raise Article.DoesNotExist

    with pytest.raises(Article.DoesNotExist):
        memo.get("k", missing)
    assert memo.get("k", lambda: "found") == "found"


def test_a_purge_while_building_is_not_missed():
    memo = UntilPurge(size=4)

    def build_then_purge():
        purge({"articles:all"})  # an editor saved while this value was read
        return "read before the edit"

    memo.get("k", build_then_purge)
    assert memo.get("k", lambda: "read after the edit") == "read after the edit"


def test_the_oldest_value_leaves_first():
    memo = UntilPurge(size=2)
    for key in "abc":
        memo.get(key, lambda key=key: key.upper())
    assert memo.get("a", lambda: "rebuilt") == "rebuilt"
    assert memo.get("c", lambda: "rebuilt") == "C"


def test_a_kept_value_still_declares_what_it_showed():
    """A page cached from kept rows must be purged as one read from the database."""
    memo = UntilPurge(size=2)

    def build():
        dependencies.depends_on("articles.article:7")
        return "row"

    memo.get("k", build)
    token = dependencies.start()
    memo.get("k", build)
    assert dependencies.finish(token) == {"articles.article:7"}


def test_switched_off_it_always_builds(settings):
    settings.MASTHEAD_ROW_MEMO = False
    memo, built = UntilPurge(size=2), []
    memo.get("k", lambda: built.append(1))
    memo.get("k", lambda: built.append(1))
    assert len(built) == 2


@pytest.fixture
def story():
    speaker = make_person("Ines Varga", slug="ines-varga")
    article = make_article(
        title="Ferry returns",
        slug="ferry-returns",
        body='"We have waited all winter for this," said Ines Varga.',
        section=make_section("Harbour", slug="harbour"),
        authors=[make_person("Maren Okafor", slug="maren-okafor")],
        tags=[make_tag("Ferries")],
        hero_image=make_image(credit="Ledger staff"),
        published_at=timezone.now() - timedelta(hours=1),
    )
    Quote.objects.create(
        article=article, text="We have waited all winter for this", speaker=speaker
    )
    return article


def page(client, article):
    return client.get(article.get_absolute_url()).content.decode()


def without_form_timer(html):
    # The comment form's signed issue time changes every second by design.
    return re.sub(r'name="issued" value="[^"]*"', 'name="issued"', html)


def test_an_article_viewed_again_costs_one_query(
    client, story, django_assert_num_queries
):
    make_comment(story, body="Glad to hear it.")
    first = page(client, story)
    with django_assert_num_queries(1):  # its comments
        again = page(client, story)
    assert without_form_timer(again) == without_form_timer(first)
    assert "Ines Varga" in again and "Glad to hear it." in again


def retitle(story, admin_user):
    story = Article.objects.get(pk=story.pk)
    story.title = "Ferry returns to the harbour"
    story.save()
    return "Ferry returns to the harbour"


def rename_author(story, admin_user):
    person = story.bylines.get().person
    person.name = "Maren Okafor-Lind"
    person.save()
    return "Maren Okafor-Lind"


def add_a_tag(story, admin_user):
    story.tags.add(make_tag("Waterfront"))
    return "Waterfront"


def rename_tag(story, admin_user):
    tag = story.tags.get()
    tag.name = "Ferry service"
    tag.save()
    return "Ferry service"


def credit_image_again(story, admin_user):
    image = story.hero_image
    image.credit = "Courtesy of the harbour trust"
    image.save()
    return "Courtesy of the harbour trust"


def rename_section(story, admin_user):
    section = story.section
    section.name = "Harbour and river"
    section.save()
    return "Harbour and river"


def add_a_section_to_the_navigation(story, admin_user):
    make_section("Weather", slug="weather")
    return "Weather"


def correct_it(story, admin_user):
    text = "An earlier version misdated the ferry."
    add_correction(article=story, user=admin_user, text=text)
    return text


def rename_speaker(story, admin_user):
    speaker = Quote.objects.get(article=story).speaker
    speaker.name = "Ines Varga-Holm"
    speaker.save()
    return "Ines Varga-Holm"


def approve_a_comment(story, admin_user):
    make_comment(story, body="The first sailing was packed.")
    return "The first sailing was packed."


@pytest.mark.parametrize(
    "edit",
    [retitle, rename_author, add_a_tag, rename_tag, credit_image_again, rename_section,
     add_a_section_to_the_navigation, correct_it, rename_speaker, approve_a_comment],
)
def test_the_next_view_shows_every_edit(client, story, admin_user, edit):
    page(client, story)  # read and kept
    expected = edit(story, admin_user)
    assert expected in page(client, story)


def test_unpublishing_takes_the_page_down_at_once(client, story):
    page(client, story)
    story = Article.objects.get(pk=story.pk)
    story.status = Article.Status.UNPUBLISHED
    story.save()
    assert client.get(story.get_absolute_url()).status_code == 404


def test_a_rejected_comment_leaves_the_kept_article_untouched(client, story):
    """The comment post shares the kept article row with every request; the
    page it re-renders loads bylines and tags onto a copy."""
    url = story.get_absolute_url()
    rejected = client.post(url + "comments/", {"comment": "", "name": "", "email": ""},
                           HTTP_ORIGIN="http://testserver")
    assert rejected.status_code == 400 and "Maren Okafor" in rejected.content.decode()
    kept = Article.objects.published_row(story.slug)
    assert not hasattr(kept, "_prefetched_objects_cache")
