"""The front-page screen: the lead, the top stories, each section block's
layout and the breaking-news banner, seen and changed on one page.

Plain forms and buttons, so it works without JavaScript: top stories are
reordered by their position numbers or by Up and Down. Every POST names its
action, and each action's service checks the editor's permission on the
server, whatever the page offered. The site wires it into the admin
(site/admin_site.py) as ``admin:frontpage_screen``.
"""

from datetime import timedelta

from django.contrib import messages
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from masthead.articles.models import Article
from masthead.articles.querysets import navigation_sections

from . import services
from .forms import BannerForm, LayoutsForm, LeadPinForm, PinForm, TopStoriesForm
from .models import Banner, Pin, SectionLayout
from .querysets import home_top

STORY_CHOICES = 60  # the recent stories offered as the story fields' suggestions


def screen_view(request, admin_site):
    services.check(request.user, services.CURATE)
    bound = {}
    if request.method == "POST":
        action = ACTIONS.get(request.POST.get("action", ""))
        if action is None:
            return HttpResponseBadRequest("No such action on the front page.")
        outcome = action(request)
        if isinstance(outcome, str):
            messages.success(request, outcome)
            return redirect("admin:frontpage_screen")
        bound = outcome  # forms with errors, shown with what was typed
    context = {
        **admin_site.each_context(request),
        "title": "Front page",
        **screen_context(request, bound),
    }
    return TemplateResponse(request, "frontpage/admin/screen.html", context)


def screen_context(request, bound):
    now = timezone.now()
    sections = navigation_sections()
    showing, _ = home_top(())
    lead_pin = Pin.objects.filter(slot=Pin.Slot.LEAD).select_related("article").first()
    top_pins = list(services.top_pins())
    banner = Banner.objects.select_related("article").first()
    table_form = bound.get("table_form") or TopStoriesForm(pins=top_pins)
    user = request.user
    return {
        "showing": showing,
        "pinned_ids": {p.article_id for p in [lead_pin, *top_pins] if p},
        "lead_pin": lead_pin and (lead_pin, pin_state(lead_pin, now)),
        "top_rows": [(row, pin_state(row[0], now)) for row in table_form.rows()],
        "lead_form": bound.get("lead_form") or LeadPinForm(prefix="lead"),
        "top_form": bound.get("top_form") or PinForm(prefix="top"),
        "table_form": table_form,
        "layouts_form": bound.get("layouts_form") or layouts_form(sections),
        "banner": banner,
        "banner_active": banner is not None and not banner.is_expired(now),
        "banner_form": bound.get("banner_form") or banner_form(banner, now),
        "can_arrange": user.has_perm(services.ARRANGE),
        "can_announce": user.has_perm(services.ANNOUNCE),
        "stories": Article.objects.order_by("-modified_at").values_list(
            "slug", "title"
        )[:STORY_CHOICES],
        "time_zone": timezone.get_current_timezone_name(),
    }


def pin_state(pin, now):
    """(kind, words) for the screen: shown, expired, or waiting for its story."""
    article = pin.article
    if pin.is_expired(now):
        return "expired", "Expired: not shown"
    if article.is_published:
        return "shown", "Shown"
    if article.status == Article.Status.SCHEDULED and article.published_at:
        when = timezone.localtime(article.published_at).strftime("%Y-%m-%d %H:%M")
        return "waiting", f"Shown from {when}, when the story is published"
    return "waiting", "Not shown until the story is published"


def layouts_form(sections, data=None):
    layouts = dict(SectionLayout.objects.values_list("section_id", "layout"))
    return LayoutsForm(data, sections=sections, layouts=layouts)


def banner_form(banner, now):
    if banner is None or banner.is_expired(now):
        return BannerForm(initial={"expires_at": now + timedelta(hours=6)})
    return BannerForm(initial={
        "text": banner.text, "expires_at": banner.expires_at,
        "story": banner.article.slug if banner.article else "",
        "url": "" if banner.article else banner.url,
    })  # fmt: skip


# Each action returns the message for a change made, or the forms to show again.


def pin_lead(request):
    form = LeadPinForm(request.POST, prefix="lead")
    if not form.is_valid():
        return {"lead_form": form}
    article = form.cleaned_data["story"]
    services.pin(
        article=article, slot=Pin.Slot.LEAD, user=request.user,
        expires_at=form.cleaned_data["expires_at"],
    )  # fmt: skip
    return f"“{article}” is pinned as the lead story."


def pin_top(request):
    form = PinForm(request.POST, prefix="top")
    if not form.is_valid():
        return {"top_form": form}
    article, data = form.cleaned_data["story"], form.cleaned_data
    try:
        services.pin(
            article=article, slot=Pin.Slot.TOP, user=request.user,
            expires_at=data["expires_at"], position=data["position"],
        )  # fmt: skip
    except services.PinError as error:
        form.add_error(None, str(error))
        return {"top_form": form}
    return f"“{article}” is pinned as a top story."


def save_top(request):
    """The table's Save, or one of its Up and Down buttons (which save it too,
    so nothing typed is lost)."""
    form = TopStoriesForm(request.POST, pins=services.top_pins())
    if not form.is_valid():
        return {"table_form": form}
    services.update_top(user=request.user, **form.changes())
    pin_id, _, direction = request.POST.get("move", "").partition(":")
    pin = (
        Pin.objects.filter(pk=pin_id, slot=Pin.Slot.TOP).first()
        if pin_id.isdigit()
        else None
    )
    if pin is not None and direction in ("up", "down"):  # not if unpinned meanwhile
        services.move(pin=pin, user=request.user, by=-1 if direction == "up" else 1)
        return f"“{pin.article}” moved {direction}."
    return "The top stories are saved."


def unpin(request):
    pin = get_object_or_404(
        Pin.objects.select_related("article"), pk=request.POST.get("pin")
    )
    services.unpin(pin=pin, user=request.user)
    return f"“{pin.article}” is unpinned."


def save_layouts(request):
    form = layouts_form(navigation_sections(), request.POST)
    if not form.is_valid():
        return {"layouts_form": form}
    services.set_layouts(user=request.user, layouts=form.layouts())
    return "The section layouts are saved."


def set_banner(request):
    form = BannerForm(request.POST)
    if not form.is_valid():
        return {"banner_form": form}
    data = form.cleaned_data
    services.set_banner(
        user=request.user, text=data["text"], expires_at=data["expires_at"],
        article=data["story"], url=data["url"],
    )  # fmt: skip
    return "The breaking-news banner is on every page."


def clear_banner(request):
    services.clear_banner(user=request.user)
    return "The breaking-news banner is removed."


ACTIONS = {
    "pin_lead": pin_lead,
    "pin_top": pin_top,
    "save_top": save_top,
    "unpin": unpin,
    "layouts": save_layouts,
    "banner": set_banner,
    "clear_banner": clear_banner,
}
