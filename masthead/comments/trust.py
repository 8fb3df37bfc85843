"""Trust that cannot be borrowed (issue 21, item 12).

WordPress publishes at once a commenter whose name and email have an approved
comment; anyone who types them is that commenter. Here trust belongs to a
browser. The comment POST sets ``masthead_trust``, a signed cookie holding,
for each address posted with from that browser, either "trusted" or the ids
of the comments posted with it that were still waiting. A later post with the
same address is trusted when the cookie says so, or when one of those
comments has been approved since (checked inside the post's one query,
policy.standing); the cookie then says "trusted" and the check is not made
again. A stranger who types the same name and email has no such cookie, so
they are a newcomer.

The cookie is signed (django.core.signing, with the site's SECRET_KEY), so it
cannot be forged or edited, and an address is named in it by a keyed hash of
its canonical form (names.email_key), never written out. It is read in the
comment POST and nowhere else, and it is not one of the page cache's personal
cookies: holding it changes no page, so every reader still gets the same
cached bytes.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

from .names import email_key

TRUST_COOKIE = "masthead_trust"
SALT = "masthead.comments.trust"
MAX_AGE = 2 * 365 * 24 * 3600
MAX_CLAIMS = 5  # waiting comments remembered per address (the query has one slot each)
MAX_ADDRESSES = 4  # addresses per browser: a shared family computer
TRUSTED = 1


@dataclass(frozen=True)
class Voucher:
    """What a reader's browser proves about the address a comment gives."""

    trusted: bool = False
    claims: tuple = ()  # ids of its comments with this address, not yet seen approved


NO_VOUCHER = Voucher()


def address_tag(email):
    """The address as the cookie names it: an HMAC, useless without the key."""
    return salted_hmac(SALT, email_key(email), algorithm="sha256").hexdigest()[:32]


def read(request):
    """The cookie's entries ({tag: TRUSTED or [ids]}), or {} if absent or forged."""
    value = request.COOKIES.get(TRUST_COOKIE)
    if not value:
        return {}
    try:
        entries = signing.loads(value, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return {}
    return entries if isinstance(entries, dict) else {}


def voucher(entries, email):
    entry = entries.get(address_tag(email))
    if entry == TRUSTED:
        return Voucher(trusted=True)
    if isinstance(entry, list):
        claims = tuple(pk for pk in entry if isinstance(pk, int))
        return Voucher(claims=claims[-MAX_CLAIMS:])
    return NO_VOUCHER


def remember(response, entries, comment):
    """Renew the cookie on the POST's response after `comment` was stored.

    A comment published at once, or posted by a browser already trusted,
    leaves the address trusted; one that waits is remembered as a claim.
    """
    tag = address_tag(comment.email)
    entry = entries.pop(tag, [])
    if entry == TRUSTED or comment.poster_trusted or comment.is_public:
        entry = TRUSTED
    else:
        entry = (list(entry) if isinstance(entry, list) else [])[-MAX_CLAIMS + 1 :]
        entry.append(comment.pk)
    entries[tag] = entry  # last, so the oldest address is the one dropped
    kept = dict(list(entries.items())[-MAX_ADDRESSES:])
    response.set_cookie(
        TRUST_COOKIE,
        signing.dumps(kept, salt=SALT),
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
