"""What the comment area of an article page shows, in a fixed number of queries."""

from dataclasses import dataclass

from django.conf import settings

from .cookies import pending_comment_ids, saved_commenter
from .forms import CommentForm
from .models import Comment
from .threads import build_thread


@dataclass
class CommentSection:
    thread: list
    approved_count: int
    is_open: bool
    form: CommentForm
    reply_to: Comment | None
    max_depth: int


def comment_section(request, article, form=None):
    """Approved comments, plus the reader's own pending ones, threaded."""
    comments = list(Comment.objects.public().for_article(article))
    own_pending = _own_pending(request, article)
    reply_to = _reply_target(request, comments, form)
    if form is None:
        initial = saved_commenter(request)
        initial["remember"] = bool(initial)
        if reply_to is not None:
            initial["parent"] = reply_to.pk
        form = CommentForm(initial=initial)
    merged = sorted(comments + own_pending, key=lambda c: (c.created_at, c.pk))
    return CommentSection(
        thread=build_thread(merged),
        approved_count=len(comments),
        is_open=article.comments_are_open(),
        form=form,
        reply_to=reply_to,
        max_depth=settings.MASTHEAD_COMMENTS_MAX_DEPTH,
    )


def _own_pending(request, article):
    ids = pending_comment_ids(request)
    if not ids:
        return []
    return list(Comment.objects.held().filter(article=article, pk__in=ids))


def _reply_target(request, comments, form):
    """The comment named by ?replytocom= (or the form's parent), if approved here."""
    raw = form["parent"].value() if form is not None else request.GET.get("replytocom")
    try:
        wanted = int(raw)
    except (TypeError, ValueError):
        return None
    return next((c for c in comments if c.pk == wanted), None)
