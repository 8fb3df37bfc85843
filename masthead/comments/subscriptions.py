"""Reply notifications: the signed confirm link and one-click unsubscribe.

Both links carry a signed token, which is the authority: no session, so no
CSRF token is needed, and RFC 8058 one-click unsubscribe is a bare POST from
the mail client. A GET only shows a button, because mail scanners follow
links and must not confirm or cancel anything by doing so.
"""

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .models import Comment
from .notifications import (
    CONFIRM_SALT,
    UNSUBSCRIBE_SALT,
    comment_for_token,
)

CONFIRM_MAX_AGE = 7 * 24 * 3600
INVALID = "This link is not valid any more. Nothing was changed."


@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm_replies(request, token):
    comment = comment_for_token(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    if comment is None:
        return _page(request, INVALID, status=400)
    if request.method == "GET":
        return _page(request, "Email me when someone replies to my comment.",
                     button="Confirm", comment=comment)
    Comment.objects.filter(pk=comment.pk).update(notify_replies=True)
    return _page(request, "Done: we will email you when someone replies.")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_replies(request, token):
    comment = comment_for_token(token, salt=UNSUBSCRIBE_SALT)
    if comment is None:
        return _page(request, INVALID, status=400)
    if request.method == "GET":
        return _page(request, "Stop emailing me about replies to my comment.",
                     button="Unsubscribe", comment=comment)
    Comment.objects.filter(pk=comment.pk).update(
        notify_replies=False, notify_replies_requested=False
    )
    return _page(request, "Done: you will get no more reply emails for this comment.")


def _page(request, message, *, status=200, button=None, comment=None):
    context = {"message": message, "button": button, "comment": comment}
    response = render(request, "comments/subscription.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
