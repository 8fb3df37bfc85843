import ipaddress

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from masthead.articles.models import Article
from masthead.articles.views import article_page
from masthead.core.csrf import origin_checked

from . import services, strict
from .cookies import remember_commenter, remember_pending
from .forms import CommentForm
from .models import Comment


@origin_checked  # no token: article pages stay cacheable (see core/csrf.py)
@require_POST
def post_comment(request, slug):
    """Post a reader's comment; a rejected one re-renders the page with all typed."""
    article = get_object_or_404(Article.objects.published(), slug=slug)
    form = CommentForm(request.POST, undecodable=_undecodable_fields(request))
    if not form.is_valid():
        return article_page(request, article, comment_form=form, status=400)
    data = form.cleaned_data
    try:
        comment = services.post_comment(
            article=article,
            name=data["name"],
            email=data["email"],
            website=data["website"],
            body=data["comment"],
            parent_id=data["parent"],
            ip_address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            user=request.user,
            bot=form.bot_signals(),
            notify_replies=data["notify_replies"],
            request=request,
        )
    except services.CommentRejected as rejection:
        form.add_error(rejection.field, rejection.message)
        return article_page(request, article, comment_form=form, status=rejection.status)
    response = HttpResponseRedirect(comment.get_absolute_url(), status=303)
    if comment.status != Comment.Status.APPROVED:
        # Spam too: the poster sees "awaiting moderation" either way, so a bot
        # learns nothing from the answer (the rejection is silent).
        remember_pending(request, response, comment.pk)
    remember_commenter(
        response,
        remember=data["remember"],
        name=data["name"],
        email=data["email"],
        website=data["website"],
    )
    return response


def _undecodable_fields(request):
    # Django decodes with errors="replace"; the raw body tells us what was lost.
    if request.content_type != "application/x-www-form-urlencoded":
        return set()
    return strict.undecodable_fields(request.body)


def client_ip(request):
    """REMOTE_ADDR, or the address our own proxy saw when it is a trusted one.

    X-Forwarded-For is believed only from MASTHEAD_TRUSTED_PROXIES, and only
    its last entry (the one that proxy appended): earlier entries are
    whatever the client chose to send.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    trusted = getattr(settings, "MASTHEAD_TRUSTED_PROXIES", ())
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if remote in trusted and forwarded:
        candidate = forwarded.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            return remote
    return remote
