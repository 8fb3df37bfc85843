"""The policy's database checks: duplicates and trusted browsers, in one query."""

import pytest

from masthead.comments.models import Comment, CommentSettings
from masthead.comments.policy import CommentRejected, default_policy
from masthead.comments.trust import NO_VOUCHER, Voucher
from masthead.testing import make_article, make_comment

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


def test_an_approved_name_and_email_alone_earn_no_trust(article):
    """Issue 21: WordPress's rule trusted whoever typed them."""
    make_comment(article, name="Ada Reader", email="ada@example.com")
    held = reviewed(new(article))
    assert (held.status, held.reason) == ("pending", "first comment")


def test_a_voucher_is_trusted_when_it_claims_an_approved_comment_with_this_address(
    article,
):
    approved = make_comment(article, name="Ada Reader", email="Ada@Example.com")
    waiting = make_comment(article, email="ada@example.com", status=Comment.Status.PENDING)
    other = make_comment(article, email="bo@example.com")
    assert reviewed(new(article), Voucher(claims=(waiting.pk, approved.pk))).status == (
        "approved"
    )
    # Any name, the address in any case: the browser proved who it is.
    assert reviewed(new(article, name="Ada R.", email=" ada@EXAMPLE.com "),
                    Voucher(claims=(approved.pk,))).status == "approved"
    assert reviewed(new(article), Voucher(claims=(waiting.pk,))).status == "pending"
    # A claim on someone else's approved comment proves nothing about this address.
    assert reviewed(new(article), Voucher(claims=(other.pk,))).status == "pending"
    assert reviewed(new(article), Voucher(trusted=True)).status == "approved"


def test_a_pending_comment_earns_no_trust(article):
    waiting = make_comment(article, name="Ada Reader", email="ada@example.com",
                           status=Comment.Status.PENDING)
    assert reviewed(new(article), Voucher(claims=(waiting.pk,))).status == "pending"


def test_rules_and_both_checks_cost_one_query_on_a_new_site_too(
    article, django_assert_num_queries
):
    assert not CommentSettings.objects.exists()
    first = default_policy.standing(new(article))  # creates the row with its defaults
    assert CommentSettings.objects.count() == 1
    assert (first.duplicate, first.trusted, first.rules.flood_seconds) == (False, False, 15)
    CommentSettings.objects.filter(pk=CommentSettings.ROW).update(flood_seconds=40)
    mine = make_comment(article, name="Ada Reader", email="ada@example.com", body="Well put.")
    claims = Voucher(claims=(mine.pk,))
    with django_assert_num_queries(1):
        standing = default_policy.standing(new(article), claims)
    assert (standing.duplicate, standing.trusted, standing.rules.flood_seconds) == (True, True, 40)


def test_a_duplicate_is_refused_before_flood_control_takes_a_slot(article):
    make_comment(article, name="Ada Reader", email="ada@example.com", body="Well put.")
    comment = new(article, ip_address="192.0.2.7")
    with pytest.raises(CommentRejected) as refused:
        default_policy.admit(comment)
    assert refused.value.status == 409
    assert default_policy.admit(new(article, body="Something new.", ip_address="192.0.2.7"))


def reviewed(comment, voucher=NO_VOUCHER):
    return default_policy.review_content(comment, default_policy.standing(comment, voucher))


def test_staff_skip_flood_control_but_not_the_duplicate_check(article, django_user_model):
    editor = django_user_model.objects.create_user("ed", is_staff=True)
    make_comment(article, name="Ada Reader", email="ada@example.com", body="Well put.")
    assert default_policy.admit(new(article, body="Again and again.", ip_address="192.0.2.9"),
                                user=editor) == []  # no slot taken
    with pytest.raises(CommentRejected) as refused:
        default_policy.admit(new(article, ip_address="192.0.2.9"), user=editor)
    assert refused.value.status == 409
