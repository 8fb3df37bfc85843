"""Blank comment forms are rendered once, reused only for their article and reader."""

import re

import pytest
from django.utils import timezone

from masthead.comments.forms import issued_token
from masthead.testing import make_article, make_comment

# Each test runs with the caches off and as production runs them (conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_path")]


def form_of(html):
    start = html.index('<div id="respond"')
    return html[start : html.index("</form>", start)]


def test_each_article_gets_a_form_that_posts_to_itself(client):
    river = make_article(slug="river-walk")
    budget = make_article(slug="school-budget")
    river_form = form_of(client.get(river.get_absolute_url()).content.decode())
    budget_form = form_of(client.get(budget.get_absolute_url()).content.decode())

    assert 'action="/articles/river-walk/comments/"' in river_form
    assert 'action="/articles/school-budget/comments/"' in budget_form
    assert "river-walk" not in budget_form


def test_a_remembered_readers_details_never_reach_the_next_reader(
    client, client_factory
):
    article = make_article(slug="river-walk")
    client.post(
        f"/articles/{article.slug}/comments/",
        {
            "comment": "Good reporting.",
            "name": "Ada Reader",
            "email": "ada@example.com",
            "remember": "on",
            "issued": issued_token(timezone.now().timestamp() - 60),
        },
        REMOTE_ADDR="198.51.100.1",
    )

    remembered = form_of(client.get(article.get_absolute_url()).content.decode())
    stranger = form_of(
        client_factory().get(article.get_absolute_url()).content.decode()
    )

    assert 'value="Ada Reader"' in remembered
    assert "Ada Reader" not in stranger
    assert "ada@example.com" not in stranger


def test_a_reply_form_names_the_comment_and_a_plain_one_does_not(client):
    article = make_article(slug="river-walk")
    comment = make_comment(article, name="Grace Hopper")
    reply = form_of(
        client.get(
            f"{article.get_absolute_url()}?replytocom={comment.pk}"
        ).content.decode()
    )
    plain = form_of(client.get(article.get_absolute_url()).content.decode())

    assert "Leave a Reply to <bdi>Grace Hopper</bdi>" in reply  # isolated (issue 21)
    assert f'name="parent" value="{comment.pk}"' in reply
    assert "Grace Hopper" not in plain
    assert re.search(r'name="parent"(?! value)', plain)


def test_the_fill_timer_is_fresh_each_second(client, monkeypatch, settings):
    # A page the cache keeps carries the second it was rendered: older only
    # makes a post look slower, never too fast. This is the render's own timer.
    settings.MASTHEAD_PAGE_CACHE = False
    article = make_article(slug="river-walk")
    monkeypatch.setattr("time.time", lambda: 1_900_000_000)
    first = form_of(client.get(article.get_absolute_url()).content.decode())
    monkeypatch.setattr("time.time", lambda: 1_900_000_001)
    later = form_of(client.get(article.get_absolute_url()).content.decode())

    issued = re.compile(r'name="issued" value="([^"]+)"')
    assert issued.search(first)[1] != issued.search(later)[1]
