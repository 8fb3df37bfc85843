"""Strict text: what cannot be stored exactly as typed is refused, never altered."""

import pytest

from masthead.comments import strict
from masthead.comments.models import Comment
from masthead.testing import make_article, make_comment, trust_browser

from .test_comment_flow import post


def test_undecodable_fields_names_each_field_with_bad_bytes():
    body = b"comment=caf%C3&name=Ada&email=%FF%40example.com&website=ok+%E2%9C%93"
    assert strict.undecodable_fields(body) == {"comment", "email"}


@pytest.mark.parametrize("value", ["a\x00b", "a\rb", "a\x1bb", "a\x85b", "a\ud800b", "\ufffe"])
def test_control_characters_and_surrogates_are_named(value):
    problem = strict.character_problem(value, multiline=True)
    assert problem and "U+" in problem and "Please remove it." in problem


def test_newline_and_tab_are_text_only_in_the_body():
    assert strict.character_problem("one\n\ttwo", multiline=True) is None
    assert "U+000A" in strict.character_problem("one\ntwo")


def test_byte_length_counts_emoji_as_four():
    assert strict.byte_length("🦆") == 4
    assert strict.byte_length("\ud800") == 3


@pytest.mark.django_db
def test_invalid_utf8_in_a_post_gets_a_clear_error_and_nothing_is_stored(client):
    article = make_article()
    response = client.post(
        f"/articles/{article.slug}/comments/",
        b"comment=caf%C3&name=Ada&email=ada%40example.com",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "not sent as valid UTF-8" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_nul_in_the_body_is_refused_with_the_character_named(client):
    article = make_article()
    response = post(client, article, comment="before\x00after")
    assert response.status_code == 400
    assert "U+0000 control character" in response.content.decode()


@pytest.mark.django_db
def test_crlf_from_a_textarea_is_stored_as_newlines(client):
    article = make_article()
    trust_browser(client, "ada@example.com")  # a regular commenter, in their browser
    post(client, article, comment="one\r\ntwo")
    assert Comment.objects.filter(body="one\ntwo").exists()


@pytest.mark.django_db
def test_limit_in_bytes_refuses_text_within_the_character_limit(client):
    article = make_article()
    response = post(client, article, comment="😀" * 16384)  # 65,536 bytes
    assert response.status_code == 400
    assert "at most 65535 bytes (it has 65536)" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_emoji_round_trip_through_the_database():
    article = make_article()
    comment = make_comment(article, name="Zoë 🦆", body="🦆" * 1000)
    comment.refresh_from_db()
    assert comment.name == "Zoë 🦆" and comment.body == "🦆" * 1000
