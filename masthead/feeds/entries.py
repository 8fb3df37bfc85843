"""The public fields of an article in a feed, shared by RSS, Atom and JSON Feed.

An explicit allowlist: nothing reaches a feed that is not named here, so an
author's email (Person.email) can never slip into one.
"""

import mimetypes
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.utils.html import format_html, format_html_join

from .links import absolute_links


@dataclass(frozen=True)
class Author:
    name: str
    url: str


@dataclass(frozen=True)
class Picture:
    url: str
    width: int
    height: int
    length: int
    mime_type: str
    alt: str
    credit: str


@dataclass(frozen=True)
class Entry:
    title: str
    url: str
    summary: str
    content_html: str | None
    published: datetime
    updated: datetime
    authors: list[Author] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    image: Picture | None = None


def article_entries(articles, request):
    """Entries for articles fetched with for_page(): three queries in all."""
    full_text = settings.MASTHEAD_FEED_FULL_TEXT
    origin = request.build_absolute_uri("/")
    return [_entry(article, request, origin, full_text) for article in articles]


def _entry(article, request, origin, full_text):
    absolute = request.build_absolute_uri
    return Entry(
        title=article.title,
        url=absolute(article.get_absolute_url()),
        summary=article.summary,
        content_html=(
            absolute_links(article.body_html, origin) + corrections_html(article)
            if full_text
            else None
        ),
        published=article.published_at,
        updated=article.revised_at or article.published_at,
        authors=[
            Author(name=b.person.name, url=absolute(b.person.get_absolute_url()))
            for b in article.bylines.all()
        ],
        categories=[tag.name for tag in article.tags.all()],
        image=_picture(article.hero_image, absolute),
    )


def _picture(image, absolute):
    if image is None:
        return None
    return Picture(
        url=absolute(image.url),
        width=image.width,
        height=image.height,
        length=image.file_size,  # a column: no round trip to the store (issue 24)
        mime_type=mimetypes.guess_type(image.file.name)[0] or "image/jpeg",
        alt=image.alt_text,
        credit=image.credit,
    )


def byline(authors):
    """ "A", "A and B", "A, B and C": one author line, as RSS has one dc:creator."""
    names = [author.name for author in authors]
    if len(names) <= 1:
        return names[0] if names else None
    return f"{', '.join(names[:-1])} and {names[-1]}"


def corrections_html(article):
    """Corrections and updates at the foot of the story, as the page shows them."""
    notes = article.corrections.all()
    if not notes:
        return ""
    items = format_html_join(
        "",
        "<li><strong>{}</strong>, {}: {}</li>",
        ((note.get_kind_display(), note.created_at.strftime("%B %-d, %Y %H:%M UTC"),
          note.text) for note in notes),
    )
    return format_html("<h2>Corrections and updates</h2><ol>{}</ol>", items)
