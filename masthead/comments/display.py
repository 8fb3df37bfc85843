"""What the comment area of an article page shows, in a fixed number of queries.

Comments come as rows of their displayed fields, not model instances: building
fifty instances was a third of the thread's cost, and the page only reads them.
"""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, set_script_prefix
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from masthead.articles.models import Article
from masthead.core.fragments import Fragment, current_locale
from masthead.core.prepared import Param, PreparedQuery

from .cookies import pending_comment_ids, saved_commenter
from .forms import CommentForm, issued_token
from .models import Comment
from .threads import build_thread


@dataclass
class CommentSection:
    article: object
    thread: list
    approved_count: int
    is_open: bool
    form: CommentForm | None  # a posted form; None for a blank one
    initial: dict  # a blank form's values
    reply_to: tuple | None  # a displayed row
    max_depth: int

    def can_reply(self, item):
        too_deep = item.depth + 1 >= self.max_depth
        return self.is_open and is_public(item.comment) and not too_deep

    def thread_html(self):
        """The nested list of comments, built here rather than in a template loop.

        A thread of 50 comments costs ~4 ms through template tags and ~0.3 ms
        here; each comment's own markup still comes from comments/comment.html.
        """
        parts, locale = [], current_locale()  # once for every comment's date
        for item in self.thread:
            comment = item.comment
            pending = "" if is_public(comment) else " comment--pending"
            parts.append(f'<li id="comment-{comment.pk}" class="comment depth-{item.depth}{pending}">')
            parts.append(comment_html(comment, locale))
            if self.can_reply(item):
                parts.append(REPLY_LINK(pk=comment.pk, name=comment.name))
            if item.has_children:
                parts.append('<ol class="children">')
            else:
                parts.append("</li>" + "</ol></li>" * len(item.closes))
        return mark_safe("".join(parts))

    def form_html(self):
        """The comment form. A form nobody has posted yet is the same markup for
        every reader with the same saved details in the same second (its fill
        timer's resolution), so it is rendered once and reused; a posted form
        with its errors is always rendered afresh."""
        if self.form is not None:
            return _render_form(self.form, self.reply_to, self.article)
        reply_to = self.reply_to
        return BLANK_FORM(
            slug=self.article.slug,
            script_prefix=get_script_prefix(),
            reply_to=(reply_to.pk, reply_to.name) if reply_to else None,
            initial=tuple(sorted(self.initial.items())),
        )


def comment_section(request, article, form=None):
    """Approved comments, plus the reader's own pending ones, threaded."""
    comments = PUBLIC_THREAD.all(article_id=article.pk)
    own_pending = _own_pending(request, article)
    reply_to = _reply_target(request, comments, form)
    initial = {}
    if form is None:
        initial = saved_commenter(request)
        initial["remember"] = bool(initial)
        if reply_to is not None:
            initial["parent"] = reply_to.pk
        initial["issued"] = issued_token()
    merged = sorted(comments + own_pending, key=lambda c: (c.created_at, c.pk))
    return CommentSection(
        article=article,
        thread=build_thread(merged),
        approved_count=len(comments),
        is_open=article.comments_are_open(),
        form=form,
        initial=initial,
        reply_to=reply_to,
        max_depth=settings.MASTHEAD_COMMENTS_MAX_DEPTH,
    )


def _own_pending(request, article):
    ids = pending_comment_ids(request)
    if not ids:
        return []
    return displayed(Comment.objects.held().filter(article=article, pk__in=ids))


def _reply_target(request, comments, form):
    """The comment named by ?replytocom= (or the form's parent), if approved here."""
    raw = form["parent"].value() if form is not None else request.GET.get("replytocom")
    try:
        wanted = int(raw)
    except (TypeError, ValueError):
        return None
    return next((c for c in comments if c.pk == wanted), None)


DISPLAYED_FIELDS = (
    "pk", "parent_id", "status", "name", "email", "website", "by_staff", "created_at",
    "body_html",
)


def displayed(comments):
    """Rows with the DISPLAYED_FIELDS as attributes, in the queryset's order."""
    return list(_rows(comments))


def _rows(comments):
    return comments.values_list(*DISPLAYED_FIELDS, named=True)


# An article's approved thread, on every article page: prepared, as
# core/prepared.py explains. Unordered: comment_section sorts it with the
# reader's own pending comments. With ORDER BY created_at, PostgreSQL misjudged
# a story flooded with held spam (it takes status and article as independent)
# and walked the created_at index across every comment on the site; without
# it, comment_public_thread_idx answers.
PUBLIC_THREAD = PreparedQuery(
    lambda: _rows(Comment.objects.public().filter(article_id=Param("article_id")).order_by())
)


def is_public(comment):
    return comment.status == Comment.Status.APPROVED


def comment_html(comment, locale):
    """One comment's markup (its date in ``locale``), rendered once per version of its row.

    The markup is a pure function of the row's displayed fields, all of which
    are in the memo's key, so it can never be stale; a long thread then costs
    a dictionary lookup per comment instead of a template render.
    """
    return COMMENT(
        pk=comment.pk, status=comment.status, name=comment.name, email=comment.email,
        website=comment.website, by_staff=comment.by_staff,
        created_at=comment.created_at, body_html=comment.body_html, locale=locale,
    )


def _rendered(pk, status, name, email, website, by_staff, created_at, body_html,
              locale):  # fmt: skip
    comment = Comment(
        pk=pk, status=status, name=name, email=email, website=website,
        by_staff=by_staff, created_at=created_at, body_html=body_html,
    )
    return mark_safe(render_to_string("comments/comment.html", {"comment": comment}))  # noqa: S308


def _render_form(form, reply_to, article):
    context = {"form": form, "reply_to": reply_to, "article": article}
    return mark_safe(render_to_string("comments/form.html", context))  # noqa: S308


def _blank_form(slug, script_prefix, reply_to, initial):
    # The form's URLs are reversed under the prefix its key names.
    current = get_script_prefix()
    set_script_prefix(script_prefix)
    try:
        return _blank_form_markup(slug, reply_to, initial)
    finally:
        set_script_prefix(current)


def _blank_form_markup(slug, reply_to, initial):
    reply = Comment(pk=reply_to[0], name=reply_to[1]) if reply_to else None
    return _render_form(CommentForm(initial=dict(initial)), reply, Article(slug=slug))


def _reply_link(pk, name):
    return format_html(
        '<p class="comment__reply"><a rel="nofollow" href="?replytocom={}#respond" '
        'aria-label="Reply to {}">Reply</a></p>',
        pk, name,
    )


COMMENT = Fragment(
    build=_rendered,
    fields=(
        "pk", "status", "name", "email", "website", "by_staff", "created_at",
        "body_html", "locale",
    ),
    size=4096,
)
# The arguments are plain values and the whole input of the markup (the
# article's URLs follow from its slug and the script prefix), so the memo
# cannot serve another article's or another reader's form.
BLANK_FORM = Fragment(
    build=_blank_form, fields=("slug", "script_prefix", "reply_to", "initial"), size=256
)
REPLY_LINK = Fragment(build=_reply_link, fields=("pk", "name"), size=4096)
