"""Comment emails leave through a real mail server (issue 21, item 5).

The reply opt-in a reader asks for is posted through the form, sent by the
worker's `send_due_emails` over SMTP to an aiosmtpd process on loopback, and
read back from what that server stored: nothing here is a mock backend.
"""

import time

import pytest
from django.utils import timezone

from masthead.articles.models import Article
from masthead.comments.forms import issued_token
from masthead.comments.models import Comment, CommentSettings
from masthead.comments.tasks import send_due_emails
from masthead.core.email import email_settings

pytestmark = pytest.mark.django_db
SITE = "https://ledger.example"


@pytest.fixture
def mail_server(settings, smtp_server):
    for name, value in email_settings(smtp_server.url).items():
        setattr(settings, name, value)
    settings.DEFAULT_FROM_EMAIL = "The Ledger <newsroom@ledger.example>"
    settings.MASTHEAD_SITE_URL = SITE
    return smtp_server


@pytest.fixture
def article():
    CommentSettings.objects.update_or_create(pk=1, defaults={"flood_seconds": 0})
    return Article.objects.create(
        title="Budget vote",
        slug="budget-vote",
        body="The council voted.",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now(),
    )


def test_reply_opt_in_confirmation_arrives_at_the_mail_server(
    client, article, mail_server
):
    Comment.objects.create(
        article=article,
        name="Ada Reader",
        email="ada@example.com",
        body="First.",
        status=Comment.Status.APPROVED,
    )
    response = client.post(
        f"/articles/{article.slug}/comments/",
        {
            "comment": "Tell me about replies.",
            "name": "Ada Reader",
            "email": "ada@example.com",
            "notify_replies": "on",
            "issued": issued_token(time.time() - 60),
        },
    )
    assert response.status_code in (200, 302, 303)
    assert send_due_emails() == 1

    [received] = mail_server.messages()
    assert received["To"] == "ada@example.com"
    assert received["From"] == "The Ledger <newsroom@ledger.example>"
    assert (
        received["Subject"].strip() == "Confirm reply notifications for “Budget vote”"
    )
    assert received["Message-ID"] and received["Date"]
    body = received.get_content()
    assert f"open this link:\n{SITE}/articles/" in body
    assert "ada@example.com" not in body  # the address is the envelope, not the text


def test_emails_due_while_the_mail_server_is_down_are_sent_when_it_is_back(
    client, article, settings, smtp_server
):
    from masthead.core.tests.smtp import free_port

    down = f"smtp://127.0.0.1:{free_port()}/?timeout=2"  # nothing listens there
    for name, value in email_settings(down).items():
        setattr(settings, name, value)
    for n in range(3):
        Comment.objects.create(
            article=article, name=f"Reader {n}", email=f"r{n}@example.com",
            body=f"Reply {n}", status=Comment.Status.PENDING,
            notify_replies_requested=True, emails_due=True,
        )
    lines = []
    assert send_due_emails(log=lines.append) == 0
    assert Comment.objects.filter(emails_due=True).count() == 3  # none lost
    assert lines == ["mail server or database away: emails about 3 comments wait"]
    for name, value in email_settings(smtp_server.url).items():
        setattr(settings, name, value)
    assert send_due_emails() == 3
    received = smtp_server.messages(count=3)
    assert sorted(m["To"] for m in received) == [f"r{n}@example.com" for n in range(3)]
    assert not Comment.objects.filter(emails_due=True).exists()
