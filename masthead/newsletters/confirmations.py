"""The double opt-in's email, sent by the worker (never by the reader's request).

A sign-up stores the subscriber with `confirmation_due` set; the worker
claims those rows under row locks other workers skip, clears the flag and
sends (as comments do with `emails_due`). The email lists the pending lists
with a signed, expiring link; to an address with nothing pending it says
what it already receives, so a second sign-up reveals nothing on the page.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string

from masthead.core.links import url

from . import compose, tokens
from .models import Subscriber
from .transport import sender_address

BATCH = 100


def send_due(*, log=lambda line: None):
    """Send every confirmation email due; returns how many went out."""
    done = 0
    while True:
        with transaction.atomic():
            claimed = list(
                Subscriber.objects.filter(confirmation_due=True)
                .select_for_update(skip_locked=True)
                .order_by("pk")[:BATCH]
            )
            Subscriber.objects.filter(pk__in=[s.pk for s in claimed]).update(
                confirmation_due=False
            )
        if not claimed:
            return done
        for subscriber in claimed:
            try:
                send_confirmation(subscriber)
                done += 1
            except Exception as error:  # noqa: BLE001  (one bad address must not stop the rest)
                log(
                    f"newsletter confirmation to subscriber {subscriber.pk} failed: "
                    f"{error!r}"
                )


def send_confirmation(subscriber):
    if subscriber.is_suppressed:
        return  # it bounced or complained: we do not write to it again
    rows = subscriber.subscriptions.select_related("newsletter")
    pending = [s.newsletter.name for s in rows if s.status == "pending"]
    active = [s.newsletter.name for s in rows if s.status == "active"]
    base = compose.site_base()
    context = {
        "site_name": settings.MASTHEAD_SITE_NAME,
        "pending": pending,
        "active": active,
        "days": settings.MASTHEAD_NEWSLETTER_UNCONFIRMED_DAYS,
        "confirm_url": base
        + url("newsletters:confirm", token=tokens.confirm_token(subscriber)),
        "manage_url": base
        + url(
            "newsletters:manage",
            token=tokens.manage_token(subscriber.pk, subscriber.key),
        ),
    }
    template = (
        "newsletters/email/confirm.txt" if pending else "newsletters/email/already.txt"
    )
    subject = (
        f"Confirm your newsletters from {settings.MASTHEAD_SITE_NAME}"
        if pending
        else f"Your newsletters from {settings.MASTHEAD_SITE_NAME}"
    )
    EmailMessage(
        compose.one_line(subject),
        render_to_string(template, context),
        sender_address(),
        [subscriber.email],
    ).send()
