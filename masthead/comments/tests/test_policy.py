"""The policy's database checks: duplicates and trusted commenters."""

import pytest

from masthead.comments.models import Comment
from masthead.comments.policy import default_policy
from masthead.core.testing import make_article, make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(slug="council-budget")


def new(article, **fields):
    values = {"name": "Ada Reader", "email": "ada@example.com", "body": "Well put."}
    return Comment(article=article, **{**values, **fields})


def test_same_text_by_the_same_name_or_email_is_a_duplicate(article):
    make_comment(article, name="Ada Reader", email="ada@example.com", body="Well put.")
    assert default_policy.is_duplicate(new(article))
    assert default_policy.is_duplicate(new(article, name="A. Reader"))
    assert default_policy.is_duplicate(new(article, name="X", email="ADA@example.com"))
    assert not default_policy.is_duplicate(new(article, name="X", email="x@example.com"))
    assert not default_policy.is_duplicate(new(article, body="Other words."))
    assert not default_policy.is_duplicate(new(make_article(slug="other-story")))


def test_a_reply_is_compared_with_replies_to_the_same_comment(article):
    first, second = make_comment(article), make_comment(article)
    make_comment(article, parent=first, depth=1, name="Ada Reader", body="Well put.")
    assert default_policy.is_duplicate(new(article, parent=first))
    assert not default_policy.is_duplicate(new(article, parent=second))
    assert not default_policy.is_duplicate(new(article))  # top level


def test_trashed_comments_are_not_duplicates(article):
    make_comment(article, name="Ada Reader", body="Well put.", status=Comment.Status.TRASH)
    assert not default_policy.is_duplicate(new(article))


def test_an_approved_name_and_email_are_trusted_whatever_the_emails_case(article):
    make_comment(article, name="Ada Reader", email="Ada@Example.com")
    rules = default_policy_rules()
    assert default_policy.review_content(new(article), rules).status == "approved"
    held = default_policy.review_content(new(article, name="Someone Else"), rules)
    assert (held.status, held.reason) == ("pending", "first comment")


def test_a_pending_comment_earns_no_trust(article):
    make_comment(article, name="Ada Reader", email="ada@example.com",
                 status=Comment.Status.PENDING)
    verdict = default_policy.review_content(new(article), default_policy_rules())
    assert verdict.status == "pending"


def default_policy_rules():
    from masthead.comments.models import CommentSettings

    return CommentSettings.current()
