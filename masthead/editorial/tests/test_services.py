from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from masthead.articles.models import Article, Correction
from masthead.editorial import policy, services
from masthead.editorial.models import Revision, Transition
from masthead.testing import make_article

from . import matrix

S = Article.Status
pytestmark = pytest.mark.django_db


def attempt_in_service(action, user, other):
    """Try one matrix action through the service layer; True if it happened."""
    if action in matrix.TRANSITIONS:
        whose, start, name, target = matrix.TRANSITIONS[action]
        article = matrix.article_for(whose, start, user=user, other=other)
        kwargs = {"at": matrix.future()} if name == "schedule" else {}
        try:
            getattr(services, name)(article=article, user=user, **kwargs)
        except PermissionDenied as err:
            assert str(err).endswith(".")  # a sentence for the person refused
        return Article.objects.get(pk=article.pk).status == target
    if action in matrix.EDITS:
        article = matrix.article_for(*matrix.EDITS[action], user=user, other=other)
        return policy.can_edit(user, article)
    if action == "add_correction":
        article = make_article(created_by=other)
        try:
            services.add_correction(article=article, user=user, text="Fixed a name.")
        except PermissionDenied:
            pass
        return Correction.objects.filter(article=article).exists()
    permission = {
        "moderate_comments": "comments.change_comment",
        "manage_sections": "articles.change_section",
        "manage_tags": "articles.change_tag",
    }[action]
    return user.has_perm(permission)


@pytest.mark.parametrize(("role", "action", "allowed"), matrix.CASES)
def test_permission_matrix_in_services(make_user, role, action, allowed):
    user, other = make_user(role), make_user("Contributor")
    assert attempt_in_service(action, user, other) is allowed


def test_each_transition_is_recorded_with_who_and_when(make_user):
    author = make_user("Author")
    article = make_article(status=S.DRAFT, created_by=author)
    services.submit_for_review(article=article, user=author)
    services.publish(article=article, user=author)
    steps = list(Transition.objects.filter(article=article).order_by("at", "id"))
    assert [(t.name, t.from_status, t.to_status) for t in steps] == [
        ("submit_for_review", "draft", "review"),
        ("publish", "review", "published"),
    ]
    assert all(t.user == author for t in steps)
    assert steps[-1].published_at == article.published_at
    assert Revision.objects.filter(article=article).count() == 2


def test_a_state_that_does_not_allow_the_action_is_refused_with_a_sentence(make_user):
    editor = make_user("Editor")
    article = make_article(status=S.PUBLISHED)
    with pytest.raises(
        services.TransitionError, match="cannot be submitted for review"
    ):
        services.submit_for_review(article=article, user=editor)
    assert Article.objects.get(pk=article.pk).status == S.PUBLISHED


def test_scheduling_needs_a_future_time(make_user):
    editor = make_user("Editor")
    article = make_article(status=S.DRAFT)
    with pytest.raises(services.TransitionError, match="future"):
        services.schedule(
            article=article, user=editor, at=timezone.now() - timedelta(1)
        )
    assert Article.objects.get(pk=article.pk).status == S.DRAFT


def test_republishing_keeps_the_first_publication_time(make_user):
    editor = make_user("Editor")
    first = timezone.now() - timedelta(days=3)
    article = make_article(status=S.PUBLISHED, published_at=first)
    services.unpublish(article=article, user=editor)
    services.publish(article=article, user=editor)
    assert Article.objects.get(pk=article.pk).published_at == first


def test_publishing_a_scheduled_article_early_moves_its_time_to_now(make_user):
    editor = make_user("Editor")
    article = make_article(status=S.SCHEDULED, published_at=matrix.future())
    services.publish(article=article, user=editor)
    assert article.published_at <= timezone.now()
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_publish_due_flips_only_articles_whose_time_has_come():
    due = make_article(
        status=S.SCHEDULED, published_at=timezone.now() - timedelta(minutes=1)
    )
    later = make_article(status=S.SCHEDULED, published_at=matrix.future())
    done = services.publish_due()
    assert [a.pk for a in done] == [due.pk]
    assert Article.objects.get(pk=due.pk).status == S.PUBLISHED
    assert Article.objects.get(pk=later.pk).status == S.SCHEDULED
    record = Transition.objects.get(article=due)
    assert record.user is None and record.name == "publish"


def test_allowed_transitions_lists_only_what_the_user_may_do(make_user):
    contributor = make_user("Contributor")
    article = make_article(status=S.DRAFT, created_by=contributor)
    assert services.allowed_transitions(article=article, user=contributor) == [
        "submit_for_review"
    ]


def test_a_correction_moves_the_updated_time_but_not_the_publication_time(make_user):
    editor = make_user("Editor")
    published = timezone.now() - timedelta(days=2)
    article = make_article(status=S.PUBLISHED, published_at=published)
    services.add_correction(
        article=article,
        user=editor,
        text="We misspelt a name.",
        kind=Correction.Kind.CORRECTION,
    )
    article.refresh_from_db()
    assert article.published_at == published
    assert article.revised_at > published


def test_corrections_are_refused_on_drafts(make_user):
    editor = make_user("Editor")
    article = make_article(status=S.DRAFT)
    with pytest.raises(services.TransitionError):
        services.add_correction(article=article, user=editor, text="Too early.")
    assert not article.corrections.exists()
