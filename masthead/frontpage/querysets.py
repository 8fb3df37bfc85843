"""What pages read of the front page's curation.

The live pins are asked on every home page: a pin shows only while it has
not expired and its story is public, and both change on the minute with no
write, so one small prepared query answers with the time. The section
layouts, the banner and the coming expiries change only by a write, which
purges (signal_handlers.py): they are kept until the next purge
(pagecache/memo.py) as frozen values, and the banner's own expiry is
compared with the clock on each request, so it costs no query once warm.
"""

from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType

from django.db import models
from django.utils import timezone

from masthead.articles.models import Article
from masthead.articles.querysets import HOME_LATEST, HOME_PINNED_MAX
from masthead.core.prepared import Param, PreparedQuery
from masthead.pagecache import tags as page_tags
from masthead.pagecache.dependencies import depends_on
from masthead.pagecache.memo import UntilPurge

from .slots import Pinned

TOP_SLOTS = HOME_LATEST - 1  # the grid under the lead, as before issue 20


class PinQuerySet(models.QuerySet):
    def unexpired(self, now=None):
        """Pins with no expiry or one ahead; ``now`` may be a prepared query's Param."""
        now = timezone.now() if now is None else now
        return self.filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )

    def live(self, now=None):
        """The pins the home page shows: unexpired, on a story readers may see."""
        now = timezone.now() if now is None else now
        return self.unexpired(now).filter(
            article__in=Article.objects.published(now=now)
        )


@dataclass(frozen=True)
class HomeTop:
    """The top of the home page as readers see it now."""

    lead: object  # a teaser row, or None before anything is published
    top: list
    # Whether editors placed any top story: "Top stories", not "Latest".
    pinned_top: bool


def home_top(sections):
    """(HomeTop, {section id: its newest teasers}): pins in their slots, the
    newest in the rest, in a fixed number of queries however many are pinned."""
    pins = live_pins()
    pinned, newest, recent = Article.objects.front_page(
        sections, pinned=pins.ids, fill=pins.fill(TOP_SLOTS)
    )
    lead, top = pins.arrange(pinned, newest, TOP_SLOTS)
    return HomeTop(lead, top, pinned_top=bool(pins.top)), recent


def live_pins(now=None):
    """The Pinned ids shown now."""
    depends_on(page_tags.FRONT_PAGE)
    return Pinned.from_rows(LIVE_PINS.all(now=now or timezone.now()))


def section_layouts():
    """{section id: layout} of sections given one (read only; kept until a purge)."""
    depends_on(page_tags.FRONT_PAGE)
    return ROWS.get("layouts", lambda: MappingProxyType(dict(LAYOUTS.all())))


@dataclass(frozen=True)
class BannerShown:
    """What the breaking-news banner shows: shared by every request, read only."""

    text: str
    url: str  # "" for no link
    expires_at: datetime


def breaking_news(now=None):
    """The banner every public page shows now, or None."""
    depends_on(page_tags.BANNER)
    banner = ROWS.get("banner", _banner)
    if banner is None or banner.expires_at <= (now or timezone.now()):
        return None
    return banner


def _banner():
    from .models import Banner

    row = Banner.objects.values_list("text", "url", "expires_at").first()
    return BannerShown(*row) if row else None


def next_expiry():
    """When the next pin or banner expires, or None: no cached page outlives it."""
    now = timezone.now()
    return next((when for when in ROWS.get("expiries", _expiries) if when > now), None)


def _expiries():
    from .models import Banner, Pin

    now = timezone.now()
    pins = Pin.objects.filter(expires_at__gt=now).order_by().values_list("expires_at")
    banners = (
        Banner.objects.filter(expires_at__gt=now).order_by().values_list("expires_at")
    )
    return tuple(sorted({when for (when,) in pins.union(banners)}))


def _live_pins():
    from .models import Pin

    now = Param("now", models.DateTimeField())
    return (
        Pin.objects.live(now=now)
        .order_by("slot", "position", "pk")  # "lead" before "top"
        .values_list("article_id", "slot")[:HOME_PINNED_MAX]
    )


def _layouts():
    from .models import SectionLayout

    return SectionLayout.objects.values_list("section_id", "layout")


ROWS = UntilPurge(size=8)
LIVE_PINS = PreparedQuery(_live_pins)
LAYOUTS = PreparedQuery(_layouts)
