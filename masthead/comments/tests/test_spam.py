"""Spam and abuse rules, each read from the editor's CommentSettings row."""

import time

import pytest

from masthead.comments import spam
from masthead.comments.forms import issued_token
from masthead.comments.models import Comment, CommentSettings
from masthead.testing import make_article, make_comment, trust_browser

from .test_comment_flow import post

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(slug="spam-target")


def rules(**values):
    CommentSettings.objects.update_or_create(pk=1, defaults=values)


def test_word_lists_match_any_field_case_insensitively():
    words = spam.word_list("  Casino \n\nviagra\ncasino")
    assert words == ["casino", "viagra"]
    assert spam.first_match(words, ["Ada", "", "Win at CASINOS"]) == "casino"
    assert spam.first_match(words, ["nothing here"]) is None


def test_links_are_counted_bare_or_marked_up():
    assert spam.count_links("see https://a.example and [b](http://b.example) www.c.example") == 3


def test_filled_honeypot_is_stored_as_spam_but_looks_pending_to_the_poster(client, article):
    response = post(client, article, homepage="http://bot.example")
    comment = Comment.objects.get()
    assert response.status_code == 303
    assert (comment.status, comment.status_reason) == ("spam", "honeypot field filled")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Your comment is awaiting moderation." in page
    assert "Good reporting." not in type(client)().get(article.get_absolute_url()).content.decode()


def test_form_posted_faster_than_the_minimum_is_spam(client, article):
    rules(min_fill_seconds=5)
    post(client, article, issued=issued_token(time.time() - 2))
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_forged_or_missing_timer_is_spam(client, article):
    post(client, article, issued="1700000000:forged")
    assert Comment.objects.get().status_reason.startswith("form posted too fast")


def test_editor_can_switch_the_timer_off(client, article):
    rules(min_fill_seconds=0, hold_for_first_comment=False)
    post(client, article, issued=issued_token(time.time()))
    assert Comment.objects.get().status == Comment.Status.APPROVED


def test_second_comment_within_flood_time_gets_429_with_text_kept(client, article):
    post(client, article, comment="First.")
    response = post(client, article, comment="Second, too soon.", email="other@example.com")
    html = response.content.decode()
    assert response.status_code == 429
    assert "You are posting comments too quickly. Slow down." in html
    assert "Second, too soon.</textarea>" in html
    assert Comment.objects.count() == 1


def test_flood_is_keyed_on_email_as_well_as_ip(client, article):
    post(client, article, comment="First.")
    response = post(client, article, comment="Other IP.", REMOTE_ADDR="203.0.113.99")
    assert response.status_code == 429


def test_hourly_limit_per_ip(client, article):
    rules(flood_seconds=0, max_per_hour=2)
    codes = [post(client, article, comment=f"Note {n}.", email=f"r{n}@example.com").status_code
             for n in range(3)]
    assert codes == [303, 303, 429]


def test_duplicate_gets_409_with_wordpress_wording_and_text_kept(client, article):
    rules(flood_seconds=0)
    post(client, article, comment="Same words.")
    response = post(client, article, comment="Same words.", REMOTE_ADDR="203.0.113.5")
    html = response.content.decode()
    assert response.status_code == 409
    assert "Duplicate comment detected; it looks as though you&#x27;ve already said that!" in html
    assert "Same words.</textarea>" in html
    assert 'id="respond"' in html


def test_a_duplicate_does_not_use_up_the_flood_slot(client, article):
    make_comment(article, name="Ada Reader", body="Said it.", email="x@example.com")
    assert post(client, article, comment="Said it.").status_code == 409
    assert post(client, article, comment="Something new.").status_code == 303


def test_two_links_hold_the_comment_even_for_a_trusted_commenter(client, article):
    trust_browser(client, "ada@example.com")  # a regular commenter, in their browser
    post(client, article, comment="See https://a.example and https://b.example")
    comment = Comment.objects.get(body__startswith="See")
    assert (comment.status, comment.status_reason) == ("pending", "2 links")


def test_moderation_word_in_the_user_agent_holds(client, article):
    rules(moderation_words="curl/")
    trust_browser(client, "ada@example.com")  # a regular commenter, in their browser
    client.post(f"/articles/{article.slug}/comments/", {
        "comment": "From a script.", "name": "Ada Reader", "email": "ada@example.com",
        "issued": issued_token(time.time() - 60)}, HTTP_USER_AGENT="curl/8.0")
    assert Comment.objects.get(body="From a script.").status_reason == "moderation word “curl/”"


@pytest.mark.parametrize(
    ("field", "value", "word"),
    [("name", "Casino King", "casino"), ("email", "x@spam.example", "spam.example"),
     ("website", "https://pills.example", "pills"), ("comment", "Buy PILLS", "pills"),
     ("REMOTE_ADDR", "192.0.2.44", "192.0.2.")],
)
def test_disallowed_word_in_any_field_sends_to_spam(client, article, field, value, word):
    rules(disallowed_words="casino\nspam.example\npills\n192.0.2.")
    post(client, article, **{field: value})
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert comment.status_reason == f"disallowed word “{word}”"


def test_settings_changes_apply_at_once_despite_the_cache(client, article):
    assert CommentSettings.current().hold_link_count == 2
    settings_row = CommentSettings.objects.get()
    settings_row.hold_link_count = 5
    settings_row.save()
    assert CommentSettings.current().hold_link_count == 5
