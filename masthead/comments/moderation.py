"""The moderation screen: pending first, with context, in constant queries.

Faster than the admin changelist because everything a moderator decides on
is on one row (article, parent, the commenter's record) and every decision
is one button. Plain POST forms with CSRF: it works without JavaScript;
moderation.js only adds keyboard shortcuts.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.functions import Lower
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.template.response import TemplateResponse

from . import services, strict
from .models import Comment

PER_PAGE = 50
FILTERS = {"": "Pending first", "pending": "Pending", "spam": "Spam",
           "approved": "Approved", "trash": "Trash"}  # fmt: skip
ACTIONS = {"approve": services.approve, "spam": services.mark_spam,
           "trash": services.trash}  # fmt: skip


def moderation_queryset(status):
    comments = Comment.objects.select_related("article", "parent")
    if status:
        return comments.filter(status=status).order_by("-created_at", "-id")
    pending_first = Case(
        When(status=Comment.Status.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return comments.exclude(status=Comment.Status.TRASH).order_by(
        pending_first, "-created_at", "-id"
    )


def commenter_history(comments):
    """{email (lowercased): {"approved": n, "spam": n}} in one query."""
    emails = {c.email.lower() for c in comments if c.email}
    rows = (
        Comment.objects.annotate(address=Lower("email"))
        .filter(address__in=emails)
        .values("address")
        .annotate(
            approved=Count("id", filter=Q(status=Comment.Status.APPROVED)),
            spam=Count("id", filter=Q(status=Comment.Status.SPAM)),
        )
    )
    return {row["address"]: row for row in rows}


def status_counts():
    rows = Comment.objects.values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def moderation_view(request, admin_site):
    if request.method == "POST":
        return _act(request)
    status = request.GET.get("status", "")
    if status not in FILTERS:
        status = ""
    page = Paginator(moderation_queryset(status), PER_PAGE).get_page(request.GET.get("page"))
    comments = list(page.object_list)
    history = commenter_history(comments)
    for comment in comments:
        comment.history = history.get(comment.email.lower(), {"approved": 0, "spam": 0})
    context = {
        **admin_site.each_context(request),
        "title": "Moderate comments",
        "comments": comments,
        "page": page,
        "status": status,
        "filters": _filters(),
    }
    return TemplateResponse(request, "comments/moderation.html", context)


def _filters():
    counts = status_counts()
    return [(key, label, counts.get(key, 0)) for key, label in FILTERS.items()]


def _act(request):
    """One button (`do=approve:12`) or the bulk menu over the ticked rows."""
    verb, _, single = request.POST.get("do", "").partition(":")
    if verb == "reply":
        return _reply(request, single)
    ids = [single] if single else request.POST.getlist("selected")
    action = ACTIONS.get(verb or request.POST.get("bulk", ""))
    if action is None or not ids or not all(i.isdigit() for i in ids):
        return HttpResponseBadRequest("Choose an action and at least one comment.")
    count = action(Comment.objects.filter(pk__in=ids), request=request)
    messages.success(request, f"{count} comment(s) updated.")
    return HttpResponseRedirect(request.get_full_path())


def _reply(request, parent_id):
    parent = Comment.objects.select_related("article").filter(pk=parent_id).first()
    body = strict.normalise_newlines(request.POST.get(f"reply-{parent_id}") or "").strip()
    if parent is None or not body:
        return HttpResponseBadRequest("Write a reply to an existing comment.")
    problem = strict.character_problem(body, multiline=True)
    if problem:
        return HttpResponseBadRequest(problem)
    try:
        services.reply_as_staff(parent=parent, user=request.user, body=body, request=request)
    except services.CommentRejected as rejection:
        messages.error(request, rejection.message)
    else:
        messages.success(request, "Reply published.")
    return HttpResponseRedirect(request.get_full_path())
