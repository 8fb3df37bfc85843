"""Readers' newsletter pages: thin views over services.py.

The sign-up and manage forms carry no CSRF token and are origin-checked
(core/csrf.py), so the pages that show them stay cacheable. The links in
emails carry a signed token, which is their only authority: a GET shows a
button (mail scanners follow links and must change nothing), a POST acts.
The one-click unsubscribe POST (RFC 8058) comes from a mail provider with no
Origin and no cookie: it works on its token alone, at once.
"""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from masthead.core.clients import client_ip
from masthead.core.csrf import origin_checked
from masthead.core.links import url
from masthead.core.ratelimit import RateLimited
from masthead.pagecache import tags as page_tags
from masthead.pagecache.dependencies import depends_on

from . import compose, services, tokens
from .forms import ManageForm, SignupForm
from .models import Edition, Newsletter

INVALID = "This link is not valid any more. Nothing was changed."


def newsletters_page(request, form=None, status=200):
    """Every public list, the sign-up form and the archive."""
    depends_on(page_tags.NEWSLETTERS)
    context = {"form": form or SignupForm(), "newsletters": Newsletter.objects.public()}
    return render(request, "newsletters/index.html", context, status=status)


@origin_checked  # no token: every page that shows the form stays cacheable
@require_POST
def signup(request):
    form = SignupForm(request.POST)
    if not form.is_valid():
        return newsletters_page(request, form, status=400)
    if form.is_bot:
        return _to_thanks()  # a bot learns nothing from the answer
    email = form.cleaned_data["email"]
    try:
        services.claim_signup_slot(ip_address=client_ip(request), email=email)
    except RateLimited as limited:
        form.add_error(None, limited.message)
        response = newsletters_page(request, form, status=429)
        response["Retry-After"] = "60"
        return response
    services.sign_up(email=email, newsletters=form.cleaned_data["newsletters"])
    return _to_thanks()


def thanks(request):
    """The same page for every sign-up, known address or not (issue 23, item 1)."""
    return render(request, "newsletters/thanks.html")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscriber = services.subscriber_for(
        token, salt=tokens.CONFIRM, max_age=tokens.confirm_max_age()
    )
    if subscriber is None:
        return _private(request, "newsletters/message.html", {"message": INVALID}, 400)
    if request.method == "GET":
        return _private(
            request,
            "newsletters/message.html",
            {
                "message": "Confirm that you want these newsletters.",
                "button": "Confirm",
            },
        )
    services.confirm(subscriber=subscriber)
    manage = url(
        "newsletters:manage", token=tokens.manage_token(subscriber.pk, subscriber.key)
    )
    return _private(
        request,
        "newsletters/message.html",
        {"message": "Done: your newsletters are on their way.", "manage_url": manage},
    )


@origin_checked
@require_http_methods(["GET", "POST"])
def manage(request, token):
    subscriber = services.subscriber_for(token, salt=tokens.MANAGE)
    if subscriber is None:
        return _private(request, "newsletters/message.html", {"message": INVALID}, 400)
    subscriptions = {s.newsletter_id: s for s in subscriber.subscriptions.all()}
    saved = False
    if request.method == "POST":
        form = ManageForm(request.POST)
        if form.is_valid():
            services.choose_lists(
                subscriber=subscriber,
                wanted=[n.pk for n in form.cleaned_data["newsletters"]],
            )
            subscriptions = {s.newsletter_id: s for s in subscriber.subscriptions.all()}
            saved = True
    rows = [(n, subscriptions.get(n.pk)) for n in Newsletter.objects.public()]
    return _private(request, "newsletters/manage.html", {"rows": rows, "saved": saved})


@csrf_exempt  # RFC 8058: the mail provider's POST has no Origin; the token suffices
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    values = tokens.read(token, salt=tokens.UNSUBSCRIBE)
    newsletter = (
        Newsletter.objects.filter(pk=values[2]).first()
        if values and len(values) == 3
        else None
    )
    if newsletter is None:
        return _private(request, "newsletters/message.html", {"message": INVALID}, 400)
    if request.method == "GET":
        return _private(
            request,
            "newsletters/message.html",
            {"message": f"Stop sending me {newsletter.name}.", "button": "Unsubscribe"},
        )
    if services.unsubscribe_by_token(token) is None:
        return _private(request, "newsletters/message.html", {"message": INVALID}, 400)
    return _private(
        request,
        "newsletters/message.html",
        {"message": f"Done: you will get no more of {newsletter.name}."},
    )


def archive(request, slug):
    """A list's past editions: public, cacheable like any page."""
    newsletter = get_object_or_404(Newsletter.objects.public(), slug=slug)
    depends_on(page_tags.NEWSLETTERS)
    editions = (
        Edition.objects.archived().filter(newsletter=newsletter).order_by("-started_at")
    )
    return render(
        request,
        "newsletters/archive.html",
        {"newsletter": newsletter, "editions": editions[:100]},
    )


def edition(request, slug, pk):
    """One edition on the web, as its recipients read it (without their links)."""
    found = (
        Edition.objects.archived()
        .select_related("newsletter")
        .filter(pk=pk, newsletter__slug=slug)
        .first()
    )
    if found is None:
        raise Http404("No such edition.")
    return render(
        request,
        "newsletters/edition.html",
        {"edition": found, "stories": compose.stories_of(found, base="")},
    )


def _to_thanks():
    return HttpResponseRedirect(url("newsletters:thanks"), status=303)


def _private(request, template, context, status=200):
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
