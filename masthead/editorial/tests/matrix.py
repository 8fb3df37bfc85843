"""Every role against every action: the rows the permission tests check.

Each action sets up its own article, tries the thing as `user`, and returns
whether it happened (read back from the database, not from the response).
"""

from datetime import timedelta

from django.utils import timezone

from masthead.articles.models import Article
from masthead.testing import make_article, make_section

S = Article.Status
C, A, E, AD = "Contributor", "Author", "Editor", "Administrator"
ROLES = [C, A, E, AD]

# action → roles allowed to do it
ALLOWED = {
    "submit_own_draft": {C, A, E, AD},
    "submit_others_draft": {E, AD},
    "withdraw_own_submission": {C, A, E, AD},
    "return_others_submission": {E, AD},
    "publish_own": {A, E, AD},
    "publish_others": {E, AD},
    "schedule_own": {A, E, AD},
    "schedule_others": {E, AD},
    "unpublish_own": {A, E, AD},
    "unpublish_others": {E, AD},
    "edit_own_draft": {C, A, E, AD},
    "edit_own_published": {A, E, AD},
    "edit_others_draft": {E, AD},
    "add_correction": {E, AD},
    "moderate_comments": {E, AD},
    "manage_sections": {E, AD},
    "manage_tags": {E, AD},
}
CASES = [
    (role, action, role in allowed)
    for action, allowed in ALLOWED.items()
    for role in ROLES
]

# action → (whose article, starting status, transition name, target status)
TRANSITIONS = {
    "submit_own_draft": ("own", S.DRAFT, "submit_for_review", S.IN_REVIEW),
    "submit_others_draft": ("other", S.DRAFT, "submit_for_review", S.IN_REVIEW),
    "withdraw_own_submission": ("own", S.IN_REVIEW, "return_to_draft", S.DRAFT),
    "return_others_submission": ("other", S.IN_REVIEW, "return_to_draft", S.DRAFT),
    "publish_own": ("own", S.IN_REVIEW, "publish", S.PUBLISHED),
    "publish_others": ("other", S.IN_REVIEW, "publish", S.PUBLISHED),
    "schedule_own": ("own", S.IN_REVIEW, "schedule", S.SCHEDULED),
    "schedule_others": ("other", S.IN_REVIEW, "schedule", S.SCHEDULED),
    "unpublish_own": ("own", S.PUBLISHED, "unpublish", S.UNPUBLISHED),
    "unpublish_others": ("other", S.PUBLISHED, "unpublish", S.UNPUBLISHED),
}
# action → (whose article, status) for edits
EDITS = {
    "edit_own_draft": ("own", S.DRAFT),
    "edit_own_published": ("own", S.PUBLISHED),
    "edit_others_draft": ("other", S.DRAFT),
}


def article_for(whose, status, *, user, other):
    published_at = (
        timezone.now() - timedelta(hours=1) if status == S.PUBLISHED else None
    )
    return make_article(
        status=status,
        published_at=published_at,
        section=make_section(),
        created_by=user if whose == "own" else other,
    )


def future():
    return timezone.now() + timedelta(days=1)
