import pytest
from django.core.management import call_command

from masthead.articles.models import Article, Section
from masthead.comments.models import Comment
from masthead.frontpage.models import Banner, Pin, SectionLayout
from masthead.people.models import Person

pytestmark = pytest.mark.django_db


def test_demo_content_meets_the_newsrooms_brief(settings, tmp_path):
    call_command("load_demo", stdout=open(tmp_path / "out.txt", "w"))
    assert Article.objects.published().count() >= 12
    assert Section.objects.count() >= 3
    authors = Person.objects.filter(bylines__isnull=False).distinct()
    assert authors.count() >= 4
    assert all(a.bio and a.photo for a in authors)
    for article in Article.objects.select_related("hero_image"):
        assert article.hero_image.credit and article.hero_image.alt_text
        assert article.hero_image.width == 1600
        assert "“" in article.body or '"' in article.body
    assert Comment.objects.public().exists() and Comment.objects.pending().exists()
    assert Comment.objects.filter(parent__isnull=False).exists()
    # A reporter's reply carries the staff badge (issue 21); readers' never.
    assert list(Comment.objects.filter(by_staff=True).values_list("name", flat=True)) == [
        "Maren Okafor"
    ]


def test_the_demo_uses_every_story_block(tmp_path):
    """Issue 19: figures, a gallery, a pull quote, a fact box, related stories
    and a resolved embed, with nothing missing."""
    call_command("load_demo", stdout=open(tmp_path / "out.txt", "w"))
    article = Article.objects.get(slug="county-warns-elevated-flood-risk-alder-river")
    html = article.body_html
    for mark in ('class="story-figure story-figure--inline"', "story-figure--wide",
                 'class="story-gallery"', 'class="pull-quote"', 'class="fact-box',
                 'class="related-stories"', 'class="embed"'):  # fmt: skip
        assert mark in html, mark
    assert html.count('<li class="related-card">') == 2  # one was loaded after it
    assert article.story["missing"] == [] and article.story["unresolved"] == []
    assert len(article.body_images) == 2 + 3 + 1  # figures, gallery, the embed's still


def test_the_demo_front_page_is_curated_and_has_no_banner(client, tmp_path):
    """Issue 20: a pinned lead, two pinned top stories and one section's layout;
    no breaking-news banner, so the demo looks like an ordinary day."""
    call_command("load_demo", stdout=open(tmp_path / "out.txt", "w"))
    call_command("load_demo", stdout=open(tmp_path / "out.txt", "w"))
    slots = list(Pin.objects.values_list("slot", "article__slug"))
    assert slots == [
        ("lead", "county-warns-elevated-flood-risk-alder-river"),
        ("top", "pellham-ridge-fire-smoke-air-quality-advisory"),
        ("top", "otters-win-first-state-girls-basketball-title"),
    ]
    assert list(SectionLayout.objects.values_list("section__slug", "layout")) == [
        ("business", "lead_list")
    ]
    assert not Banner.objects.exists()
    home = client.get("/").content.decode()
    lead = home.split('class="front-lead"', 1)[1].split("</section>", 1)[0]
    assert "County warns of elevated flood risk" in lead
    assert ">Top stories</h2>" in home and "breaking-news" not in home


def test_loading_twice_adds_nothing_twice(tmp_path):
    out = tmp_path / "out.txt"
    call_command("load_demo", stdout=open(out, "w"))
    counts = (Article.objects.count(), Comment.objects.count(), Person.objects.count())
    call_command("load_demo", stdout=open(out, "w"))
    assert (Article.objects.count(), Comment.objects.count(), Person.objects.count()) == counts
    text = out.read_text()
    assert "http://127.0.0.1:8000/" in text and "username 'editor'" in text


def test_the_demo_editor_has_the_editor_role_and_settings_have_their_own_account(tmp_path):
    """Issue 20: the editor is not a superuser; an administrator account is."""
    from django.contrib.auth import get_user_model

    call_command("load_demo", stdout=open(tmp_path / "out.txt", "w"))
    editor = get_user_model().objects.get(username="editor")
    assert editor.is_staff and not editor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == ["Editor"]
    assert editor.has_perm("articles.publish_article")
    assert not editor.has_perm("auth.change_user")
    assert get_user_model().objects.get(username="admin").is_superuser
    assert "username 'admin'" in (tmp_path / "out.txt").read_text()


def test_demo_prints_progress_and_login(tmp_path):
    out = tmp_path / "out.txt"
    call_command("load_demo", "--url", "http://127.0.0.1:8123/", stdout=open(out, "w"))
    text = out.read_text()
    assert "[1/" in text
    assert "http://127.0.0.1:8123/admin/" in text


def test_unreadable_content_is_a_clear_error(tmp_path):
    from django.core.management.base import CommandError

    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(CommandError, match="Cannot read demo content"):
        call_command("load_demo", "--content", str(bad))
