"""Sending an edition exactly once to each recipient, whatever happens.

The ledger is one `Delivery` row per (edition, subscriber), made when the
edition starts (editions.py). A worker:

1. claims a batch of due rows in one short transaction, under row locks other
   workers skip (`select_for_update(skip_locked=True)`; SQLite's write lock
   does the same), giving them its name and a lease;
2. sends each through one mail connection. The row is marked `sending` in a
   transaction opened before, and committed right after, the one write that
   ends the message: its text and the final "." after which an SMTP server
   accepts it (transport.py's hand-over);
3. marks the batch `sent` when it ends.

A worker killed at any moment leaves each row `claimed` (its message never
ended: the server threw it away, so it is sent again when the lease runs
out) or `sending` (the server had the whole message: it counts as sent and
is not repeated). The mark cannot commit without the write having happened:
COMMIT is sent after it, and a connection that dies first rolls back. The
only moment that decides wrongly is between that write and the COMMIT's, two
system calls in a row, and it errs towards sending once more. (Committing
the mark before the write, as this did first, lost the message whenever the
worker died while PostgreSQL's answer to the COMMIT was on its way: the
benchmark's first PostgreSQL run lost one message so. Marking after the "250 OK"
would double every message whose answer the killed worker was waiting for.)

Temporary failures (4xx, a refused or dropped connection) are retried with
backoff; a permanent refusal of the recipient (5xx) fails the row and
suppresses the address. A mail server that is down stops the batch: its rows
wait with the others, and the edition says why in the admin.
"""

import smtplib
import time
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.utils import timezone

from . import editions
from .models import Delivery, Edition, Subscription
from .services import suppress
from .transport import HandoverError, HandoverSMTPBackend

DJANGO_SMTP = "django.core.mail.backends.smtp.EmailBackend"
MAX_BACKOFF = 3600


def send_due(*, worker, log=lambda line: None, budget=30.0, now=None):
    """Send what is due until done or ``budget`` seconds have passed; returns
    how many messages were handed over."""
    deadline = time.monotonic() + budget
    recover_in_doubt(now=now)
    sent, mailer = 0, Mailer(worker, log)
    _commit_without_waiting_for_disk(True)
    try:
        while time.monotonic() < deadline:
            rows = claim(worker=worker, size=settings.MASTHEAD_NEWSLETTER_BATCH)
            if not rows:
                break
            done, healthy = mailer.send_batch(rows)
            sent += done
            if not healthy:
                break  # the mail server is away: the rows wait their backoff
    finally:
        _commit_without_waiting_for_disk(False)
        mailer.close()
    editions.finish_sent()
    return sent


def _commit_without_waiting_for_disk(on):
    """PostgreSQL: the hand-over marks (one commit per message) do not wait
    for the WAL to reach the disk, or each would cost an fsync (~5 ms here,
    120 messages/s). A killed worker loses nothing by it: the commit is the
    database's. Only a crash of the database server itself in the next
    fraction of a second could lose marks, and a lost mark means a message
    sent again, never one missed."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"SET synchronous_commit TO {'off' if on else 'DEFAULT'}")


def recover_in_doubt(*, now=None):
    """`sending` rows of a worker that died: handed over, so counted as sent."""
    now = now or timezone.now()
    return Delivery.objects.in_doubt(now).update(
        state=Delivery.State.SENT,
        sent_at=now,
        error="The worker stopped after handing this over; counted as sent.",
    )


def claim(*, worker, size, now=None):
    """Take up to ``size`` due rows for this worker; returns them as tuples
    (pk, edition id, email, subscriber pk, key, newsletter id, still wanted)."""
    now = now or timezone.now()
    lease = now + timedelta(seconds=settings.MASTHEAD_NEWSLETTER_LEASE_SECONDS)
    with transaction.atomic():
        ids = []
        for state in ("claimed", "retry", "queued"):
            due = Delivery.objects.claimable(now, state=state).select_for_update(
                skip_locked=True
            )
            ids += due.values_list("pk", flat=True)[: size - len(ids)]
            if len(ids) >= size:
                break
        if not ids:
            return []
        Delivery.objects.filter(pk__in=ids).update(
            state=Delivery.State.CLAIMED, claimed_by=worker, lease_until=lease
        )
    rows = list(
        Delivery.objects.filter(pk__in=ids, claimed_by=worker)
        .order_by("pk")
        .values_list(
            "pk", "edition_id", "subscriber__email", "subscriber_id",
            "subscriber__key", "edition__newsletter_id", "subscriber__suppressed_at",
        )
    )
    # Still subscribed? Read by subscriber alone (their few lists), which the
    # subscriber index answers; with the list and status in the query too,
    # PostgreSQL chose the (list, status) index and read every subscriber of
    # the list, for every batch (issue 23's benchmark, 100,000 subscribers).
    subscriptions = Subscription.objects.filter(
        subscriber_id__in=[row[3] for row in rows]
    ).values_list("subscriber_id", "newsletter_id", "status")
    active = {(s, n) for s, n, status in subscriptions if status == "active"}
    return [(*row[:6], (row[3], row[5]) in active and row[6] is None) for row in rows]


class Mailer:
    """One worker's mail connection and the editions it has prepared."""

    def __init__(self, worker, log):
        self.worker, self.log = worker, log
        self.backend = _backend()
        self.prepared = {}
        self.links = editions.link_parts()

    def close(self):
        try:
            self.backend.close()
        except Exception:  # noqa: BLE001  (closing a broken connection: nothing to save)
            pass

    def send_batch(self, rows):
        """Send claimed rows; returns (how many were handed over, server healthy?)."""
        sent, skipped, healthy = [], [], True
        for index, (
            pk,
            edition_id,
            email,
            subscriber_pk,
            key,
            newsletter_id,
            still_wanted,
        ) in enumerate(rows):
            if not still_wanted:
                skipped.append(pk)
                continue
            message = self._message(
                edition_id, pk, email, subscriber_pk, key, newsletter_id
            )
            outcome = self._send_one(pk, message)
            if outcome == "sent":
                sent.append(pk)
            elif outcome == "down":
                healthy = False
                _release([row[0] for row in rows[index + 1 :]])
                break
        _mark(sent, Delivery.State.SENT)
        _mark(skipped, Delivery.State.SKIPPED)
        if sent:
            editions.clear_problem({row[1] for row in rows})
        return len(sent), healthy

    def _message(self, edition_id, pk, email, subscriber_pk, key, newsletter_id):
        prepared = self.prepared.get(edition_id)
        if prepared is None:
            edition = Edition.objects.select_related("newsletter").get(pk=edition_id)
            prepared = self.prepared[edition_id] = editions.prepared(edition)
        recipient = editions.recipient(
            edition_id=edition_id,
            delivery_pk=pk,
            email=email,
            subscriber_pk=subscriber_pk,
            key=key,
            newsletter_id=newsletter_id,
            links=self.links,
        )
        return prepared.message_for(recipient)

    def _send_one(self, pk, message):
        handover = _handover(pk, self.worker, message.message_id)
        try:
            if isinstance(self.backend, HandoverSMTPBackend):
                self.backend.send_handing_over(message, handover)
            else:
                with handover():  # committed once the provider has taken it
                    self.backend.send_messages([message.as_email()])
        except HandoverError:
            return "lost"  # another worker has the row now
        except smtplib.SMTPSenderRefused as error:
            # Our own address refused: the newsroom's setting, not the reader's.
            return self._down(pk, error)
        except smtplib.SMTPRecipientsRefused as refused:
            code, reply = next(iter(refused.recipients.values()))
            return self._refused(pk, message.to[0], code, reply)
        except smtplib.SMTPDataError as error:
            return self._refused(pk, None, error.smtp_code, error.smtp_error)
        except (smtplib.SMTPException, OSError) as error:
            return self._down(pk, error)
        return "sent"

    def _refused(self, pk, email, code, reply):
        reason = f"{code} {_text(reply)}"
        if code >= 500 and email:
            suppress(email=email, reason=f"The mail server refused it: {reason}")
        if code >= 500:
            _fail(pk, reason)
            return "failed"
        _retry([pk], reason)
        return "retry"

    def _down(self, pk, error):
        reason = f"The mail server could not be reached: {error!r}"
        _retry([pk], reason)
        editions.report_problem(pk, reason)
        self.log(f"newsletter sending paused: {reason}")
        return "down"


def _backend():
    if settings.EMAIL_BACKEND == DJANGO_SMTP:
        return get_connection(
            backend=f"{HandoverSMTPBackend.__module__}.HandoverSMTPBackend"
        )
    return get_connection(fail_silently=False)


def _handover(pk, worker, message_id):
    """The mark: a transaction open across the write that ends the message.

    BEGIN and the UPDATE go first (a worker killed now leaves nothing
    committed); the message is written; COMMIT follows at once.
    """
    table = Delivery._meta.db_table
    sql = (
        f"UPDATE {table} SET state = %s, attempts = attempts + 1, message_id = %s "
        f"WHERE id = %s AND claimed_by = %s AND state = %s"
    )

    @contextmanager
    def handover():
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, ["sending", message_id, pk, worker, "claimed"])
                if cursor.rowcount != 1:
                    raise HandoverError(f"delivery {pk} is no longer claimed by {worker}")
            yield

    return handover


def _mark(ids, state):
    if ids:
        when = timezone.now() if state == Delivery.State.SENT else None
        Delivery.objects.filter(pk__in=ids).update(state=state, sent_at=when)


def _release(ids):
    """Rows claimed but never tried: due again once the server is back."""
    if ids:
        _retry(ids, "Waiting for the mail server.", count_attempt=False)


def _retry(ids, reason, *, count_attempt=True):
    now = timezone.now()
    for delivery in Delivery.objects.filter(pk__in=ids).only("pk", "attempts", "state"):
        attempts = delivery.attempts + (
            1 if count_attempt and delivery.state == "claimed" else 0
        )
        give_up = attempts >= settings.MASTHEAD_NEWSLETTER_MAX_ATTEMPTS
        Delivery.objects.filter(pk=delivery.pk).update(
            state=Delivery.State.FAILED if give_up else Delivery.State.RETRY,
            attempts=attempts,
            error=reason[:300],
            claimed_by="",
            next_attempt_at=now + timedelta(seconds=backoff(attempts)),
        )


def _fail(pk, reason):
    Delivery.objects.filter(pk=pk).update(
        state=Delivery.State.FAILED, error=reason[:300]
    )


def backoff(attempts):
    """Seconds before the next try: 30 s, 1, 2, 4 minutes... at most an hour."""
    return min(MAX_BACKOFF, 30 * 2 ** max(0, attempts - 1))


def _text(reply):
    return reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
