"""Admin screens for the workflow: transitions, preview, revisions.

ArticleAdmin.get_urls wires these; each checks permission on the server
before doing anything, whatever the buttons on the page offered.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from masthead.articles.models import Article, Correction
from masthead.articles.story import render_story
from masthead.comments.models import Comment
from masthead.core import text
from masthead.core.sanitize import render_article_body
from masthead.core.zones import zone_note

from . import policy, revisions, services
from .diff import field_changes
from .models import Revision
from .views import as_if_published, private

ACTION_LABELS = {
    "submit_for_review": "Submit for review",
    "schedule": "Schedule",
    "publish": "Publish now",
    "unpublish": "Unpublish",
    "return_to_draft": "Return to draft",
}


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def run_transition(request, *, article, name, at=None):
    """Call the service; report the outcome as an admin message. True if done."""
    function = getattr(services, name)
    kwargs = {"article": article, "user": request.user}
    if name == "schedule":
        kwargs["at"] = at
    try:
        function(**kwargs)
    except (PermissionDenied, services.TransitionError) as err:
        messages.error(request, f"“{article}”: {err}")
        return False
    messages.success(request, f"“{article}” {services.PAST_TENSE[name]}.")
    return True


def parse_time(value):
    """A datetime-local value in the site's time zone, or None."""
    moment = parse_datetime(value or "")
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def transition_view(request, object_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = get_object_or_404(Article, pk=object_id)
    name = request.POST.get("name", "")
    if name not in services.TRANSITION_NAMES:
        raise Http404("No such action.")
    run_transition(
        request, article=article, name=name, at=parse_time(request.POST.get("at"))
    )
    return redirect(change_url(article))


def editable_article(request, object_id):
    article = get_object_or_404(Article.objects.for_page(), pk=object_id)
    if not policy.can_edit(request.user, article):
        raise PermissionDenied("You may not see this article before it is published.")
    return article


def preview_view(request, object_id, *, render_article):
    """The draft exactly as readers will see it: the public page's own view,
    ``render_article``, passed by the site's AdminSite (site/admin_site.py)."""
    article = editable_article(request, object_id)
    return private(render_article(request, as_if_published(article)))


def revisions_view(model_admin, request, object_id):
    article = editable_article(request, object_id)
    if not policy.can_view_revisions(request.user, article):
        raise PermissionDenied("You may not see this article's revisions.")
    history = list(article.revisions.select_related("user"))
    older, newer = _chosen_pair(request, history)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Revisions of “{article}”",
        "zone_note": zone_note(),
        "opts": model_admin.model._meta,
        "original": article,
        "history": history,
        "older": older,
        "newer": newer,
        "changes": field_changes(older.fields, newer.fields, revisions.LABELS)
        if older and newer
        else [],
    }
    return TemplateResponse(request, "editorial/admin/revisions.html", context)


def _chosen_pair(request, history):
    """The two revisions to compare: ?a=&b=, else the latest two."""
    by_pk = {str(revision.pk): revision for revision in history}
    a, b = by_pk.get(request.GET.get("a")), by_pk.get(request.GET.get("b"))
    if a is None or b is None:
        if len(history) < 2:
            return None, None
        a, b = history[1], history[0]
    return tuple(
        sorted([a, b], key=lambda revision: (revision.created_at, revision.pk))
    )


def restore_view(request, object_id, revision_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    revision = get_object_or_404(Revision, pk=revision_id, article_id=object_id)
    revisions.restore(revision=revision, user=request.user)
    messages.success(request, f"Revision {revision.pk} restored as a new revision.")
    return redirect(change_url(revision.article))


def markdown_preview_view(request):
    """The body as readers will get it, rendered by the server for the editor's
    live preview (same sanitizer as the site; nothing from a CDN)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.has_perm("articles.change_article"):
        raise PermissionDenied("You may not edit articles.")
    body = request.POST.get("body", "")[:200_000]
    try:
        story = render_story(body, published_stories=Article.objects.published())
    except ValidationError as error:
        return JsonResponse({"html": render_article_body(body), "errors": error.messages})
    words = Article(body=body).read_text
    minutes = text.reading_minutes(words, len(story.images))
    return JsonResponse(
        {
            "html": story.html,
            "errors": [],
            "words": text.count_words(words),
            "reading_time": text.reading_time_label(minutes),
        }
    )


def dashboard_view(model_admin, request):
    """The desk at a glance: states, the scheduled queue, what needs doing."""
    if not request.user.has_perm("articles.view_article"):
        raise PermissionDenied("You may not see the newsroom's articles.")
    articles = model_admin.get_queryset(request)
    counts = dict(
        articles.values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Editors' dashboard",
        "opts": model_admin.model._meta,
        "states": [
            (label, counts.get(value, 0), value)
            for value, label in Article.Status.choices
        ],
        "scheduled": articles.filter(status=Article.Status.SCHEDULED).order_by(
            "published_at"
        )[:20],
        "in_review": articles.filter(status=Article.Status.IN_REVIEW).order_by(
            "modified_at"
        )[:20],
        "recently_published": Article.objects.published().order_by("-published_at")[
            :10
        ],
        "pending_comments": Comment.objects.pending().count(),
        "corrections": Correction.objects.recent()[:10],
    }
    return TemplateResponse(request, "editorial/admin/dashboard.html", context)
