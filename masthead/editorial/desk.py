"""The writing screen's server side (issue 20): autosave, which is also the
editing lock's heartbeat; "Take over"; discarding unsaved text; and the live
preview of unsaved text through the article page itself.

ArticleAdmin.get_urls wires these; the preview needs the site layer's page
assembly, so the site's AdminSite wires it with its renderer
(site/admin_site.py), as it does the saved draft's preview.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import slugify

from masthead.articles.models import Article, Section
from masthead.media.models import Image

from . import autosaves, locks, policy
from .conflicts import editor_name, local_time
from .views import as_if_published, private

HEARTBEAT_SECONDS = 30  # how often an open editor says it is still there


def context(request, article):
    """What the article form shows besides the form: the URLs its scripts
    call, the lock held by someone else, and unsaved text to restore."""
    lock = locks.holder(article) if article else None
    # A form shown again after a refused save holds the editor's text already.
    offer = (
        autosaves.offer(user=request.user, article=article)
        if request.method == "GET"
        else None
    )
    return {
        "desk": {
            "urls": _urls(article),
            "heartbeat_seconds": HEARTBEAT_SECONDS,
            "lock": _lock_facts(lock, request.user) if lock else None,
            "offer": offer and _offer_facts(offer),
        }
    }


def autosave_view(request, object_id=None):
    """Keep the posted text (when given) and beat the lock's heart."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _article(request, object_id)
    answer = {}
    if "body" in request.POST:
        text = {name: request.POST.get(name, "") for name in autosaves.LIMITS}
        try:
            kept = autosaves.keep(
                user=request.user,
                article=article,
                text=text,
                base_version=_number(request.POST.get("edited_version")),
            )
        except ValidationError as error:
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        answer["saved_at"] = local_time(kept.saved_at)
    if article is not None:
        if request.POST.get("leaving"):
            locks.release(article=article, user=request.user)
        else:
            lock = locks.heartbeat(article=article, user=request.user)
            answer["lock"] = _lock_facts(lock, request.user)
    return JsonResponse(answer)


def take_over_view(request, object_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _article(request, object_id)
    lock = locks.take_over(article=article, user=request.user)
    if _from_script(request):
        return JsonResponse({"lock": _lock_facts(lock, request.user)})
    messages.success(request, "You are editing this story now.")
    return redirect(reverse("admin:articles_article_change", args=[article.pk]))


def discard_view(request, object_id=None):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = _article(request, object_id)
    autosaves.discard(user=request.user, article=article)
    if _from_script(request):
        return HttpResponse(status=204)
    if article is None:
        return redirect(reverse("admin:articles_article_add"))
    return redirect(reverse("admin:articles_article_change", args=[article.pk]))


def live_preview_view(request, object_id=None, *, render_article):
    """The article page for the form's text, saved or not: GET shows what is
    saved, POST what the editor has typed (nothing is written). Framed only
    by the admin's own pages."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    article = _article(request, object_id, queryset=Article.objects.for_page())
    if article is None:
        article = Article(title="", body="")
    if request.method == "POST":
        _apply_form(article, request.POST)
    article.slug = slugify(article.slug) or "preview"  # the page links itself
    article.derive()
    response = private(render_article(request, as_if_published(article)))
    response["X-Frame-Options"] = "SAMEORIGIN"
    response._csp_replace = {"frame-ancestors": ["'self'"]}
    return response


def _apply_form(article, data):
    """The form's words and placement on an unsaved copy of the article."""
    article.title = data.get("title", "")[:300]
    article.slug = data.get("slug", article.slug)[:200]
    article.standfirst = data.get("standfirst", "")[:5_000]
    article.body = data.get("body", "")[:500_000]
    article.section = Section.objects.filter(pk=_number(data.get("section"))).first()
    article.hero_image = Image.objects.filter(
        pk=_number(data.get("hero_image"))
    ).first()


def _article(request, object_id, queryset=None):
    """The article the editor may edit, or None on the add page."""
    if object_id is None:
        if not request.user.has_perm("articles.add_article"):
            raise PermissionDenied("You may not write articles.")
        return None
    if not str(object_id).isdigit():
        raise Http404("No such article.")
    if queryset is None:
        queryset = Article.objects.all()
    article = get_object_or_404(queryset, pk=object_id)
    if not policy.can_edit(request.user, article):
        raise PermissionDenied("You may not edit this article.")
    return article


def _offer_facts(offer):
    """What the form restores (as JSON in the page) and when it was typed."""
    text = {name: getattr(offer, name) for name in autosaves.LIMITS}
    return {
        "time": local_time(offer.saved_at),
        "data": {**text, "edited_version": offer.base_version},
    }


def _lock_facts(lock, user):
    return {
        "mine": lock.user_id == user.pk,
        "editor": editor_name(lock.user),
        "since": local_time(lock.since),
    }


def _urls(article):
    def url(name):
        suffix = "" if article is None else "_of"
        args = [] if article is None else [article.pk]
        return reverse(f"admin:articles_article_{name}{suffix}", args=args)

    urls = {name: url(name) for name in ("autosave", "discard", "live_preview")}
    if article is not None:
        urls["take_over"] = reverse(
            "admin:articles_article_take_over", args=[article.pk]
        )
    return urls


def _from_script(request):
    """The editor's scripts ask for an answer to read, not a page to go to."""
    return request.headers.get("X-Requested-With") == "fetch"


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
