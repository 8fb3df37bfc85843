"""Everything held about a reader's address: exported, or erased for good.

Erasing deletes the subscriber, their subscriptions and their rows in the
send ledger, so every link ever sent to them stops working (tokens.py). An
address suppressed after a bounce or complaint is kept as a one-way hash
would be no help to anyone; it goes too, as the reader asked.
"""

from django.db import transaction
from django.utils import timezone

from .models import Subscriber


def export_subscriber(email):
    """The subscriber's data as JSON-ready values (None if the address is unknown)."""
    subscriber = Subscriber.objects.by_email(email).first()
    if subscriber is None:
        return None
    return {
        "email": subscriber.email,
        "exported_at": timezone.now().isoformat(),
        "signed_up_at": _iso(subscriber.created_at),
        "confirmed_at": _iso(subscriber.confirmed_at),
        "suppressed_at": _iso(subscriber.suppressed_at),
        "suppressed_reason": subscriber.suppressed_reason,
        "subscriptions": [
            {
                "newsletter": s.newsletter.name,
                "status": s.status,
                "requested_at": _iso(s.requested_at),
                "confirmed_at": _iso(s.confirmed_at),
                "unsubscribed_at": _iso(s.unsubscribed_at),
            }
            for s in subscriber.subscriptions.select_related("newsletter")
        ],
        "deliveries": [
            {
                "edition": d.edition.subject,
                "state": d.state,
                "sent_at": _iso(d.sent_at),
                "message_id": d.message_id,
            }
            for d in subscriber.deliveries.select_related("edition").order_by("pk")
        ],
    }


@transaction.atomic
def erase_subscriber(email):
    """Delete every row about the address; returns how many subscribers (0 or 1)."""
    _, deleted = Subscriber.objects.by_email(email).delete()
    return deleted.get(Subscriber._meta.label, 0)


def _iso(value):
    return value.isoformat() if value else None
