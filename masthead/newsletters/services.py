"""What readers do: sign up, confirm, manage their lists, unsubscribe.

Plain functions with keyword-only arguments (STYLE.md), called by the views,
the admin, the commands and the bounce handlers alike. A sign-up answers the
same whether or not the address is known (issue 23, item 1): what differs is
only the email the address's owner receives.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from masthead.core import ratelimit

from . import tokens
from .models import Newsletter, Subscriber, Subscription
from .querysets import normalise_email

FLOOD_MESSAGE = "You are signing up too quickly. Please wait a moment and try again."
HOURLY_MESSAGE = (
    "Too many sign-ups from your network in the last hour. Please try later."
)


def claim_signup_slot(*, ip_address, email):
    """Flood control shared with comments (core/ratelimit.py), its own counters.

    The address is a key too, so nobody can fill a stranger's inbox with
    confirmation requests.
    """
    return ratelimit.claim_slot(
        scope="newsletters",
        ip_address=ip_address,
        email=normalise_email(email),
        flood_seconds=settings.MASTHEAD_NEWSLETTER_FLOOD_SECONDS,
        max_per_hour=settings.MASTHEAD_NEWSLETTER_SIGNUPS_PER_HOUR,
        messages={ratelimit.FLOOD: FLOOD_MESSAGE, ratelimit.HOURLY: HOURLY_MESSAGE},
    )


@transaction.atomic
def sign_up(*, email, newsletters, now=None):
    """Ask for these lists; the worker emails the address a confirmation link.

    Lists already active stay so; any other becomes pending. An email goes
    out either way (the confirmation, or a note with the manage link), so the
    answer on the page cannot tell anyone whether the address was known.
    """
    now = now or timezone.now()
    subscriber, _ = Subscriber.objects.get_or_create(email=normalise_email(email))
    for newsletter in newsletters:
        subscription, created = Subscription.objects.get_or_create(
            subscriber=subscriber,
            newsletter=newsletter,
            defaults={"requested_at": now},
        )
        if not created and subscription.status != Subscription.Status.ACTIVE:
            subscription.status = Subscription.Status.PENDING
            subscription.requested_at = now
            subscription.save(update_fields=["status", "requested_at"])
    Subscriber.objects.filter(pk=subscriber.pk).update(confirmation_due=True)
    return subscriber


def subscriber_for(token, *, salt, max_age=None):
    """The subscriber a signed link names, or None."""
    values = tokens.read(token, salt=salt, max_age=max_age)
    if values is None or len(values) < 2:
        return None
    return Subscriber.objects.filter(pk=values[0], key=values[1]).first()


@transaction.atomic
def confirm(*, subscriber, now=None):
    """The double opt-in's second half: every pending list becomes active."""
    now = now or timezone.now()
    confirmed = subscriber.subscriptions.pending().update(
        status=Subscription.Status.ACTIVE, confirmed_at=now
    )
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = now
        subscriber.save(update_fields=["confirmed_at"])
    return confirmed


def unsubscribe(*, subscriber, newsletter=None, now=None):
    """Off one list (or every list) at once; coming back needs a new confirmation."""
    subscriptions = subscriber.subscriptions.exclude(
        status=Subscription.Status.UNSUBSCRIBED
    )
    if newsletter is not None:
        subscriptions = subscriptions.filter(newsletter=newsletter)
    return subscriptions.update(
        status=Subscription.Status.UNSUBSCRIBED, unsubscribed_at=now or timezone.now()
    )


def unsubscribe_by_token(token):
    """RFC 8058 one-click: the token alone says who and from which list."""
    values = tokens.read(token, salt=tokens.UNSUBSCRIBE)
    if values is None or len(values) != 3:
        return None
    subscriber = Subscriber.objects.filter(pk=values[0], key=values[1]).first()
    newsletter = Newsletter.objects.filter(pk=values[2]).first()
    if subscriber is None or newsletter is None:
        return None
    unsubscribe(subscriber=subscriber, newsletter=newsletter)
    return subscriber, newsletter


@transaction.atomic
def choose_lists(*, subscriber, wanted):
    """The manage page: lists left unticked end, newly ticked ones are pending
    until confirmed again (a forwarded email must not subscribe anyone)."""
    wanted = set(wanted)
    current = {s.newsletter_id: s for s in subscriber.subscriptions.all()}
    for newsletter_id, subscription in current.items():
        if newsletter_id not in wanted and subscription.status != "unsubscribed":
            unsubscribe(subscriber=subscriber, newsletter=subscription.newsletter_id)
    added = [
        n for n in wanted if n not in current or current[n].status == "unsubscribed"
    ]
    if added:
        sign_up(
            email=subscriber.email, newsletters=Newsletter.objects.filter(pk__in=added)
        )
    return len(added)


def suppress(*, email, reason, now=None):
    """Never mail this address again (a permanent bounce, a spam complaint).

    Returns the number of subscribers suppressed (0 for an unknown address).
    """
    reason = " ".join(str(reason).split())[:300]
    return (
        Subscriber.objects.by_email(email)
        .filter(suppressed_at__isnull=True)
        .update(suppressed_at=now or timezone.now(), suppressed_reason=reason)
    )


def unsuppress(*, subscribers):
    return subscribers.update(suppressed_at=None, suppressed_reason="")


def purge_unconfirmed(*, now=None):
    """Forget sign-ups never confirmed within MASTHEAD_NEWSLETTER_UNCONFIRMED_DAYS,
    and lists a confirmed reader asked for but never confirmed."""
    cutoff = (now or timezone.now()) - timedelta(
        days=settings.MASTHEAD_NEWSLETTER_UNCONFIRMED_DAYS
    )
    _, deleted = Subscriber.objects.unconfirmed_since(cutoff).delete()
    Subscription.objects.pending().filter(requested_at__lt=cutoff).delete()
    return deleted.get(Subscriber._meta.label, 0)
