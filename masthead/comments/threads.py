"""Threading a flat, time-ordered list of comments. No Django import.

The result is flat (one row per comment, with its depth and how many levels
close after it) so a template renders nested lists without recursive includes.
"""

from dataclasses import dataclass, field


@dataclass
class ThreadItem:
    comment: object
    depth: int
    has_children: bool = False
    closes: range = field(default_factory=lambda: range(0))


def build_thread(comments):
    """Order comments depth-first, each reply under its parent, oldest first.

    Replies whose parent is not in the list (trashed, or not yet approved)
    are shown at the top level rather than hidden.
    """
    comments = list(comments)
    ids = {c.pk for c in comments}
    children = {}
    roots = []
    for comment in comments:
        if comment.parent_id in ids:
            children.setdefault(comment.parent_id, []).append(comment)
        else:
            roots.append(comment)
    items = []
    _walk(roots, children, 0, items)
    _mark_nesting(items)
    return items


def _walk(level, children, depth, items):
    for comment in level:
        items.append(ThreadItem(comment, depth))
        _walk(children.get(comment.pk, []), children, depth + 1, items)


def _mark_nesting(items):
    for index, item in enumerate(items):
        next_depth = items[index + 1].depth if index + 1 < len(items) else 0
        item.has_children = next_depth > item.depth
        item.closes = range(max(item.depth - next_depth, 0))
