"""Emails about comments: authors, editors, and double opt-in reply notices.

TransactionTestCase-style (transaction=True) because approval emails are queued from
transaction.on_commit, which a rolled-back test transaction never runs; the
tests then do what `masthead worker` would: run the queued jobs, and send
the emails new comments are stored with.
"""

import smtplib
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from masthead.comments import notifications, services, staff
from masthead.comments.forms import issued_token
from masthead.comments.models import Comment, CommentSettings
from masthead.comments.tasks import send_due_emails
from masthead.jobs.queue import run_pending as run_jobs
from masthead.testing import make_article, make_comment, make_person, trust_browser

pytestmark = pytest.mark.django_db(transaction=True)
SITE = "https://ledger.example"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.MASTHEAD_SITE_URL = SITE


@pytest.fixture
def article():
    CommentSettings.objects.update_or_create(pk=1, defaults={"flood_seconds": 0})
    author = make_person("Jo Writer", email="jo@ledger.example")
    article = make_article(title="Budget vote", authors=[author])
    run_jobs()  # the article's own (quote extraction), so each test counts only its own
    return article


def post(client, article, **fields):
    data = {"comment": "Good reporting.", "name": "Ada Reader", "email": "ada@example.com",
            "issued": issued_token(time.time() - 60), **fields}
    return client.post(f"/articles/{article.slug}/comments/", data)


def test_pending_comment_emails_editors_not_authors(client, article):
    get_user_model().objects.create_user("ed", "ed@ledger.example", "pw", is_staff=True)
    get_user_model().objects.create_user("reader", "r@example.com", "pw")
    post(client, article)
    assert mail.outbox == []  # the reader's answer does not wait for the mail server
    assert send_due_emails() == 1
    assert [m.to for m in mail.outbox] == [["ed@ledger.example"]]
    assert "awaiting moderation" in mail.outbox[0].subject
    assert f"{SITE}/admin/comments/comment/moderate/" in mail.outbox[0].body
    assert send_due_emails() == 0  # sent once only
    assert len(mail.outbox) == 1


def test_a_post_writes_one_row_which_is_its_own_outbox(article, django_assert_num_queries):
    """No job row and no transaction of its own: the comment's emails are due
    exactly when the comment is stored."""
    jobs_before = DBTaskResult.objects.count()
    # Staff names and addresses are read once per process and kept until a
    # staff account or author changes (comments/staff.py): none per post.
    staff.identities()
    with django_assert_num_queries(2):  # the rules and both checks; the INSERT
        services.post_comment(article=article, name="Ada", email="ada@example.com",
                              body="Thanks.")
    assert Comment.objects.get().emails_due
    assert DBTaskResult.objects.count() == jobs_before
    with pytest.raises(RuntimeError), transaction.atomic():
        services.post_comment(article=article, name="Bo", email="bo@example.com",
                              body="Thanks too.")
        raise RuntimeError("the request failed after the post")
    assert Comment.objects.count() == 1
    assert send_due_emails() == 1
    assert not Comment.objects.get().emails_due


def test_a_failed_send_is_logged_and_the_others_still_go(client, article, monkeypatch):
    get_user_model().objects.create_user("ed", "ed@ledger.example", "pw", is_staff=True)
    post(client, article, name="First Reader", email="first@example.com")
    post(client, article, name="Second Reader", email="second@example.com")
    real = notifications.notify_editors

    def broken_for_the_first(comment, base=None):
        if comment.name == "First Reader":
            # A permanent refusal of one address; a server that is away
            # instead keeps every email for later (test_notifications_smtp.py).
            refused = {"ed@ledger.example": (550, b"no such user")}
            raise smtplib.SMTPRecipientsRefused(refused)
        real(comment, base=base)

    monkeypatch.setattr(notifications, "notify_editors", broken_for_the_first)
    logged = []
    assert send_due_emails(log=logged.append) == 2
    assert len(mail.outbox) == 1 and "Second Reader" in mail.outbox[0].body
    assert len(logged) == 1 and "no such user" in logged[0]


def test_approval_emails_the_articles_authors(client, article):
    comment = make_comment(article, status=Comment.Status.PENDING)
    services.approve(Comment.objects.filter(pk=comment.pk))
    run_jobs()
    assert [m.to for m in mail.outbox] == [["jo@ledger.example"]]
    assert comment.body in mail.outbox[0].body


def test_editor_can_switch_author_emails_off(client, article):
    CommentSettings.objects.filter(pk=1).update(notify_authors=False)
    comment = make_comment(article, status=Comment.Status.PENDING)
    services.approve(Comment.objects.filter(pk=comment.pk))
    assert run_jobs() == 1
    assert mail.outbox == []


def test_reply_notifications_need_the_signed_link_and_unsubscribe_in_one_click(client, article):
    trust_browser(client, "ada@example.com")  # a regular commenter, in their browser
    post(client, article, notify_replies="on", comment="Tell me about replies.")
    send_due_emails()
    mine = Comment.objects.get(body="Tell me about replies.")
    assert not mine.notify_replies
    confirm = [m for m in mail.outbox if m.to == ["ada@example.com"]][0]
    link = confirm.body.split("open this link:\n")[1].split()[0].replace(SITE, "")
    assert client.get(link).status_code == 200  # a scanner's GET changes nothing
    mine.refresh_from_db()
    assert not mine.notify_replies
    client.post(link)
    mine.refresh_from_db()
    assert mine.notify_replies

    mail.outbox.clear()
    reply = make_comment(article, parent=mine, depth=1, email="bo@example.com",
                         status=Comment.Status.PENDING, body="A reply to Ada.")
    services.approve(Comment.objects.filter(pk=reply.pk))
    run_jobs()
    notice = [m for m in mail.outbox if m.to == ["ada@example.com"]][0]
    assert "A reply to Ada." in notice.body
    unsubscribe = notice.extra_headers["List-Unsubscribe"].strip("<>")
    assert notice.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    client.post(unsubscribe.replace(SITE, ""))
    mine.refresh_from_db()
    assert not mine.notify_replies


def test_a_comment_deleted_before_the_worker_runs_sends_nothing(client, article):
    get_user_model().objects.create_user("ed", "ed@ledger.example", "pw", is_staff=True)
    post(client, article)
    Comment.objects.all().delete()
    assert send_due_emails() == 0
    assert mail.outbox == []


def test_a_link_for_someone_elses_address_is_refused(client, article):
    comment = make_comment(article, email="victim@example.com")
    token = notifications.confirm_token(comment)
    Comment.objects.filter(pk=comment.pk).update(email="changed@example.com")
    assert client.post(f"/articles/comments/replies/confirm/{token}/").status_code == 400
    forged = token[:-3] + "abc"
    assert client.post(f"/articles/comments/replies/confirm/{forged}/").status_code == 400


def test_spam_gets_no_confirmation_email(client, article):
    post(client, article, notify_replies="on", homepage="bot")
    assert Comment.objects.get().status == Comment.Status.SPAM
    assert send_due_emails() == 0
    assert not [m for m in mail.outbox if m.to == ["ada@example.com"]]


@pytest.mark.parametrize("name", ["Ada\r\nBcc: victim@example.com", "Ada\nX-Evil: 1", "A\u2028B"])
def test_cr_lf_never_reaches_a_header(article, name):
    article.title = f"Budget\r\nBcc: victim@example.com {name}"
    article.save()
    comment = make_comment(article, name=name, status=Comment.Status.PENDING)
    services.approve(Comment.objects.filter(pk=comment.pk))
    run_jobs()
    sent = mail.outbox[-1]
    assert "\n" not in sent.subject and "\r" not in sent.subject
    headers = sent.message().as_bytes().split(b"\n\n", 1)[0]
    assert b"\nBcc:" not in headers and b"\nX-Evil" not in headers
    assert sent.message()["Bcc"] is None and sent.to == ["jo@ledger.example"]


def test_header_safe_removes_every_line_break():
    assert notifications.header_safe("a\r\nb\x00c\u2028d") == "a b c d"
