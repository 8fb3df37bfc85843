import io

import pytest
from django.core.management import call_command

from masthead.newsletters import inbox, tokens
from masthead.newsletters.models import Subscriber, Subscription
from masthead.testing import make_newsletter, make_subscribers

pytestmark = pytest.mark.django_db

DSN = b"""From: MAILER-DAEMON@mx.example
To: newsroom@ledger.example
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

Your message could not be delivered.
--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example

Final-Recipient: rfc822; %(email)s
Action: %(action)s
Status: %(status)s
Diagnostic-Code: smtp; 550 5.1.1 user unknown
--B--
"""

ARF = b"""From: feedback@provider.example
Subject: complaint
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="B"

--B
Content-Type: text/plain

A complaint.
--B
Content-Type: message/feedback-report

Feedback-Type: abuse
--B
Content-Type: message/rfc822

From: The Ledger <newsroom@ledger.example>
To: %(email)s
Subject: Morning Briefing

Hello.
--B--
"""


@pytest.fixture
def reader():
    return make_subscribers(make_newsletter(), 1)[0]


def test_a_permanent_bounce_suppresses_the_address(reader):
    raw = DSN % {
        b"email": reader.email.encode(),
        b"action": b"failed",
        b"status": b"5.1.1",
    }
    assert inbox.handle(raw) == "bounce: suppressed 1"
    reader.refresh_from_db()
    assert reader.is_suppressed and "550 5.1.1" in reader.suppressed_reason


def test_a_delay_does_not(reader):
    raw = DSN % {
        b"email": reader.email.encode(),
        b"action": b"delayed",
        b"status": b"4.4.1",
    }
    assert inbox.handle(raw) == "bounce: nothing permanent"
    assert not Subscriber.objects.get().is_suppressed


def test_a_complaint_suppresses_the_address(reader):
    assert (
        inbox.handle(ARF % {b"email": reader.email.encode()})
        == "complaint: suppressed 1"
    )
    assert Subscriber.objects.get().suppressed_reason == "Reported as spam"


def test_a_mailed_unsubscribe_works_from_the_command(reader, monkeypatch, capsys):
    subscription = Subscription.objects.get()
    token = tokens.unsubscribe_token(reader.pk, reader.key, subscription.newsletter_id)
    raw = f"From: {reader.email}\nSubject: unsubscribe {token}\n\n".encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(raw)))
    call_command("newsletter_inbox")
    assert "unsubscribed by email" in capsys.readouterr().out
    assert Subscription.objects.get().status == "unsubscribed"
