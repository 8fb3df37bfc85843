"""Signed links in newsletter emails: the token is the whole authority.

No session stands behind them: a reader opens them from an inbox, and a mail
provider's one-click unsubscribe (RFC 8058) is a bare POST with no cookie or
Origin. Each token names the subscriber and carries their row's `key`, so
erasing a subscriber voids every link ever sent to them; confirmation links
expire (MASTHEAD_NEWSLETTER_UNCONFIRMED_DAYS), the others last as long as the
subscription.
"""

from django.conf import settings
from django.core import signing

CONFIRM = "masthead.newsletters.confirm"
MANAGE = "masthead.newsletters.manage"
UNSUBSCRIBE = "masthead.newsletters.unsubscribe"


def confirm_token(subscriber):
    return signing.dumps([subscriber.pk, subscriber.key], salt=CONFIRM, compress=False)


def manage_token(subscriber_pk, key):
    return signing.dumps([subscriber_pk, key], salt=MANAGE)


def unsubscribe_token(subscriber_pk, key, newsletter_pk):
    """One list's one-click unsubscribe (pk and key: the sender has no row)."""
    return signing.dumps([subscriber_pk, key, newsletter_pk], salt=UNSUBSCRIBE)


def confirm_max_age():
    return settings.MASTHEAD_NEWSLETTER_UNCONFIRMED_DAYS * 86400


def read(token, *, salt, max_age=None):
    """The token's values as a list, or None when forged, stale or malformed."""
    try:
        values = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(values, list) or not values:
        return None
    return values
