"""Newsletters through a real SMTP server process (issue 23's first bar).

aiosmtpd runs as its own process on loopback (core/tests/smtp.py); what it
stored is parsed back: nothing here is Django's locmem backend.
"""

import re
from urllib.parse import urlsplit

import pytest

from masthead.newsletters import confirmations, editions, sending
from masthead.newsletters.models import Edition, Subscription
from masthead.testing import make_article, make_newsletter, make_subscribers

pytestmark = pytest.mark.django_db


def scheduled_edition(newsletter, **fields):
    edition = Edition.objects.create(
        newsletter=newsletter,
        subject="Morning Briefing",
        intro="Good *morning*.",
        status="scheduled",
        **fields,
    )
    edition.edition_stories.create(article=make_article(title="Mill reopens"))
    return edition


def send_everything():
    editions.start_due()
    return sending.send_due(worker="test-worker")


def test_n_confirmed_subscribers_receive_exactly_n_messages_with_list_headers(
    mail_server,
):
    briefing = make_newsletter("Morning Briefing", slug="briefing")
    readers = make_subscribers(briefing, 25)
    make_subscribers(briefing, 3, confirmed=False)  # never confirmed: nothing sent
    scheduled_edition(briefing)
    assert send_everything() == 25

    received = mail_server.messages(count=25)
    assert len(received) == 25
    assert sorted(m["To"] for m in received) == sorted(r.email for r in readers)
    for message in received:
        unsubscribe = message["List-Unsubscribe"]
        assert re.search(
            r"<http://testserver/newsletters/unsubscribe/[^>]+/>", unsubscribe
        )
        assert "<mailto:newsroom@ledger.example?subject=unsubscribe%20" in unsubscribe
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["List-Id"] == '"Morning Briefing" <briefing.testserver>'
        assert message["From"] == "The Ledger <newsroom@ledger.example>"
        assert message["Message-ID"].endswith("@testserver>")
        assert message.get_content_type() == "multipart/alternative"
        html = message.get_body(preferencelist=("html",)).get_content()
        assert "Mill reopens" in html and 'style="' in html
        assert (
            "Mill reopens" in message.get_body(preferencelist=("plain",)).get_content()
        )
    assert len({m["Message-ID"] for m in received}) == 25
    assert Edition.objects.get().status == "sent"


def test_the_one_click_post_from_the_received_header_unsubscribes(mail_server, client):
    briefing = make_newsletter(slug="briefing")
    [reader] = make_subscribers(briefing, 1)
    scheduled_edition(briefing)
    send_everything()
    [message] = mail_server.messages()
    link = re.search(r"<(http[^>]+)>", message["List-Unsubscribe"]).group(1)
    # What a mail provider sends (RFC 8058): no Origin, no cookie, no token but the URL's.
    response = client.post(urlsplit(link).path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscription = Subscription.objects.get(subscriber=reader)
    assert subscription.status == "unsubscribed"


def test_double_opt_in_round_trip_from_the_received_message(mail_server, client):
    briefing = make_newsletter("Morning Briefing", slug="briefing")
    response = client.post(
        "/newsletters/signup/",
        {"email": "ada@example.com", "newsletters": [briefing.pk]},
        headers={"Origin": "http://testserver"},
    )
    assert response.status_code == 303
    assert confirmations.send_due() == 1
    [message] = mail_server.messages()
    assert message["To"] == "ada@example.com"
    assert "Morning Briefing" in message.get_content()
    link = re.search(
        r"http://testserver(/newsletters/confirm/\S+/)", message.get_content()
    )
    assert (
        client.get(link.group(1)).status_code == 200
    )  # a mail scanner changes nothing
    assert Subscription.objects.get().status == "pending"
    assert client.post(link.group(1)).status_code == 200
    assert Subscription.objects.get().status == "active"
