"""Emails about comments: to authors, to editors, and to opted-in commenters.

Every email is plain text, so a comment's words cannot become markup in a
mail client. Header values pass through `header_safe`, which removes CR, LF
and every other control character: header injection cannot happen even if a
name slipped past the form (rows edited in the admin, imports).
"""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.urls import reverse

from masthead.people.models import Person

from .models import Comment, CommentSettings

_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
CONFIRM_SALT = "masthead.comments.confirm-replies"
UNSUBSCRIBE_SALT = "masthead.comments.unsubscribe-replies"


def header_safe(text, limit=150):
    """One line of text for a header: no CR/LF or other controls, shortened."""
    line = " ".join(_CONTROLS.sub(" ", str(text or "")).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def link_base(request):
    """Links in emails use the host the site was reached on, never a fixed one."""
    return request.build_absolute_uri("/") if request is not None else None


def site_url(path, base=None):
    base = base or getattr(settings, "MASTHEAD_SITE_URL", "") or "http://localhost:8000"
    return base.rstrip("/") + path


def comment_posted(comment, base=None):
    """After a new comment is stored: tell whoever should know about it."""
    if comment.status == Comment.Status.APPROVED:
        comment_approved(comment, base=base)
    elif comment.status == Comment.Status.PENDING:
        notify_editors(comment, base=base)
    if comment.notify_replies_requested and comment.status != Comment.Status.SPAM:
        send_reply_confirmation(comment, base=base)


def comment_approved(comment, base=None):
    notify_authors(comment, base=base)
    notify_parent_author(comment, base=base)


def notify_authors(comment, base=None):
    if not CommentSettings.current().notify_authors:
        return
    recipients = list(
        Person.objects.filter(bylines__article_id=comment.article_id)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    _send(
        f"New comment on “{comment.article.title}”",
        _comment_text(comment, site_url(comment.get_absolute_url(), base)),
        recipients,
    )


def notify_editors(comment, base=None):
    if not CommentSettings.current().notify_editors:
        return
    recipients = list(
        get_user_model().objects.filter(is_staff=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    moderate = site_url(reverse("admin:comments_moderate"), base)
    _send(
        f"Comment awaiting moderation on “{comment.article.title}”",
        _comment_text(comment, moderate),
        recipients,
    )


def notify_parent_author(comment, base=None):
    parent = comment.parent
    if parent is None or not parent.notify_replies:
        return
    if parent.email.lower() == comment.email.lower():
        return  # nobody needs telling about their own reply
    unsubscribe = site_url(reverse("comments:unsubscribe", args=[unsubscribe_token(parent)]), base)
    body = (
        f"{comment.name} replied to your comment on “{comment.article.title}”:\n\n"
        f"{comment.body}\n\n{site_url(comment.get_absolute_url(), base)}\n\n"
        f"Stop these emails: {unsubscribe}\n"
    )
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    _send(f"New reply on “{comment.article.title}”", body, [parent.email], headers)


def send_reply_confirmation(comment, base=None):
    confirm = site_url(reverse("comments:confirm", args=[confirm_token(comment)]), base)
    body = (
        f"Someone (we hope you) asked to be emailed about replies to a comment on "
        f"“{comment.article.title}”.\n\nTo confirm, open this link:\n{confirm}\n\n"
        f"If it was not you, ignore this email and nothing will be sent.\n"
    )
    _send(f"Confirm reply notifications for “{comment.article.title}”", body,
          [comment.email])


def confirm_token(comment):
    return signing.dumps({"c": comment.pk, "e": comment.email.lower()}, salt=CONFIRM_SALT)


def unsubscribe_token(comment):
    return signing.dumps({"c": comment.pk}, salt=UNSUBSCRIBE_SALT)


def comment_for_token(token, *, salt, max_age=None):
    """The comment a signed link names, or None if it is forged or stale."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    comment = Comment.objects.filter(pk=data.get("c")).first()
    if comment is None or ("e" in data and comment.email.lower() != data["e"]):
        return None
    return comment


def _comment_text(comment, link):
    return (
        f"{comment.name} wrote on “{comment.article.title}”:\n\n{comment.body}\n\n"
        f"{link}\n"
    )


def _send(subject, body, recipients, headers=None):
    recipients = [address for address in recipients if address]
    if not recipients:
        return
    headers = {name: header_safe(value, limit=500) for name, value in (headers or {}).items()}
    for address in recipients:
        # One message each: recipients never see one another's address.
        EmailMessage(header_safe(subject), body, settings.DEFAULT_FROM_EMAIL,
                     [header_safe(address, limit=254)], headers=headers).send()
