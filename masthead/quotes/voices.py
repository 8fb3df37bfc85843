"""The article page's voices: a panel of who speaks, and the quotes marked in the body."""

from dataclasses import dataclass, field

from django.utils.safestring import mark_safe

from masthead.core.fragments import Fragment
from masthead.core.links import slug_url
from masthead.core.prepared import Param, PreparedQuery
from masthead.pagecache.memo import UntilPurge
from masthead.quotes.highlight import Mark, highlight
from masthead.quotes.models import Quote
from masthead.quotes.querysets import show_threshold


@dataclass
class Speaker:
    name: str
    slug: str
    role: str = ""
    quotes: list = field(default_factory=list)

    @property
    def url(self):
        return slug_url("quotes:voice", self.slug)

    @property
    def first_anchor(self):
        return anchor(self.quotes[0])


@dataclass
class Voices:
    """One article's active quotes, grouped by speaker in order of first appearance.

    The quotes are rows of the fields the page shows (QUOTE_FIELDS), not model
    instances: the page only reads them, and building instances cost more
    than the query.
    """

    quotes: list
    selected: str = ""

    @property
    def speakers(self):
        grouped = {}
        for quote in self.quotes:
            if not name_shown(quote):
                continue  # unsure and unreviewed: the quote, but no name
            entry = grouped.setdefault(
                quote.speaker_id, Speaker(quote.speaker__name, quote.speaker__slug)
            )
            entry.quotes.append(quote)
            entry.role = entry.role or quote.speaker_role
        return list(grouped.values())

    def marks(self):
        return [
            Mark(
                anchor=anchor(q),
                speaker=(q.speaker__slug or "") if name_shown(q) else "",
                text=q.text,
                selected=bool(self.selected)
                and name_shown(q)
                and q.speaker__slug == self.selected,
            )
            for q in self.quotes
        ]


QUOTE_FIELDS = (
    "pk", "text", "speaker_id", "speaker_role", "speaker__name", "speaker__slug",
    "confidence", "speaker_fixed", "origin",
)


def name_shown(row):
    """Quote.speaker_is_shown for a row of QUOTE_FIELDS (issue #25)."""
    return row.speaker_id is not None and (
        row.speaker_fixed
        or row.origin == Quote.Origin.EDITOR
        or row.confidence >= show_threshold()
    )


ARTICLE_QUOTES = PreparedQuery(  # on every article page; see core/prepared.py
    lambda: Quote.objects.in_article(Param("article_id")).values_list(
        *QUOTE_FIELDS, named=True
    )
)


def anchor(quote):
    return f"quote-{quote.pk}"  # as Quote.anchor


# Quotes change only with a purge (services.purge_quote_pages).
ROWS = UntilPurge(size=256)


def article_quotes(article):
    """The article's active quotes as displayed rows: one query however many,
    kept until the next purge (shared: read only)."""
    return ROWS.get(
        ("quotes", article.pk), lambda: tuple(ARTICLE_QUOTES.all(article_id=article.pk))
    )


def voices_for(request, quotes):
    """The voices of these quotes; ?voice=<slug> selects a speaker to highlight."""
    return Voices(quotes, request.GET.get("voice", "")[:200])


def quoted_body(article, voices):
    """The sanitized body with each quote in a <mark>; see quotes.highlight."""
    if not voices.quotes:
        return mark_safe(article.body_html)  # noqa: S308 (sanitized when saved)
    return mark_safe(HIGHLIGHTED(body_html=article.body_html, marks=tuple(voices.marks())))  # noqa: S308


# A pure function of its fields, so memoizing can never serve a stale body; it
# saves ~1.5 ms on every view of a popular story.
def _highlighted(body_html, marks):
    return highlight(body_html, marks)


HIGHLIGHTED = Fragment(build=_highlighted, fields=("body_html", "marks"), size=512)
