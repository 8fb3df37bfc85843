"""Commenters' email and IP never leave the newsroom; export and erase on request."""

import hashlib
import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from masthead.comments import privacy
from masthead.comments.models import Comment
from masthead.core.tests.crawl import crawl
from masthead.testing import make_article, make_comment

FEED_LINK = re.compile(r'<link[^>]+rel="alternate"[^>]+href="([^"]+)"')


def fingerprints(email):
    """The address and the hashes that would let anyone recover it (Gravatar's MD5)."""
    for variant in {email, email.strip().lower()}:
        yield variant
        yield hashlib.md5(variant.encode()).hexdigest()
        yield hashlib.sha256(variant.encode()).hexdigest()


@pytest.fixture(scope="module")
def public_output(django_db_setup, django_db_blocker):
    """Every public page, feed and API response reachable from the home page."""
    from django.db import transaction
    from django.test import Client

    from masthead.demo.loader import load_demo, read_content

    with django_db_blocker.unblock(), transaction.atomic():
        load_demo(read_content())
        article = Comment.objects.public().first().article
        make_comment(article, name="Reply Person", email="Reply.Person@Example.org",
                     ip_address="2001:db8:85a3::8a2e:370:7334")
        client = Client()
        pages = crawl(client)
        for response in list(pages.values()):
            for feed in FEED_LINK.findall(response.content.decode(errors="replace")):
                if feed.startswith("/") and feed not in pages:
                    pages[feed] = client.get(feed)
        emails = set(Comment.objects.values_list("email", flat=True))
        ips = set(Comment.objects.values_list("ip_address", flat=True)) - {None}
        transaction.set_rollback(True)
    return pages, emails, ips


def test_crawl_covers_articles_and_comments(public_output):
    pages, _, _ = public_output
    assert len(pages) > 10
    assert any('class="comment-list"' in r.content.decode(errors="replace")
               for r in pages.values())


def test_no_email_or_email_hash_in_any_public_response(public_output):
    pages, emails, _ = public_output
    for url, response in pages.items():
        body = response.content.decode(errors="replace")
        for email in emails:
            for secret in fingerprints(email):
                assert secret not in body, (url, email)


def test_no_full_ip_address_in_any_public_response(public_output):
    pages, _, ips = public_output
    for url, response in pages.items():
        body = response.content.decode(errors="replace")
        for ip in ips:
            assert ip not in body, (url, ip)


def test_ips_are_truncated_to_a_network():
    assert privacy.truncate_ip("203.0.113.77") == "203.0.113.0"
    assert privacy.truncate_ip("2001:db8:85a3:1:2:3:4:5") == "2001:db8:85a3:1::"
    assert privacy.truncate_ip(None) is None


@pytest.mark.django_db
def test_truncate_command_touches_only_comments_older_than_the_setting(settings):
    settings.MASTHEAD_COMMENTS_IP_RETENTION_DAYS = 30
    article = make_article()
    old = make_comment(article, ip_address="203.0.113.77")
    new = make_comment(article, ip_address="2001:db8::1234")
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    out = _run("truncate_comment_ips")
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.ip_address, new.ip_address) == ("203.0.113.0", "2001:db8::1234")
    assert "Truncated 1 comment IP address(es)." in out
    assert "Truncated 0" in _run("truncate_comment_ips")  # idempotent


@pytest.mark.django_db
def test_export_writes_everything_held_about_an_address():
    article = make_article(title="Budget vote")
    make_comment(article, email="Ada@Example.com", body="Mine.", website="https://ada.example")
    make_comment(article, email="other@example.com")
    data = json.loads(_run("commenter_export", "ada@example.com"))
    assert [c["body"] for c in data["comments"]] == ["Mine."]
    comment = data["comments"][0]
    assert comment["ip_address"] == "203.0.113.7"
    assert comment["website"] == "https://ada.example"
    assert comment["article"]["title"] == "Budget vote"


@pytest.mark.django_db
def test_erase_anonymizes_but_keeps_the_thread():
    article = make_article()
    parent = make_comment(article, name="Ada", email="ada@example.com",
                          website="https://ada.example", user_agent="Firefox")
    reply = make_comment(article, parent=parent, depth=1, email="b@example.com")
    assert "Anonymized 1 comment(s)" in _run("commenter_erase", "ada@example.com")
    parent.refresh_from_db()
    assert (parent.name, parent.email, parent.website, parent.user_agent) == (
        "Anonymous", "", "", "")
    assert parent.ip_address == "203.0.113.0"
    assert parent.body.startswith("Comment number")
    assert Comment.objects.get(pk=reply.pk).parent_id == parent.pk


@pytest.mark.django_db
def test_commands_refuse_what_is_not_an_email_address():
    for command in ("commenter_export", "commenter_erase"):
        with pytest.raises(CommandError, match="Not an email address"):
            call_command(command, "not-an-address")


@pytest.mark.django_db
def test_admin_actions_export_and_erase(client):
    article = make_article()
    comment = make_comment(article, email="ada@example.com")
    client.force_login(get_user_model().objects.create_superuser("ed", "e@example.com", "pw"))
    url = "/admin/comments/comment/"
    response = client.post(url, {"action": "export_personal_data", "_selected_action": [comment.pk]})
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)[0]["email"] == "ada@example.com"
    client.post(url, {"action": "erase_personal_data", "_selected_action": [comment.pk]})
    assert Comment.objects.get(pk=comment.pk).name == "Anonymous"


@pytest.mark.django_db
def test_remember_me_cookie_is_httponly_for_a_year_and_signed(client):
    from masthead.comments.cookies import ONE_YEAR

    from .test_comment_flow import post

    article = make_article()
    post(client, article, remember="on")
    cookie = client.cookies["masthead_commenter"]
    assert cookie["httponly"] and int(cookie["max-age"]) == ONE_YEAR == 365 * 24 * 3600
    assert "ada@example.com" not in cookie.value  # signed and encoded, not plain
    client.cookies["masthead_commenter"] = cookie.value[:-2] + "xx"  # tampered
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'value="Ada Reader"' not in html


@pytest.mark.django_db
def test_avatar_is_keyed_on_a_secret_not_a_public_hash(settings):
    from masthead.comments.avatars import avatar_key

    key = avatar_key("ada@example.com")
    settings.SECRET_KEY = "another-secret"
    assert avatar_key("ada@example.com") != key
    assert key not in hashlib.md5(b"ada@example.com").hexdigest()


def _run(command, *args):
    from io import StringIO

    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()
