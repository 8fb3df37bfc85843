import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from masthead.articles.models import Article
from masthead.comments.models import Comment

pytestmark = pytest.mark.django_db


def test_generate_adds_published_articles_with_bylines_and_comments(capsys):
    out = io.StringIO()
    call_command("generate", "--articles", "30", "--comments", "400", stdout=out)
    assert Article.objects.published().count() == 30
    assert all(a.bylines.exists() and a.body_html for a in Article.objects.all()[:5])
    assert Comment.objects.public().count() == 400
    assert Comment.objects.values("article").distinct().count() == 30
    assert "Added 30 articles and 400 comments" in out.getvalue()
    assert "comments: 400/400" in capsys.readouterr().err


def test_generate_again_adds_more_without_clashing():
    call_command("generate", "--articles", "5", stdout=io.StringIO())
    call_command("generate", "--articles", "5", "--seed", "2", stdout=io.StringIO())
    assert Article.objects.count() == 10


def test_generate_again_with_the_featured_article_replaces_it():
    for seed in ("1", "2"):
        call_command("generate", "--articles", "5", "--comments", "10",
                     "--featured-comments", "3", "--seed", seed, stdout=io.StringIO())
    featured = Article.objects.get(slug="benchmark-article")
    assert featured.hero_image is not None and featured.comments.count() == 3
    assert Article.objects.count() == 11  # 5 + 5, and the featured one once


def test_comments_without_articles_is_a_clear_error():
    with pytest.raises(CommandError, match="Comments need articles"):
        call_command("generate", "--articles", "0", "--comments", "5")


def test_featured_article_has_exactly_the_comments_asked_for():
    call_command("generate", "--articles", "3", "--comments", "30",
                 "--featured-comments", "50", stdout=io.StringIO())
    featured = Article.objects.published().get(slug="benchmark-article")
    assert featured.comments.count() == 50
    assert Article.objects.published().first() == featured  # newest: it leads the home page


def test_featured_article_looks_like_a_real_story_page(client):
    call_command("generate", "--articles", "2", "--featured-comments", "5", stdout=io.StringIO())
    featured = Article.objects.published().get(slug="benchmark-article")
    assert featured.hero_image.renditions_ready and featured.hero_image.credit
    speakers = {q.speaker.name for q in featured.quotes.select_related("speaker")}
    assert {"Lena Ostrowski", "Darius Vance", "Ruth Adeyemi", "Tomas Brandt"} <= speakers

    page = client.get(featured.get_absolute_url()).content.decode()
    assert "Voices in this story" in page
    assert "<picture" in page and "Photo: Synthetic Staff" in page


def test_after_a_bulk_load_a_duplicate_check_reads_an_index_not_every_comment():
    from django.db import connection

    from masthead.comments.models import Comment as C

    call_command("generate", "--articles", "20", "--comments", "4000", stdout=io.StringIO())
    article = Article.objects.first()
    post = C(article=article, parent=None, name="Someone New", email="new@example.org",
             body="A fresh thought.")
    plan = C.objects.duplicates_of(post).explain()

    assert "comment_article_name_idx" in plan
    if connection.vendor == "sqlite":
        # The email side too: from the article index alone, each post on a
        # busy story read every comment on it.
        assert "comment_article_email_idx" in plan, plan
    assert not C.objects.duplicates_of(post).exists()
    if connection.vendor == "sqlite":
        # And inside the query a post makes, where the rules are read with both
        # checks (comments/policy.py), rather than from the parent_id index.
        assert "comment_article_email_idx" in standing_plan(post), standing_plan(post)


def standing_plan(comment):
    from masthead.comments.policy import _STANDING
    from masthead.comments.trust import MAX_CLAIMS
    from masthead.testing import explain_prepared

    return explain_prepared(
        _STANDING, article_id=comment.article_id, name=comment.name, email=comment.email,
        parent_id=None, body=comment.body, trusted_email=comment.email,
        **{f"claim{n}": 0 for n in range(MAX_CLAIMS)},
    )


@pytest.mark.django_db(transaction=True)
def test_generate_outside_a_transaction_leaves_postgresql_vacuumed():
    from django.db import connection

    call_command("generate", "--articles", "5", stdout=io.StringIO())
    if connection.vendor != "postgresql":
        pytest.skip("VACUUM is PostgreSQL's; SQLite's statistics are checked above")
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = 'articles_article'")
        assert cursor.fetchone()[0] is not None
