"""An edition's words and pictures, as every recipient gets them.

`render()` makes the subject, the plain text and the HTML once per edition;
each recipient's own links (manage, unsubscribe) are placeholders that the
sender fills in (sending.py), so 100,000 messages cost one rendering. The
HTML is written with a stylesheet and its CSS inlined into `style`
attributes here (css-inline), as mail clients that drop <style> need; there
is no tracking pixel and no link is rewritten (issue 23, item 3).
"""

import re
import textwrap
from dataclasses import dataclass

import css_inline
from django.conf import settings
from django.template.loader import render_to_string

from masthead.core.sanitize import plain_text

MANAGE_URL = "MASTHEADMANAGEURL"
UNSUBSCRIBE_URL = "MASTHEADUNSUBSCRIBEURL"
# Lines stay under SMTP's 998-byte limit, so Django keeps each part in 8bit
# (quoted-printable would split a placeholder across soft line breaks).
MAX_LINE = 400
_INLINER = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


@dataclass(frozen=True)
class Story:
    """What an edition shows of one article: public fields only."""

    title: str
    standfirst: str
    url: str
    section: str
    image_url: str = ""
    image_alt: str = ""


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(text, limit=200):
    """A header value: CR, LF and every other control character become spaces,
    so nothing typed into a subject can start a header of its own."""
    return " ".join(_CONTROLS.sub(" ", str(text or "")).split())[:limit]


def site_base():
    return (settings.MASTHEAD_SITE_URL or "http://localhost:8000").rstrip("/")


def story_of(article, base):
    image = article.hero_image
    return Story(
        title=article.title,
        standfirst=article.summary,
        url=base + article.get_absolute_url(),
        section=article.section.name if article.section_id else "",
        image_url=_absolute(_email_picture(image), base) if image else "",
        image_alt=image.alt_text if image else "",
    )


def stories_of(edition, base=None):
    base = base or site_base()
    rows = edition.edition_stories.select_related(
        "article__section", "article__hero_image"
    )
    return [story_of(row.article, base) for row in rows]


def render(edition, *, base=None):
    """The edition's subject, text and HTML, with placeholder links."""
    base = base or site_base()
    context = {
        "edition": edition,
        "newsletter": edition.newsletter,
        "intro_html": edition.intro_html,
        "intro_text": plain_text(edition.intro_html),
        "stories": stories_of(edition, base),
        "site_name": settings.MASTHEAD_SITE_NAME,
        "site_url": base + "/",
        "archive_url": base + edition.get_absolute_url(),
        "manage_url": MANAGE_URL,
        "unsubscribe_url": UNSUBSCRIBE_URL,
    }
    text = render_to_string("newsletters/email/edition.txt", context)
    html = render_to_string("newsletters/email/edition.html", context)
    return Rendered(
        one_line(edition.subject), wrap_text(text), fold_html(_INLINER.inline(html))
    )


def wrap_text(text, width=76):
    """Plain text as mail clients expect it: lines of at most ~76 characters,
    never breaking a link."""
    lines = []
    for line in text.splitlines():
        lines.extend(
            textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)
            or [""]
        )
    return "\n".join(lines).strip() + "\n"


def fold_html(html, limit=MAX_LINE):
    """Break long lines at a space between tags or in text, where a newline
    means the same as the space it replaces."""
    return "\n".join(_fold(line, limit) for line in html.splitlines())


def _fold(line, limit):
    out, start, depth, last_space = [], 0, 0, -1
    for index, char in enumerate(line):
        if char == "<":
            depth += 1
        elif char == ">":
            depth = max(0, depth - 1)
        elif char == " " and depth == 0:
            last_space = index
        if index - start >= limit and last_space > start:
            out.append(line[start:last_space])
            start = last_space + 1
    out.append(line[start:])
    return "\n".join(out)


def _email_picture(image, wanted=1200):
    """A JPEG or PNG crop about twice the 600-pixel column (mail clients do not
    all show WebP), or the original file before renditions exist."""
    source = image.source()
    if not source.has_crop("16x9"):
        return source.url
    data = source.renditions
    fmt = next((f for f in data["formats"] if f != "webp"), data["formats"][-1])
    widths = data["crops"]["16x9"]
    width = min(widths, key=lambda w: abs(w - wanted))
    return source.rendition_url(f"16x9-w{width}.{fmt}")


def _absolute(url, base):
    return url if url.startswith(("http://", "https://")) else base + url
