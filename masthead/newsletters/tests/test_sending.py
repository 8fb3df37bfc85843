"""The ledger under failure: refusals, a mail server that is down, a worker
that died mid-batch, two workers at once."""

import subprocess
import sys
from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.core.email import email_settings
from masthead.core.tests.smtp import free_port, wait_for_port
from masthead.newsletters import editions, sending
from masthead.newsletters.models import Delivery, Edition, Subscriber
from masthead.testing import make_article, make_newsletter, make_subscribers

from . import counting_smtp

pytestmark = pytest.mark.django_db


@pytest.fixture
def refusing_server(site, tmp_path):
    port, counts = free_port(), tmp_path / "received.tsv"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "masthead.newsletters.tests.refusing_smtp.Refuser",
            str(counts),
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for_port(port, process)
    for name, value in email_settings(f"smtp://127.0.0.1:{port}/?timeout=5").items():
        setattr(site, name, value)
    yield lambda: counting_smtp.read(counts) if counts.exists() else []
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def edition(site):
    briefing = make_newsletter(slug="briefing")
    make_subscribers(briefing, 3)
    Subscriber.objects.create(
        email="bounce@example.com", confirmed_at=timezone.now()
    ).subscriptions.create(newsletter=briefing, status="active")
    Subscriber.objects.create(
        email="later@example.com", confirmed_at=timezone.now()
    ).subscriptions.create(newsletter=briefing, status="active")
    made = Edition.objects.create(
        newsletter=briefing, subject="Briefing", status="scheduled"
    )
    made.edition_stories.create(article=make_article())
    editions.start_due()
    return Edition.objects.get(pk=made.pk)


def states():
    return dict(Delivery.objects.values_list("subscriber__email", "state"))


def test_a_permanent_refusal_fails_and_suppresses_a_temporary_one_is_retried(
    refusing_server, edition
):
    assert sending.send_due(worker="w") == 3
    found = states()
    assert found["bounce@example.com"] == "failed"
    assert found["later@example.com"] == "retry"
    bounced = Subscriber.objects.get(email="bounce@example.com")
    assert bounced.is_suppressed and "550" in bounced.suppressed_reason
    Delivery.objects.filter(state="retry").update(next_attempt_at=timezone.now())
    assert sending.send_due(worker="w") == 1
    assert states()["later@example.com"] == "sent"
    assert Edition.objects.get().status == "sent"
    assert len(refusing_server()) == 4


def test_a_mail_server_that_is_down_delays_the_edition_and_says_so(site, edition):
    port = free_port()  # nothing listens there
    for name, value in email_settings(f"smtp://127.0.0.1:{port}/?timeout=2").items():
        setattr(site, name, value)
    assert sending.send_due(worker="w") == 0
    assert set(states().values()) == {"retry"}
    edition.refresh_from_db()
    assert edition.status == "sending"
    assert "could not be reached" in edition.problem
    assert Delivery.objects.filter(next_attempt_at__gt=timezone.now()).count() == 5


def test_backoff_doubles_up_to_an_hour():
    assert [sending.backoff(n) for n in (1, 2, 3, 20)] == [30, 60, 120, 3600]


def test_two_workers_never_claim_the_same_rows(site, edition):
    first = sending.claim(worker="one", size=3)
    second = sending.claim(worker="two", size=3)
    assert len(first) == 3 and len(second) == 2
    assert not {row[0] for row in first} & {row[0] for row in second}
    assert sending.claim(worker="three", size=3) == []


def test_a_dead_workers_claimed_rows_are_sent_again_and_handed_over_ones_are_not(
    site, edition
):
    rows = sending.claim(worker="dead", size=5)
    handed, claimed = rows[0][0], [row[0] for row in rows[1:]]
    Delivery.objects.filter(pk=handed).update(state="sending")
    later = timezone.now() + timedelta(seconds=600)
    assert sending.claim(worker="alive", size=5) == []  # the lease still holds
    assert sending.recover_in_doubt(now=later) == 1
    taken = sending.claim(worker="alive", size=5, now=later)
    assert sorted(row[0] for row in taken) == sorted(claimed)
    assert Delivery.objects.get(pk=handed).state == "sent"


def test_a_reader_who_unsubscribed_after_the_start_is_skipped(mail_server, edition):
    Subscriber.objects.get(email="later@example.com").subscriptions.update(
        status="unsubscribed"
    )
    Subscriber.objects.filter(email="bounce@example.com").update(
        suppressed_at=timezone.now()
    )
    assert sending.send_due(worker="w") == 3
    assert states()["later@example.com"] == "skipped"
    assert states()["bounce@example.com"] == "skipped"
    assert len(mail_server.messages(count=3)) == 3


def test_a_row_taken_over_by_another_worker_is_not_sent(site, edition, mail_server):
    rows = sending.claim(worker="slow", size=5)
    Delivery.objects.update(claimed_by="other")
    mailer = sending.Mailer("slow", log=lambda line: None)
    try:
        assert mailer.send_batch(rows) == (0, True)
    finally:
        mailer.close()
    assert mail_server.messages(wait=0.5) == []


def test_the_mark_commits_only_with_the_write_that_ends_the_message(
    mail_server, edition, monkeypatch
):
    """A final write that never happens (here it fails; a killed worker's
    never starts) leaves no `sending` mark behind: the row is sent again."""
    from masthead.newsletters import transport

    real_send = transport._SMTP.send

    def failing_send(self, data):
        if isinstance(data, bytes) and data.endswith(b"\r\n.\r\n"):
            raise OSError("the worker died here")
        return real_send(self, data)

    monkeypatch.setattr(transport._SMTP, "send", failing_send)
    assert sending.send_due(worker="w") == 0
    assert not Delivery.objects.filter(state="sending").exists()
    assert set(states().values()) == {"retry"}
    assert mail_server.messages(wait=0.5) == []
