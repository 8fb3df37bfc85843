"""An edition's life: scheduled, started (frozen and fanned out), sent.

Starting an edition is one transaction: its text and HTML are frozen on the
row and a `Delivery` is written for every confirmed, unsuppressed subscriber
of its list, by one INSERT ... SELECT (100,000 rows in about a second). So
the ledger exists exactly when the edition says it is sending, and a worker
that dies while starting it leaves it scheduled, to be started whole again.
"""

import hashlib
from functools import lru_cache
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from masthead.core.links import url

from . import compose, tokens
from .models import Delivery, Edition, Subscriber, Subscription
from .transport import PreparedEdition, Recipient

SEND_PERMISSION = "newsletters.send_edition"


def site_host():
    return urlsplit(compose.site_base()).hostname or "localhost"


def list_id(newsletter):
    """RFC 2919: a name, and an identifier that stays when the name changes."""
    name = " ".join(newsletter.name.replace('"', "'").split())
    return f'"{name}" <{newsletter.slug}.{site_host()}>'


def prepared(edition):
    """The edition's message template: frozen bodies once it has started."""
    if edition.html_body:
        rendered = compose.Rendered(
            compose.one_line(edition.subject), edition.text_body, edition.html_body
        )
    else:
        rendered = compose.render(edition)
    return PreparedEdition(rendered, list_id=list_id(edition.newsletter))


def recipient(
    *, edition_id, delivery_pk, email, subscriber_pk, key, newsletter_id, links=None
):
    """One recipient's links and Message-ID (the same on every attempt).

    ``links``: link_parts(), which a sender works out once for all.
    """
    unsubscribe_at, manage_at, host = links or link_parts()
    unsubscribe = tokens.unsubscribe_token(subscriber_pk, key, newsletter_id)
    manage = tokens.manage_token(subscriber_pk, key)
    unsubscribe_url = unsubscribe_at.replace("TOKEN", unsubscribe)
    digest = hashlib.blake2s(f"{delivery_pk}:{key}".encode(), digest_size=6).hexdigest()
    return Recipient(
        email=email,
        message_id=f"<{edition_id}.{delivery_pk}.{digest}@{host}>",
        one_click_url=unsubscribe_url,
        mailto_token=unsubscribe,
        manage_url=manage_at.replace("TOKEN", manage),
        unsubscribe_url=unsubscribe_url,
    )


def link_parts():
    """The links' addresses with TOKEN for the token: reversed once per
    settings, not for each of 100,000 messages."""
    base = compose.site_base()
    return _reversed_links(
        base,
        url("newsletters:unsubscribe", token="TOKEN"),
        url("newsletters:manage", token="TOKEN"),
    )


@lru_cache(maxsize=8)
def _reversed_links(base, unsubscribe, manage):
    return base + unsubscribe, base + manage, urlsplit(base).hostname or "localhost"


def check_may_send(user):
    if not user.has_perm(SEND_PERMISSION):
        raise PermissionDenied("You may not send or schedule editions.")


def schedule(*, edition, user, send_at=None):
    """Send at ``send_at`` (now when None); the worker starts it then."""
    check_may_send(user)
    if edition.status not in (Edition.Status.DRAFT, Edition.Status.SCHEDULED):
        raise ValueError("This edition has already gone out.")
    edition.status = Edition.Status.SCHEDULED
    edition.send_at = send_at or timezone.now()
    edition.save(update_fields=["status", "send_at"])


def cancel(*, edition, user):
    """Back to draft, as long as the worker has not started it."""
    check_may_send(user)
    return Edition.objects.filter(
        pk=edition.pk, status=Edition.Status.SCHEDULED
    ).update(status=Edition.Status.DRAFT)


def send_test(*, edition, user):
    """The edition as a subscriber gets it, to the editor's own address."""
    check_may_send(user)
    if not user.email:
        raise ValueError("Your account has no email address to send the test to.")
    message = prepared(edition).message_for(
        recipient(
            edition_id=edition.pk,
            delivery_pk=0,
            email=user.email,
            subscriber_pk=0,
            key="test",
            newsletter_id=edition.newsletter_id,
        )
    )
    message.send()


def start_due(*, now=None):
    """Start every scheduled edition whose time has come; returns how many."""
    started = 0
    for pk in Edition.objects.due(now).values_list("pk", flat=True):
        started += start(pk, now=now)
    return started


@transaction.atomic
def start(pk, *, now=None):
    """Freeze the edition and write its ledger; 0 if another worker did it."""
    now = now or timezone.now()
    edition = (
        Edition.objects.select_for_update()
        .select_related("newsletter")
        .filter(pk=pk, status=Edition.Status.SCHEDULED)
        .first()
    )
    if edition is None:
        return 0
    rendered = compose.render(edition)
    edition.text_body, edition.html_body = rendered.text, rendered.html
    edition.recipients = _fan_out(edition, now)
    edition.status, edition.started_at = Edition.Status.SENDING, now
    edition.save()
    _refresh_statistics()
    return 1


def _refresh_statistics():
    """PostgreSQL: let the planner see the ledger just written (and the lists,
    often imported just before), or it may scan 100,000 rows for each batch of
    200 until autovacuum gets round to it."""
    if connection.vendor == "postgresql":
        tables = ", ".join(m._meta.db_table for m in (Delivery, Subscription, Subscriber))
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {tables}")


def _fan_out(edition, now):
    recipients = (
        Subscriber.objects.recipients_of(edition.newsletter)
        .order_by()
        .values(recipient_id=F("pk"))
    )
    select_sql, params = recipients.query.sql_with_params()
    table = Delivery._meta.db_table
    when = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (edition_id, subscriber_id, state, attempts, "
            f"next_attempt_at, claimed_by, message_id, error) "
            f"SELECT %s, recipient.recipient_id, 'queued', 0, %s, '', '', '' "
            f"FROM ({select_sql}) recipient",
            [edition.pk, when, *params],
        )
        return cursor.rowcount


def finish_sent(*, now=None):
    """Editions whose every delivery is settled are sent."""
    unfinished = Delivery.objects.unfinished().filter(edition=OuterRef("pk"))
    return (
        Edition.objects.sending()
        .exclude(Exists(unfinished))
        .update(
            status=Edition.Status.SENT, finished_at=now or timezone.now(), problem=""
        )
    )


def report_problem(delivery_pk, reason):
    Edition.objects.filter(deliveries__pk=delivery_pk).update(
        problem=f"{timezone.now():%Y-%m-%d %H:%M} {reason}"[:500]
    )


def clear_problem(edition_ids):
    Edition.objects.filter(pk__in=edition_ids).exclude(problem="").update(problem="")


def progress(edition):
    """{state: count} of an edition's ledger, for the admin."""
    return edition.deliveries.counts()
