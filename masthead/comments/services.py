"""Writes to comments: posting and moderating, shared by views, admin and API."""

__all__ = ["CommentRejected", "post_comment", "moderate", "approve", "mark_spam",
           "trash", "reply_as_staff"]

from django.conf import settings

from . import names, ratelimit
from .clients import client_ip
from .models import Comment
from .policy import BotSignals, CommentRejected, default_policy, is_staff
from .signals import comment_was_moderated, comment_was_posted
from .trust import NO_VOUCHER

# Callers other than the reader's form (imports, the API, tests) bring no
# honeypot or timing to judge.
NO_BOT_SIGNS = BotSignals(fill_seconds=float("inf"))


def post_comment(*, article, name, email, body, website="", parent_id=None,
                 ip_address=None, user_agent="", user=None, policy=default_policy,
                 bot=NO_BOT_SIGNS, notify_replies=False, voucher=NO_VOUCHER,
                 request=None):
    """Store a reader's comment with the status the moderation policy gives it.

    Raises CommentRejected (with an HTTP status) for closed threads, floods
    and duplicates; spam is stored, silently, for moderators to review.
    ``voucher`` is what the poster's trust cookie proves (trust.py); the
    comment returned says in ``poster_trusted`` whether it proved trust.
    """
    if not article.is_published or not article.comments_are_open():
        raise CommentRejected("Comments are closed.", status=403)
    parent = _reply_parent(article, parent_id)
    comment = Comment(
        article=article,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        name=_canonical_name(name),
        # The form has refused what cannot be canonical; imports and staff
        # replies (user@invalid) keep theirs, compared in canonical form.
        email=_canonical_email(email),
        website=website,
        body=body,
        ip_address=ip_address,
        user_agent=(user_agent or "")[:500],
        user=user if user is not None and user.is_authenticated else None,
        by_staff=is_staff(user),  # the badge: from the session, never from input
        notify_replies_requested=notify_replies,
    )
    comment.flag = policy.flag(comment, user=user)
    standing = policy.standing(comment, voucher)
    slot = policy.admit(comment, user=user, standing=standing)
    verdict = policy.review(comment, user=user, bot=bot, standing=standing)
    comment.status, comment.status_reason = verdict.status, verdict.reason
    comment.poster_trusted = standing.trusted
    # Spam is stored silently: nobody is told about it.
    comment.emails_due = comment.status != Comment.Status.SPAM
    try:
        comment.save()  # one INSERT, committed by itself
    except Exception:
        ratelimit.release_slot(slot)  # not stored: the reader may try again now
        raise
    comment_was_posted.send(sender=Comment, comment=comment, request=request)
    return comment


def post_from_form(*, article, form, request, **options):
    """Post what a valid CommentForm holds; the form view and the API share it."""
    data = form.cleaned_data
    return post_comment(
        article=article,
        name=data["name"],
        email=data["email"],
        website=data["website"],
        body=data["comment"],
        parent_id=data["parent"],
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        request=request,
        **options,
    )


def _canonical_name(name):
    canonical = names.clean_name(name)
    if not canonical:
        raise CommentRejected(
            "Please enter a name with at least one visible letter.", field="name"
        )
    return canonical


def _canonical_email(email):
    try:
        return names.normalise_email(email)
    except names.AddressRefused:
        return (email or "").strip()


def _reply_parent(article, parent_id):
    if not parent_id:
        return None
    parent = Comment.objects.public().filter(article=article, pk=parent_id).first()
    if parent is None:
        raise CommentRejected(
            "The comment you are replying to is not available.", field="parent"
        )
    if parent.depth + 1 >= settings.MASTHEAD_COMMENTS_MAX_DEPTH:
        raise CommentRejected("This thread is too deep to reply to.", field="parent")
    return parent


def moderate(*, comments, status, request=None):
    """Set the status of comments (a queryset) and announce each change."""
    changed = []
    for comment in comments.exclude(status=status):
        previous = comment.status
        comment.status = status
        comment.save(update_fields=["status"])
        changed.append((comment, previous))
    for comment, previous in changed:
        comment_was_moderated.send(
            sender=Comment, comment=comment, previous_status=previous, request=request
        )
    return len(changed)


def approve(comments, request=None):
    return moderate(comments=comments, status=Comment.Status.APPROVED, request=request)


def mark_spam(comments, request=None):
    return moderate(comments=comments, status=Comment.Status.SPAM, request=request)


def trash(comments, request=None):
    return moderate(comments=comments, status=Comment.Status.TRASH, request=request)


def reply_as_staff(*, parent, user, body, request=None):
    """An editor's reply from the moderation screen; approves the parent first,
    as WordPress does, since replying to a held comment publishes the thread."""
    if parent.status != Comment.Status.APPROVED:
        approve(Comment.objects.filter(pk=parent.pk), request=request)
        parent.refresh_from_db()
    return post_comment(
        article=parent.article,
        name=user.get_full_name() or user.get_username(),
        email=user.email or f"{user.get_username()}@invalid",
        body=body,
        parent_id=parent.pk,
        user=user,
        request=request,
    )
