"""Signed cookies that remember a reader without a session or a database row.

`masthead_pending` lists the reader's own comments still awaiting moderation,
so they alone see them; `masthead_commenter` pre-fills the form when they
ticked "Save my name...". Both are HttpOnly and signed, so not forgeable.
"""

from django.conf import settings
from django.core import signing

PENDING_COOKIE = "masthead_pending"
COMMENTER_COOKIE = "masthead_commenter"
ONE_YEAR = 365 * 24 * 3600
MAX_PENDING_REMEMBERED = 20


def pending_comment_ids(request):
    try:
        ids = request.get_signed_cookie(
            PENDING_COOKIE, default=None, salt=PENDING_COOKIE
        )
        return [int(i) for i in signing.loads(ids)] if ids else []
    except (signing.BadSignature, ValueError, TypeError):
        return []


def remember_pending(request, response, comment_id):
    ids = (pending_comment_ids(request) + [comment_id])[-MAX_PENDING_REMEMBERED:]
    response.set_signed_cookie(
        PENDING_COOKIE,
        signing.dumps(ids),
        salt=PENDING_COOKIE,
        max_age=30 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def saved_commenter(request):
    """The name, email and website saved with "remember me", or {}."""
    try:
        value = request.get_signed_cookie(
            COMMENTER_COOKIE, default=None, salt=COMMENTER_COOKIE
        )
        data = signing.loads(value) if value else None
    except (signing.BadSignature, ValueError, TypeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: str(data.get(key, "")) for key in ("name", "email", "website")}


def remember_commenter(response, *, remember, name, email, website):
    if not remember:
        response.delete_cookie(COMMENTER_COOKIE, samesite="Lax")
        return
    value = signing.dumps({"name": name, "email": email, "website": website})
    response.set_signed_cookie(
        COMMENTER_COOKIE,
        value,
        salt=COMMENTER_COOKIE,
        max_age=ONE_YEAR,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
