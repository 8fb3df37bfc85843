"""The review queue: attributions the extractor was not sure of, for editors.

Issue #25: below the display threshold a quote is shown to readers without a
name until an editor confirms the speaker, fixes it or rejects the quote.
Served inside the admin (QuoteAdmin.get_urls), so only staff reach it; each
action is one POST with a CSRF token, checked for the change permission by
the service it calls.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from masthead.people.models import Person

from . import services
from .models import Quote
from .spans import mask_markdown, paragraphs

PAGE_SIZE = 25
ACTIONS = ("confirm", "fix", "reject")


def review_view(request, model_admin):
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    if request.method == "POST":
        return _act(request)
    queue = (
        Quote.objects.awaiting_review()
        .select_related("article", "speaker")
        .order_by("-article__published_at", "article_id", "start")
    )
    page = Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [_row(quote) for quote in page.object_list]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Attributions to review"),
        "page": page,
        "rows": rows,
        "opts": model_admin.model._meta,
    }
    return TemplateResponse(request, "quotes/admin/review.html", context)


def _act(request):
    quote = get_object_or_404(Quote, pk=request.POST.get("quote"))
    action = request.POST.get("action")
    if action == "confirm" and quote.speaker_id:
        services.confirm_quote(quote=quote, user=request.user)
    elif action == "fix":
        speaker = get_object_or_404(Person, pk=request.POST.get("speaker"))
        services.fix_quote_speaker(quote=quote, user=request.user, speaker=speaker)
    elif action == "reject":
        services.reject_quote(quote=quote, user=request.user)
    else:
        messages.error(request, _("Choose confirm, fix or reject."))
        return HttpResponseRedirect(request.get_full_path())
    messages.success(request, _("Saved: “%(words)s”.") % {"words": quote.text[:60]})
    return HttpResponseRedirect(request.get_full_path())


def _row(quote):
    return {
        "quote": quote,
        "context": in_context(quote.article.body, quote.start, quote.end),
        "choices": _choices(quote),
    }


def _choices(quote):
    """People this article quotes, as the speakers an editor may switch to."""
    ids = (
        Quote.objects.filter(article_id=quote.article_id, speaker__isnull=False)
        .exclude(speaker_id=quote.speaker_id)
        .values_list("speaker_id", flat=True)
    )
    return list(Person.objects.filter(pk__in=set(ids)).order_by("name"))


def in_context(body, start, end):
    """The quote's paragraph and the one before it, the quote in a <mark>.

    The speaker of a quote is most often named in its own sentence or in the
    paragraph before, so that is what an editor needs to judge it.
    """
    bounds = paragraphs(mask_markdown(body or ""))
    index = next((i for i, (s, e) in enumerate(bounds) if s <= start <= e), None)
    if index is None or not (0 <= start < end <= len(body)):
        return ""
    first = bounds[max(0, index - 1)][0]
    last = bounds[index][1]
    html = (
        escape(body[first:start])
        + "<mark>"
        + escape(body[start:end])
        + "</mark>"
        + escape(body[end:last])
    )
    return mark_safe(html.replace("\n\n", "<br><br>"))  # noqa: S308 (escaped)
