"""What an import hands to the other apps once its posts are in (issue 22):
a 301 from every old WordPress address (the redirects app), and the sticky
posts pinned as top stories on the front page (the frontpage app).

Both run after the posts, so every target exists, and both are idempotent:
a second run records no redirect twice and pins nothing twice.
"""

from masthead.frontpage.models import Pin
from masthead.frontpage.services import MAX_TOP_PINS
from masthead.redirects.services import RedirectLoop, record_move

from . import permalinks
from .models import ImportedAttachment, ImportedAuthor, ImportedPost, ImportedTerm


def hand_over(site, report):
    redirected = sum(_redirect(record, report) for record in _records(site))
    report.count("redirects from old WordPress addresses", redirected)
    report.count("sticky posts pinned on the front page", _pin_sticky(site))


def _records(site):
    yield site
    for model in (ImportedPost, ImportedTerm, ImportedAuthor, ImportedAttachment):
        yield from model.objects.filter(site=site).iterator()


def _redirect(record, report):
    made = 0
    for old, new in permalinks.old_urls_for(record):
        try:
            record_move(old_path=old, new_path=new)
        except RedirectLoop as refused:
            report.note("redirects not made", f"{old} → {new}: {refused}")
            continue
        made += 1
    return made


def _pin_sticky(site):
    """Sticky posts become top stories, newest first, as far as there is room."""
    sticky = (ImportedPost.objects.filter(site=site, sticky=True, article__isnull=False)
              .exclude(article_id__in=Pin.objects.values("article_id"))
              .select_related("article").order_by("-article__published_at"))  # fmt: skip
    room = MAX_TOP_PINS - Pin.objects.filter(slot=Pin.Slot.TOP).count()
    pinned = 0
    last = Pin.objects.filter(slot=Pin.Slot.TOP).order_by("-position").first()
    position = last.position if last else 0
    for record in sticky[: max(room, 0)]:
        if not record.article.is_published:
            continue
        position += 1
        Pin.objects.create(article=record.article, slot=Pin.Slot.TOP, position=position)
        pinned += 1
    return pinned
