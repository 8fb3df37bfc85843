from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_POST

from masthead.articles.models import Article
from masthead.core.csrf import origin_checked
from masthead.core.links import slug_url

from . import services, strict, trust
from .faults import FAULTS, TRY_AGAIN, once_more_on_fault, server_is_away, unavailable
from .cookies import remember_commenter, remember_pending
from .forms import CommentForm
from .models import Comment


@origin_checked  # no token: article pages stay cacheable (see core/csrf.py)
@require_POST
def post_comment(request, slug, *, render_article):
    """Post a reader's comment; a rejected one re-renders the page with all typed,
    and so does one the database could not take (faults.py: 503).

    ``render_article(request, article, comment_form=, status=)`` is the article
    page, passed by the site's URL wiring (site/pages.py).
    """
    try:
        return once_more_on_fault(lambda: _post(request, slug, render_article))
    except FAULTS as fault:
        return _database_unavailable(request, slug, render_article, fault)


def _post(request, slug, render_article):
    try:
        article = Article.objects.published_row(slug)  # shared: read only
    except Article.DoesNotExist:
        raise Http404("No published article here.") from None
    form = CommentForm(request.POST, undecodable=_undecodable_fields(request))
    if not form.is_valid():
        return render_article(request, article, comment_form=form, status=400)
    data = form.cleaned_data
    trusted_by = trust.read(request)  # the only place a page reads this cookie
    try:
        comment = services.post_from_form(
            article=article,
            form=form,
            request=request,
            user=request.user,
            bot=form.bot_signals(),
            notify_replies=data["notify_replies"],
            voucher=trust.voucher(trusted_by, data["email"]),
        )
    except services.CommentRejected as rejection:
        form.add_error(rejection.field, rejection.message)
        return render_article(
            request, article, comment_form=form, status=rejection.status
        )
    response = HttpResponseRedirect(comment.get_absolute_url(), status=303)
    if comment.status != Comment.Status.APPROVED:
        # Spam too: the poster sees "awaiting moderation" either way, so a bot
        # learns nothing from the answer (the rejection is silent).
        remember_pending(request, response, comment.pk)
    if not comment.by_staff:  # staff are trusted by their session instead
        trust.remember(response, trusted_by, comment)
    remember_commenter(
        response,
        remember=data["remember"],
        name=data["name"],
        email=data["email"],
        website=data["website"],
    )
    return response


def _database_unavailable(request, slug, render_article, fault):
    form = CommentForm(request.POST, undecodable=_undecodable_fields(request))
    form.is_valid()  # for its cleaned values; the reader sees only our sentence
    form.errors.clear()
    form.add_error(None, TRY_AGAIN)
    if not server_is_away(fault):  # a passing fault: the page may come back
        try:
            article = Article.objects.published_row(slug)
            page = render_article(request, article, comment_form=form, status=503)
            return unavailable(page)
        except FAULTS:
            pass  # the page needs the database too: a plain page with the form
    context = {"form": form, "article": _ArticleAddress(slug), "reply_to": None}
    return unavailable(render(request, "comments/unavailable.html", context, status=503))


class _ArticleAddress:
    """What the form needs of its article when the article cannot be read."""

    def __init__(self, slug):
        self.slug = slug

    def get_absolute_url(self):
        return slug_url("articles:detail", self.slug)


def _undecodable_fields(request):
    # Django decodes with errors="replace"; the raw body tells us what was lost.
    if request.content_type != "application/x-www-form-urlencoded":
        return set()
    return strict.undecodable_fields(request.body)
