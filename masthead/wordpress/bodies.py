"""A WordPress post body as a Masthead story body. No Django import.

Both editors' bodies are read: Gutenberg's blocks (`<!-- wp:image {...} -->`)
and classic HTML with shortcodes, which WordPress turns into paragraphs on
display (wpautop). What maps onto a story block becomes one (core/story.py):
`[caption]` and image blocks become figures, `[gallery]` and gallery blocks
galleries, embed blocks and URLs alone on a line embed cards, pull quotes pull
quotes. Unknown shortcodes and blocks stay as readable text and are listed,
so an editor can find every one (issue 22).

Pictures are named through `library`, which knows the attachments imported
from the file; links to the old site through `links`, which returns the new
address of an imported post (or the link as it was).
"""

import json
import re
from dataclasses import dataclass, field

from lxml import html as lxml_html

from masthead.media import providers

from .htmltext import Converter, autop, escape

_BLOCK = re.compile(
    r"<!--\s+(?P<close>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+"
    r"(?P<attrs>\{.*?\}\s+)?(?P<void>/)?-->",
    re.S,
)
# WordPress's own shortcode grammar (get_shortcode_regex), for any tag name.
_SHORTCODE = re.compile(
    r"\[(\[?)([\w-]+)(?![\w-])([^\]/]*(?:/(?!\])[^\]/]*)*?)"
    r"(?:(/)\]|\](?:([^\[]*(?:\[(?!/\2\])[^\[]*)*)\[/\2\])?)(\]?)",
    re.S,
)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
_BARE_URL = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$", re.M)
_TOKEN = re.compile(r"WXRBLOCK(\d+)X")
_WP_IMAGE = re.compile(r"\bwp-image-(\d+)\b")
_ATTACHMENT_ID = re.compile(r"attachment_(\d+)")
_SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")
MEDIA_SHORTCODES = {"video", "audio", "playlist"}
PROVIDER_SHORTCODES = {"youtube", "vimeo", "soundcloud", "tweet", "twitter", "instagram"}
CONTAINERS = {"columns", "column", "group", "cover", "media-text", "buttons", "button",
              "row", "stack", "details", "column-block"}  # fmt: skip
SKIPPED = {"more", "nextpage", "spacer", "separator-spacer"}
HTMLISH = {"paragraph", "heading", "list", "list-item", "quote", "table", "preformatted",
           "code", "verse", "html", "separator", "freeform", "classic"}  # fmt: skip


@dataclass
class Body:
    markdown: str = ""
    unknown: list = field(default_factory=list)  # "[shortcode]", "block ns/name"
    missing: list = field(default_factory=list)  # pictures not in the file's library
    embeds: list = field(default_factory=list)


class Library:
    """The attachments a body may show; the importer passes a filled one."""

    def __init__(self, by_id=None, by_url=None, children=None):
        self.by_id = by_id or {}  # wp id -> (name, caption)
        self.by_url = by_url or {}  # original URL (no size suffix) -> wp id
        self.children = children or {}  # post id -> [attachment ids]

    def find(self, *, wp_id=None, url=None):
        """(name, caption) of the attachment, or None."""
        if wp_id is not None and wp_id in self.by_id:
            return self.by_id[wp_id]
        if url:
            key = original_url(url)
            if key in self.by_url:
                return self.by_id.get(self.by_url[key])
        return None


def original_url(url):
    """The full-size picture's address: no query, scheme or -300x200 suffix."""
    url = url.split("?", 1)[0].split("#", 1)[0]
    return _SIZE_SUFFIX.sub("", url.split("://", 1)[-1])


def convert(source, *, library=None, links=None, post_id=None):
    """Body for a post's content."""
    state = _State(library or Library(), links, post_id)
    if "<!-- wp:" in (source or ""):
        parts = [state.node(node) for node in _block_tree(source)]
    else:
        parts = [state.classic(source or "")]
    state.body.markdown = "\n\n".join(part for part in parts if part.strip())
    return state.body


def _block_tree(source):
    """[str | dict(name, attrs, inner)]: the block comments as a tree."""
    root = {"name": "", "attrs": {}, "inner": []}
    stack, at = [root], 0
    for match in _BLOCK.finditer(source):
        stack[-1]["inner"].append(source[at : match.start()])
        at = match.end()
        name = match.group("name")
        name = name if "/" in name else f"core/{name}"
        if match.group("close"):
            if len(stack) > 1 and stack[-1]["name"] == name:
                stack.pop()
            continue
        node = {"name": name, "attrs": _json(match.group("attrs")), "inner": []}
        stack[-1]["inner"].append(node)
        if not match.group("void"):
            stack.append(node)
    stack[-1]["inner"].append(source[at:])
    return root["inner"]


def _json(text):
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _html_of(node):
    return "".join(part if isinstance(part, str) else _html_of(part) for part in node["inner"])


class _State:
    def __init__(self, library, links, post_id):
        self.library, self.post_id, self.body = library, post_id, Body()
        self.converter = Converter(links=links, image=self.image)
        self.blocks = []

    # Gutenberg

    def node(self, node):
        if isinstance(node, str):
            return self.classic(node) if node.strip() else ""
        namespace, _, kind = node["name"].partition("/")
        handler = getattr(self, f"block_{kind.replace('-', '_')}", None)
        if namespace == "core-embed" or (namespace == "core" and kind == "embed"):
            return self.embed(node["attrs"].get("url", ""), _html_of(node))
        if namespace == "core" and handler is not None:
            return handler(node)
        if namespace == "core" and kind in HTMLISH:
            return self.html(_html_of(node))
        if namespace == "core" and kind in SKIPPED:
            return ""
        if namespace == "core" and kind in CONTAINERS:
            return "\n\n".join(p for p in (self.node(n) for n in node["inner"]) if p.strip())
        self.body.unknown.append(f"block {node['name']}")
        return self.html(_html_of(node))

    def block_freeform(self, node):
        return self.classic(_html_of(node))

    block_classic = block_shortcode = block_freeform

    def block_image(self, node):
        attrs, source = node["attrs"], _html_of(node)
        element = _first(source, "img")
        found = self.library.find(wp_id=_int(attrs.get("id")),
                                  url=element.get("src") if element is not None else None)  # fmt: skip
        caption = _text_of(source, "figcaption")
        if found is None:
            return self.unknown_picture(element, caption)
        return figure(found[0], _size(attrs.get("align")), caption or "")

    def block_gallery(self, node):
        items = []
        for child in node["inner"]:
            if isinstance(child, dict) and child["name"] == "core/image":
                found = self.library.find(wp_id=_int(child["attrs"].get("id")))
                if found:
                    items.append((found[0], _text_of(_html_of(child), "figcaption")))
        for wp_id in node["attrs"].get("ids", []) if not items else []:
            found = self.library.find(wp_id=_int(wp_id))
            if found:
                items.append((found[0], found[1]))
        return gallery(items)

    def block_pullquote(self, node):
        source = _html_of(node)
        root = _fragment(source)
        cite = " ".join(c.text_content().strip() for c in root.iter("cite"))
        for element in list(root.iter("cite")):
            element.drop_tree()
        words = " ".join(root.text_content().split())
        if not words:
            return ""
        by = f"\n-- {escape(cite)}" if cite else ""
        return f"::: pullquote\n{escape(words)}{by}\n:::"

    def block_video(self, node):
        element = _first(_html_of(node), "video")
        url = element.get("src", "") if element is not None else ""
        return self.embed(url, "") if url else ""

    block_audio = block_file = block_video

    # Classic HTML and shortcodes

    def classic(self, source):
        source = re.sub(r"<!--\s*(more|noteaser|nextpage)\b.*?-->", "", source)
        # Each pattern only where it can match: on every body they were a
        # quarter of converting a classic one (issue 22).
        if "[" in source:
            source = _SHORTCODE.sub(self.shortcode, source)
        if "http" in source:
            source = _BARE_URL.sub(self.bare_url, source)
        return self.html(autop(source))

    def html(self, source):
        markdown = self.converter.convert(source)
        return _TOKEN.sub(lambda m: self.blocks[int(m.group(1))], markdown)

    def block(self, text):
        """A placeholder for a story block, alone in its paragraph."""
        self.blocks.append(text)
        return f"\n\nWXRBLOCK{len(self.blocks) - 1}X\n\n"

    def shortcode(self, match):
        if match.group(1) == "[" and match.group(6) == "]":
            return match.group(0)[1:-1]  # [[gallery]] is WordPress's escape
        name, attrs = match.group(2).lower(), _attrs(match.group(3))
        content = match.group(5) or ""
        if name in ("caption", "wp_caption"):
            return self.caption(attrs, content)
        if name == "gallery":
            return self.shortcode_gallery(attrs)
        if name == "embed" or name in PROVIDER_SHORTCODES:
            url = content.strip() or attrs.get("url") or attrs.get("0", "")
            return self.block(self.embed(url, "")) if url else ""
        if name in MEDIA_SHORTCODES:
            url = next((v for k, v in attrs.items() if v.startswith("http")), "")
            return self.block(self.embed(url, "")) if url else ""
        if not (attrs or match.group(5) is not None or match.group(4)):
            return match.group(0)  # "[sic]" and other bracketed words
        self.body.unknown.append(f"[{name}]")
        return match.group(0)

    def caption(self, attrs, content):
        element = _first(content, "img")
        wp_id = _int((_ATTACHMENT_ID.search(attrs.get("id", "")) or [None, None])[1])
        if element is not None and wp_id is None:
            wp_id = _int((_WP_IMAGE.search(element.get("class", "")) or [None, None])[1])
        caption = attrs.get("caption") or _text_after_img(content)
        found = self.library.find(wp_id=wp_id, url=element.get("src") if element is not None else None)
        if found is None:
            return self.block(self.unknown_picture(element, caption))
        return self.block(figure(found[0], _size(attrs.get("align")), caption))

    def shortcode_gallery(self, attrs):
        ids = [_int(v) for v in re.split(r"[,\s]+", attrs.get("ids", "")) if v.strip()]
        if not ids and attrs.get("include"):
            ids = [_int(v) for v in attrs["include"].split(",")]
        if not ids:
            ids = self.library.children.get(self.post_id, [])
        items = [found for found in (self.library.find(wp_id=i) for i in ids) if found]
        return self.block(gallery(items))

    def bare_url(self, match):
        url = match.group(1)
        try:
            found = providers.match(url)
        except providers.Refused:
            return match.group(0)
        if found is None:
            return match.group(0)
        self.body.embeds.append(found.url)
        return self.block(f"::: embed {found.url}\n:::")

    def embed(self, url, source):
        url = (url or "").strip()
        try:
            found = providers.match(url) if url else None
        except providers.Refused:
            self.body.unknown.append(f"refused embed {url}")
            return escape(url)
        if found is None:
            return self.html(source) if source.strip() else self.converter.link(url, "")
        self.body.embeds.append(found.url)
        return f"::: embed {found.url}\n:::"

    def image(self, element):
        """An <img> outside a caption: a figure when it is in the library."""
        wp_id = _int((_WP_IMAGE.search(element.get("class", "")) or [None, None])[1])
        found = self.library.find(wp_id=wp_id, url=element.get("src"))
        if found is None:
            return self.unknown_picture(element, "")
        return figure(found[0], _size_of_class(element.get("class", "")), "")

    def unknown_picture(self, element, caption):
        src = element.get("src", "") if element is not None else ""
        if src:
            self.body.missing.append(src)
        label = caption or (element.get("alt", "") if element is not None else "")
        return self.converter.link(src, escape(label) or escape(src)) if src else escape(label)


def figure(name, size, caption):
    caption = " ".join((caption or "").split())
    lines = [f"::: figure {name} {size}"] + ([escape(caption)] if caption else []) + [":::"]
    return "\n".join(lines)


def gallery(items):
    if len(items) == 1:
        return figure(items[0][0], "inline", items[0][1])
    if not items:
        return ""
    lines = [f"{name} {escape(' '.join((caption or '').split()))}".rstrip() for name, caption in items]
    return "::: gallery\n" + "\n".join(lines) + "\n:::"


def _size(align):
    return {"wide": "wide", "full": "full"}.get((align or "").replace("align", ""), "inline")


def _size_of_class(classes):
    return "wide" if "alignwide" in classes else "full" if "alignfull" in classes else "inline"


def _attrs(text):
    found = {}
    for match in _ATTR.finditer(text or ""):
        found[match.group(1).lower()] = next(g for g in match.groups()[1:] if g is not None)
    rest = _ATTR.sub("", text or "").split()
    for index, word in enumerate(rest):
        found.setdefault(str(index), word.strip("\"'"))
    return found


def _int(value):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _fragment(source):
    try:
        return lxml_html.fragment_fromstring(source or "<div></div>", create_parent="div")
    except Exception:  # lxml raises several types on junk; an empty node is enough
        return lxml_html.fragment_fromstring("<div></div>")


def _first(source, tag):
    if f"<{tag}" not in (source or ""):
        return None
    return next(_fragment(source).iter(tag), None)


def _text_of(source, tag):
    element = _first(source, tag)
    return " ".join(element.text_content().split()) if element is not None else ""


def _text_after_img(content):
    root = _fragment(content)
    for element in list(root.iter("img", "a")):
        if element.tag == "a" and element.find(".//img") is None:
            continue
        element.drop_tree()
    return " ".join(root.text_content().split())
