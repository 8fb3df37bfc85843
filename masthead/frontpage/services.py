"""Curating the front page: each write checks the editor's permission, then
changes the pins, the layouts or the banner. What they purge follows from
the saves (signal_handlers.py), so every caller (the admin screen, the demo,
a script) purges alike.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from masthead.articles.querysets import HOME_PINNED_MAX

from .models import Banner, Pin, SectionLayout

CURATE = "frontpage.change_pin"
ARRANGE = "frontpage.change_sectionlayout"
ANNOUNCE = "frontpage.change_banner"
MAX_TOP_PINS = HOME_PINNED_MAX - 1  # the lead takes one of the room's places


class PinError(ValueError):
    """A pin refused, with the reason for the editor."""


def check(user, permission):
    if not user.has_perm(permission):
        raise PermissionDenied("You may not change the front page.")


@transaction.atomic
def pin(*, article, slot, user, expires_at=None, position=None):
    """Pin a story as the lead (replacing the lead pinned before) or as a top
    story at ``position`` (1 first; None last). A story has one slot: pinning
    it again moves it."""
    check(user, CURATE)
    Pin.objects.filter(article=article).delete()
    if slot == Pin.Slot.LEAD:
        Pin.objects.filter(slot=Pin.Slot.LEAD).delete()
        _renumber(top_pins())  # it may have been a top story
        return Pin.objects.create(
            article=article, slot=slot, expires_at=expires_at, pinned_by=user
        )
    if top_pins().unexpired().count() >= MAX_TOP_PINS:
        raise PinError(
            f"The front page holds {MAX_TOP_PINS} pinned top stories: unpin one first."
        )
    new = Pin(article=article, slot=slot, expires_at=expires_at, pinned_by=user)
    order = list(top_pins())
    order.insert(len(order) if position is None else max(0, position - 1), new)
    _renumber(order)
    return new


@transaction.atomic
def unpin(*, pin, user):
    check(user, CURATE)
    pin.delete()
    _renumber(top_pins())


@transaction.atomic
def move(*, pin, user, by):
    """Move a top story ``by`` places (-1: up one)."""
    check(user, CURATE)
    order = list(top_pins())
    index = next(i for i, p in enumerate(order) if p.pk == pin.pk)
    order.insert(max(0, index + by), order.pop(index))
    _renumber(order)


@transaction.atomic
def update_top(*, user, positions, expiries, removed=()):
    """The top stories' table saved at once: {pin id: position from 1},
    {pin id: expiry or None}, and the pins to remove. Equal positions keep
    their current order."""
    check(user, CURATE)
    current = list(top_pins())
    kept = [p for p in current if p.pk not in removed]
    for pin in current:
        if pin.pk in removed:
            pin.delete()
        elif pin.pk in expiries and expiries[pin.pk] != pin.expires_at:
            pin.expires_at = expiries[pin.pk]
            pin.save(update_fields=["expires_at"])
    kept.sort(
        key=lambda p: positions.get(p.pk, p.position + 1)
    )  # stable: ties keep order
    _renumber(kept)


def top_pins():
    return Pin.objects.filter(slot=Pin.Slot.TOP).select_related("article")


def _renumber(order):
    """Positions 0, 1, 2... in this order, saving only the pins that moved."""
    for position, pin in enumerate(order):
        if pin.pk is None or pin.position != position:
            pin.position = position
            pin.save()


@transaction.atomic
def set_layouts(*, user, layouts):
    """{section: layout} for the home page's section blocks."""
    check(user, ARRANGE)
    before = dict(SectionLayout.objects.values_list("section_id", "layout"))
    for section, layout in layouts.items():
        if before.get(section.pk, SectionLayout.Layout.GRID) != layout:
            SectionLayout.objects.update_or_create(
                section=section, defaults={"layout": layout}
            )


@transaction.atomic
def set_banner(*, user, text, expires_at, article=None, url=""):
    """Show the breaking-news banner until ``expires_at``, replacing any before.

    A linked story's address is kept as it is now: the banner on every page
    then reads one row, not the story's.
    """
    check(user, ANNOUNCE)
    banner = Banner.objects.first() or Banner()
    banner.text, banner.expires_at, banner.set_by = text, expires_at, user
    banner.article = article
    banner.url = article.get_absolute_url() if article is not None else url
    banner.save()
    return banner


def clear_banner(*, user):
    check(user, ANNOUNCE)
    for banner in Banner.objects.all():
        banner.delete()
