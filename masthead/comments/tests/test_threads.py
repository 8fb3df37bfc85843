from dataclasses import dataclass

from masthead.comments.threads import build_thread


@dataclass
class Fake:
    pk: int
    parent_id: int | None = None


def shape(items):
    return [(i.comment.pk, i.depth, i.has_children, len(i.closes)) for i in items]


def test_replies_follow_their_parent_depth_first():
    comments = [Fake(1), Fake(2), Fake(3, 1), Fake(4, 3), Fake(5, 1)]
    assert shape(build_thread(comments)) == [
        (1, 0, True, 0),
        (3, 1, True, 0),
        (4, 2, False, 1),  # closes the list of replies to 3
        (5, 1, False, 1),  # closes the list of replies to 1
        (2, 0, False, 0),
    ]


def test_every_opened_list_is_closed():
    comments = [Fake(1), Fake(2, 1), Fake(3, 2), Fake(4, 3)]
    items = build_thread(comments)
    opened = sum(item.has_children for item in items)
    closed = sum(len(item.closes) for item in items)
    assert opened == closed == 3


def test_reply_to_a_missing_parent_is_shown_at_top_level():
    assert shape(build_thread([Fake(7, parent_id=99)])) == [(7, 0, False, 0)]


def test_comment_markup_is_reused_until_the_row_changes(db):
    from masthead.comments.display import comment_html
    from masthead.testing import make_article, make_comment

    comment = make_comment(make_article(), name="Hank", body="First words.")
    locale = ("en", "UTC")
    first = comment_html(comment, locale)
    assert "Hank" in first and "First words." in first
    assert comment_html(comment, locale) is first  # rendered once
    comment.name = "Hank S."
    comment.body = "Edited words."
    comment.save()
    changed = comment_html(comment, locale)
    assert "Hank S." in changed and "Edited words." in changed
    comment.status = comment.Status.PENDING
    assert "awaiting moderation" in comment_html(comment, locale)
