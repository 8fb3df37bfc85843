"""The only way an article's state changes: one function per transition.

Each checks permission (PermissionDenied with a sentence), checks the state
allows it (TransitionError), applies it under a row lock, and records who and
when as a Transition and a Revision. Admin actions, commands, the worker and
the API all call these.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from masthead.articles.models import Article, Correction

from . import policy, revisions
from .models import Transition

S = Article.Status
ALLOWED_FROM = {
    "submit_for_review": {S.DRAFT, S.UNPUBLISHED},
    "schedule": {S.DRAFT, S.IN_REVIEW, S.SCHEDULED, S.UNPUBLISHED},
    "publish": {S.DRAFT, S.IN_REVIEW, S.SCHEDULED, S.UNPUBLISHED},
    "unpublish": {S.PUBLISHED, S.SCHEDULED},
    "return_to_draft": {S.IN_REVIEW, S.SCHEDULED, S.UNPUBLISHED},
}
TRANSITION_NAMES = list(ALLOWED_FROM)
PAST_TENSE = {
    "submit_for_review": "submitted for review",
    "schedule": "scheduled",
    "publish": "published",
    "unpublish": "unpublished",
    "return_to_draft": "returned to draft",
}


class TransitionError(Exception):
    """The article's state does not allow the action (not a permission problem)."""


def submit_for_review(*, article, user, at=None):
    _require(
        policy.can_edit(user, article), "You may only submit articles you can edit."
    )
    return _apply(article, "submit_for_review", S.IN_REVIEW, user=user, at=at)


def schedule(*, article, user, at):
    _require(policy.can_publish(user, article), _publish_refusal(user))
    if at is None or at <= timezone.now():
        raise TransitionError("Choose a publication time in the future to schedule.")
    return _apply(article, "schedule", S.SCHEDULED, user=user, published_at=at)


def publish(*, article, user, at=None):
    _require(policy.can_publish(user, article), _publish_refusal(user))
    return _apply(article, "publish", S.PUBLISHED, user=user, published_at=at)


def unpublish(*, article, user, at=None):
    _require(policy.can_publish(user, article), _publish_refusal(user))
    return _apply(article, "unpublish", S.UNPUBLISHED, user=user, at=at)


def return_to_draft(*, article, user, at=None):
    _require(
        policy.can_return_to_draft(user, article),
        "You may not send this article back to draft.",
    )
    return _apply(article, "return_to_draft", S.DRAFT, user=user, at=at)


def publish_due(*, now=None):
    """The scheduler's job: flip every scheduled article whose time has come.

    Readers already see them (published() lets a scheduled article through at
    its time); this makes the state say so and records the moment.
    """
    now = now or timezone.now()
    due = Article.objects.filter(status=S.SCHEDULED, published_at__lte=now)
    done = []
    for article in due.order_by("published_at", "pk"):
        try:
            done.append(_apply(article, "publish", S.PUBLISHED, user=None, at=now))
        except TransitionError:
            continue  # unpublished by an editor since the query ran: leave it
    return done


def add_correction(*, article, user, text, kind=Correction.Kind.CORRECTION, at=None):
    """Append a correction or update; the publication time stays, "Updated" moves."""
    _require(user.has_perm("articles.add_correction"), "Only editors add corrections.")
    if not article.is_published:
        raise TransitionError("Corrections are for published articles.")
    at = at or timezone.now()
    with transaction.atomic():
        correction = Correction.objects.create(
            article=article, kind=kind, text=text, created_at=at, created_by=user
        )
        # A full save, not update(): the page cache purges on the article's save.
        article.revised_at = at
        article.save()
    return correction


def allowed_transitions(*, article, user):
    """The names of the actions this user may take on this article now."""
    checks = {
        "submit_for_review": policy.can_edit,
        "schedule": policy.can_publish,
        "publish": policy.can_publish,
        "unpublish": policy.can_publish,
        "return_to_draft": policy.can_return_to_draft,
    }
    return [
        name
        for name, check in checks.items()
        if article.status in ALLOWED_FROM[name] and check(user, article)
    ]


def _require(allowed, sentence):
    if not allowed:
        raise PermissionDenied(sentence)


def _publish_refusal(user):
    if user.has_perm("articles.publish_article"):
        return (
            "Only editors may publish, schedule or unpublish other people's articles."
        )
    return "Your role may not publish, schedule or unpublish articles."


def _apply(article, name, to_status, *, user, at=None, published_at=None):
    at = at or timezone.now()
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if locked.status not in ALLOWED_FROM[name]:
            raise TransitionError(
                f"An article that is {locked.get_status_display().lower()} "
                f"cannot be {PAST_TENSE[name]}."
            )
        from_status = locked.status
        locked.status = to_status
        if name == "schedule":
            locked.published_at = published_at
        elif name == "publish":
            locked.published_at = _publication_time(locked, published_at, at, user)
        locked.save()
        Transition.objects.create(
            article=locked,
            name=name,
            from_status=from_status,
            to_status=to_status,
            user=user,
            at=at,
            published_at=locked.published_at,
        )
        revisions.record(
            article=locked, user=user, note=f"State: {locked.get_status_display()}"
        )
    article.status, article.published_at = locked.status, locked.published_at
    return locked


def _publication_time(article, requested, at, user):
    """Keep a story's first publication time when it comes back (issue 5: the
    publication date stays); a scheduled story keeps the time it was promised."""
    if requested is not None:
        return requested
    if article.published_at is not None and article.published_at <= at:
        return article.published_at
    return at
