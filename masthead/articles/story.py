"""A story body as the reader's HTML: its Markdown and its blocks (core/story.py).

Rendered when the story is saved, as WordPress keeps `post_content` and Ghost
its `html`: the page view reads one column and runs no query for what the
body shows, so the page costs the same with twenty figures as with none
(issue 19). What a body shows from other rows (pictures, related stories,
embeds) is recorded as BodyReference rows; a change to one of those rows
renders the stories that show it again (signal_handlers.py).

Every value a block shows is escaped by its template; every Markdown piece
passes the sanitizer. A block whose row is missing renders nothing (the
checklist names it), so a deleted picture never leaves a broken one.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe

from masthead.core import story
from masthead.core.fragments import render
from masthead.core.sanitize import render_article_body, render_inline
from masthead.media import providers
from masthead.media.models import Embed, Image
from masthead.media.pictures import picture

IMAGE_FOLDER = "images/"
# What each figure size fills: the text column, the story's width, the window.
FIGURE_SIZES = {
    "inline": "(min-width: 44rem) 42rem, 100vw",
    "wide": "(min-width: 50rem) 48rem, 100vw",
    "full": "100vw",
}
GALLERY_SIZES = "(min-width: 50rem) 24rem, 50vw"
CARD_SIZES = "8rem"


@dataclass
class Rendered:
    """A body's HTML and what it shows, for the page, its head and the checklist."""

    html: str = ""
    images: list = field(default_factory=list)  # every picture shown, in order
    frames: list = field(default_factory=list)  # iframe origins the page may load
    missing: list = field(default_factory=list)  # names and slugs not found
    unresolved: list = field(default_factory=list)  # embeds not (yet) resolved
    references: set = field(default_factory=set)  # {(kind, key)}

    def facts(self):
        """What Article.story keeps: small, JSON, public fields only."""
        return {
            "images": [_image_facts(image, caption) for image, caption in self.images],
            "frames": sorted(set(self.frames)),
            "missing": self.missing,
            "unresolved": self.unresolved,
        }


def validate(source):
    """Raise ValidationError naming the line of every block that cannot be read.

    A missing picture or story is not an error (the editor may upload it
    next); a dangerous or look-alike embed address is.
    """
    try:
        blocks = story.blocks(source)
        for block in blocks:
            _read(block)
    except story.StoryError as error:
        raise ValidationError(str(error), code="story") from error


def embed_urls(source):
    """The canonical addresses of the body's embeds from allowlisted providers."""
    urls = []
    for block in story.blocks(source):
        if block.kind == "embed" and (found := _match(block)):
            urls.append(found.url)
    return urls


def render_story(source, *, own_slug=None, published_stories=None, render_text=None):
    """Rendered for a body. ``published_stories`` is Article.objects.published()
    (passed in: this module sits below the model that calls it).
    ``render_text`` renders the Markdown between blocks; an import passes the
    HTML its worker processes rendered already (wordpress/parallel.py).

    Raises ValidationError for a block that cannot be read (validate())."""
    try:
        pieces = story.parse(source)
        rows = _Rows(pieces, own_slug, published_stories)
    except story.StoryError as error:
        raise ValidationError(str(error), code="story") from error
    result = Rendered()
    html = []
    render_text = render_text or render_article_body
    for piece in pieces:
        if isinstance(piece, str):
            html.append(render_text(piece))
        else:
            html.append(_BLOCKS[piece.kind](piece, rows, result))
    result.html = "\n".join(part for part in html if part)
    return result


class _Rows:
    """The rows a body shows, read in one query each, whatever their number."""

    def __init__(self, pieces, own_slug, published_stories):
        blocks = [p for p in pieces if not isinstance(p, str)]
        names, slugs, urls = set(), [], []
        for block in blocks:
            value = _read(block)
            if block.kind == "figure":
                names.add(value.name)
            elif block.kind == "gallery":
                names.update(name for name, _ in value)
            elif block.kind == "related":
                slugs.extend(slug for slug in value if slug != own_slug)
            elif block.kind == "embed" and value:
                urls.append(value.url)
        self.images = _images_named(names)
        self.stories = _stories(published_stories, slugs)
        self.embeds = _embeds(urls)


def _images_named(names):
    if not names:
        return {}
    files = [IMAGE_FOLDER + name for name in names]
    return {
        image.file.name.removeprefix(IMAGE_FOLDER): image
        for image in Image.objects.filter(file__in=files)
    }


def _embeds(urls):
    if not urls:
        return {}
    rows = Embed.objects.filter(url__in=urls).select_related("thumbnail")
    return {embed.url: embed for embed in rows}


def _stories(published_stories, slugs):
    if not slugs or published_stories is None:
        return {}
    rows = published_stories.filter(slug__in=slugs).select_related("hero_image", "section")
    return {article.slug: article for article in rows}


def _read(block):
    """The block's parsed value; StoryError when it cannot be read."""
    if block.kind == "figure":
        return story.figure(block)
    if block.kind == "gallery":
        return story.gallery(block)
    if block.kind == "pullquote":
        return story.pull_quote(block)
    if block.kind == "related":
        return story.related_slugs(block)
    if block.kind == "embed":
        return _match(block)
    return block.text


def _match(block):
    url = story.embed_url(block)
    try:
        return providers.match(url)
    except providers.Refused as error:
        raise story.StoryError(block.line, str(error)) from error


def _inline(markdown):
    return mark_safe(render_inline(markdown))  # noqa: S308 (sanitized by nh3)


def _figure(block, rows, result):
    value = story.figure(block)
    image = rows.images.get(value.name)
    result.references.add(("image", value.name))
    if image is None:
        result.missing.append(value.name)
        return ""
    caption = _inline(value.caption) if value.caption else image.caption
    result.images.append((image, value.caption or image.caption))
    return render(
        "articles/blocks/figure.html",
        size=value.size,
        picture=picture(image, sizes=FIGURE_SIZES[value.size]),
        caption=caption,
        credit=image.credit,
    )


def _gallery(block, rows, result):
    shown = []
    for name, caption in story.gallery(block):
        result.references.add(("image", name))
        image = rows.images.get(name)
        if image is None:
            result.missing.append(name)
            continue
        result.images.append((image, caption or image.caption))
        shown.append({
            "picture": picture(image, sizes=GALLERY_SIZES),
            "caption": _inline(caption) if caption else image.caption,
            "credit": image.credit,
        })  # fmt: skip
    if not shown:
        return ""
    return render("articles/blocks/gallery.html", items=shown)


def _pull_quote(block, rows, result):
    value = story.pull_quote(block)
    return render(
        "articles/blocks/pull_quote.html", text=_inline(value.text), by=value.by
    )


def _fact_box(block, rows, result):
    return render(
        "articles/blocks/fact_box.html",
        kind=block.kind,
        title=block.argument,
        body=mark_safe(render_article_body(block.text)),  # noqa: S308 (sanitized)
        number=block.line,
    )


def _related(block, rows, result):
    cards = []
    for slug in story.related_slugs(block):
        result.references.add(("article", slug))
        article = rows.stories.get(slug)
        if article is None:
            result.missing.append(slug)
            continue
        cards.append(article)
    if not cards:
        return ""
    return render(
        "articles/blocks/related.html", stories=cards, picture=picture,
        sizes=CARD_SIZES, number=block.line,
    )  # fmt: skip


def _embed(block, rows, result):
    found = _match(block)
    if found is None:  # not a provider we embed: the address as a plain link
        url = story.embed_url(block)
        return render("articles/blocks/link.html", url=url)
    result.references.add(("embed", found.url))
    embed = rows.embeds.get(found.url)
    frame_src = (embed.frame_src if embed else "") or found.frame_src
    if embed is None or embed.status != Embed.Status.READY:
        result.unresolved.append(found.url)
    if frame_src:
        result.frames.append(found.provider.frame_origin)
    thumbnail = embed.thumbnail if embed else None
    if thumbnail is not None:
        result.images.append((thumbnail, ""))
    return render(
        "articles/blocks/embed.html",
        url=found.url,
        provider=found.provider.name,
        title=(embed.title if embed else "") or f"{found.provider.name}: {found.url}",
        frame_src=frame_src,
        ratio=(embed.ratio if embed and embed.ratio else found.ratio),
        thumbnail=picture(thumbnail, sizes=FIGURE_SIZES["inline"], alt="") if thumbnail else "",
    )


def _image_facts(image, caption):
    """A picture as structured data, feeds and the API list it (public fields)."""
    url, width, height = _largest(image.source())
    return {
        "pk": image.pk, "url": url, "width": width, "height": height,
        "alt": image.alt_text, "caption": caption, "credit": image.credit,
    }  # fmt: skip


def _largest(source):
    """(url, width, height) of the largest full-frame rendition, or the original."""
    widths = source.renditions.get("widths") if source.renditions_ready else None
    if not widths:
        return source.url, source.width, source.height
    width, fmt = widths[-1], source.renditions["formats"][-1]
    height = round(width * source.height / source.width) if source.width else 0
    return source.rendition_url(f"w{width}.{fmt}"), width, height


_BLOCKS = {
    "figure": _figure,
    "gallery": _gallery,
    "pullquote": _pull_quote,
    "factbox": _fact_box,
    "callout": _fact_box,
    "related": _related,
    "embed": _embed,
}
