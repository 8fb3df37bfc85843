"""The newsletters' named read rules, written once (STYLE.md, 1)."""

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone


def normalise_email(email):
    """The form we store: surrounding space gone, the whole address lower case.

    Local parts may in theory be case-sensitive; no mail provider treats them
    so, and two rows for Ada@ and ada@ would send her everything twice.
    """
    return (email or "").strip().lower()


class NewsletterQuerySet(models.QuerySet):
    def public(self):
        """The lists offered in sign-up forms and listed in the archive."""
        return self.filter(is_public=True)

    def with_digests(self):
        return self.exclude(cadence="none")


class SubscriberQuerySet(models.QuerySet):
    def by_email(self, email):
        return self.filter(email=normalise_email(email))

    def deliverable(self):
        """Confirmed and not suppressed: the only addresses mail is sent to."""
        return self.filter(confirmed_at__isnull=False, suppressed_at__isnull=True)

    def recipients_of(self, newsletter):
        return self.deliverable().filter(
            subscriptions__newsletter=newsletter, subscriptions__status="active"
        )

    def unconfirmed_since(self, cutoff):
        """Never confirmed any list, signed up before cutoff: to be forgotten."""
        return self.filter(confirmed_at__isnull=True, created_at__lt=cutoff)


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status="active")

    def pending(self):
        return self.filter(status="pending")


class EditionQuerySet(models.QuerySet):
    def due(self, now=None):
        """Scheduled editions whose time has come (no time: at once)."""
        return self.filter(
            Q(send_at__isnull=True) | Q(send_at__lte=now or timezone.now()),
            status="scheduled",
        )

    def sending(self):
        return self.filter(status="sending")

    def archived(self):
        """What the public archive shows: editions that have gone out."""
        return self.filter(status__in=["sending", "sent"], newsletter__is_public=True)


class DeliveryQuerySet(models.QuerySet):
    def claimable(self, now, *, state):
        """Due for a worker, one state at a time, so that each is a range of
        the (state, next_attempt_at) index read until the LIMIT: an OR of them
        was a bitmap scan of every queued row, for every batch (100,000
        subscribers went at a third of the speed of 20,000 on PostgreSQL).

        "queued" and "retry" rows whose time has come; "claimed" rows of a
        worker whose lease ran out (it died) before it handed them over.
        """
        if state == "claimed":
            return self.filter(state=state, lease_until__lt=now)
        return self.filter(state=state, next_attempt_at__lte=now)

    def in_doubt(self, now):
        """Handed to the mail server (all but its final line) by a worker that
        then died: the message was most probably accepted, so it is not sent
        again (sending.py explains the choice)."""
        return self.filter(state="sending", lease_until__lt=now)

    def unfinished(self):
        return self.filter(state__in=["queued", "claimed", "sending", "retry"])

    def counts(self):
        """{state: how many}, for the editors' progress line."""
        rows = self.values("state").annotate(n=Count("pk")).order_by()
        return {row["state"]: row["n"] for row in rows}
