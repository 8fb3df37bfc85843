"""WordPress HTML as Masthead Markdown. No Django import.

Paragraphs, headings, lists, quotes, tables, code, links and emphasis become
their Markdown; every other tag gives up its text, never its markup, since
Masthead's Markdown renders no raw HTML. Text is escaped so that it reads
back exactly as WordPress showed it: a backslash stays a backslash (the
WordPress Importer's slashes fixture), a line starting with ":::" never opens
a story block.
"""

import re
import threading

from lxml import html

HEADINGS = {"h1": 2, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}
BLOCKS = {"p", "div", "section", "article", "figure", "figcaption", "header",
          "footer", "aside", "main", "address", "center", "dl", "dd", "dt"}  # fmt: skip
DROPPED = {"script", "style", "noscript", "template", "form", "input", "button",
           "select", "textarea", "object", "embed", "iframe", "audio", "video",
           "source", "svg", "math", "head", "title", "meta", "link"}  # fmt: skip
_SPECIAL = re.compile(r"([\\`*_\[\]<>&~|])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)]|:::)", re.M)
_BREAKS_AT_EDGES = re.compile(r"^(?:\s*\\\n)+|(?:\\\n\s*)+$")
_BREAK_AT_BLANK = re.compile(r"\\\n(?=\n|$)")
_BLANK_LINES = re.compile(r"\n{3,}")
_OTHER_SPACE = ("\n", "\t", "\r", "\f", "\v")  # HTML whitespace but the space
_local = threading.local()
_BLOCK_TAGS = "|".join(
    ["table", "thead", "tfoot", "caption", "col", "colgroup", "tbody", "tr", "td",
     "th", "div", "dl", "dd", "dt", "ul", "ol", "li", "pre", "form", "map", "area",
     "blockquote", "address", "math", "style", "p", "h[1-6]", "hr", "fieldset",
     "legend", "section", "article", "aside", "hgroup", "header", "footer", "nav",
     "figure", "figcaption", "details", "menu", "summary", "iframe", "script"]
)  # fmt: skip
_STARTS_BLOCK = re.compile(rf"^\s*</?(?:{_BLOCK_TAGS})[\s/>]", re.I)
_ENDS_BLOCK = re.compile(rf"</?(?:{_BLOCK_TAGS})[^>]*>\s*$", re.I)


def escape(text):
    """Plain text as Markdown that renders as the same text."""
    # Most text needs neither substitution: finding that out first is a
    # third of the cost of substituting nothing (issue 22: escaping was a
    # fifth of converting a body). Without a newline, a line starts only at 0.
    if _SPECIAL.search(text):
        text = _SPECIAL.sub(r"\\\1", text)
    if "\n" in text or _LINE_START.match(text):
        text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return text


def autop(text):
    """WordPress's wpautop, simplified: blank lines part paragraphs and a
    single line break inside one is a <br>. Chunks that are already block
    HTML (a table, a list) are left as they are."""
    chunks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    out = []
    for chunk in chunks:
        if not chunk.strip():
            continue
        if _STARTS_BLOCK.match(chunk) or _ENDS_BLOCK.search(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.strip().replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)


class Converter:
    """One body's HTML to Markdown; `links(href)` rewrites or keeps a link,
    `image(element)` turns an <img> into a story block (or None)."""

    def __init__(self, *, links=None, image=None):
        self.links = links or (lambda href: href)
        self.image = image or (lambda element: None)

    def convert(self, source):
        if not source or not source.strip():
            return ""
        root = _parse(source)
        return _tidy(self.blocks(root))

    def blocks(self, element):
        """The element's children as Markdown blocks, separated by blank lines."""
        parts, inline = [], []

        def flush():
            text = "".join(inline)
            # Only text with a hard break can match; trying the pattern on
            # every paragraph was an eighth of converting a body (issue 22).
            if "\\\n" in text:
                text = _BREAKS_AT_EDGES.sub("", text)
            text = text.strip()
            if text:
                parts.append(text)
            inline.clear()

        if element.text:
            inline.append(escape(_squash(element.text)))
        for child in element:
            block = self.block(child)
            if block is None:
                inline.append(self.inline(child))
            else:
                flush()
                if block:
                    parts.append(block)
            if child.tail:
                inline.append(escape(_squash(child.tail)))
        flush()
        return "\n\n".join(parts)

    def block(self, el):
        """Markdown for a block element; None for an inline one."""
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in DROPPED:
            return ""
        if tag in HEADINGS:
            text = self.inline_children(el).strip()
            return f"{'#' * HEADINGS[tag]} {text}" if text else ""
        if tag in ("ul", "ol"):
            return self.list(el, ordered=tag == "ol")
        if tag == "blockquote":
            inner = self.blocks(el)
            return "\n".join("> " + line if line else ">" for line in inner.split("\n"))
        if tag == "pre":
            code = el.text_content().strip("\n")
            fence = "````" if "```" in code else "```"
            return f"{fence}\n{code}\n{fence}"
        if tag == "table":
            return self.table(el)
        if tag == "hr":
            return "---"
        if tag == "img" or (tag == "a" and _only_picture(el)):
            return self.image(el if tag == "img" else el[0])
        if tag in BLOCKS or tag == "li":
            return self.blocks(el)
        return None

    def inline(self, el):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in DROPPED:
            return ""
        if tag == "br":
            return "\\\n"
        text = self.inline_children(el)
        if tag == "a" and el.get("href"):
            return self.link(el.get("href"), text)
        if tag in ("em", "i", "cite", "dfn", "var") and text.strip():
            return _wrap(text, "*")
        if tag in ("strong", "b") and text.strip():
            return _wrap(text, "**")
        if tag in ("del", "s", "strike") and text.strip():
            return _wrap(text, "~~")
        if tag in ("code", "kbd", "samp", "tt"):
            return _code(el.text_content())
        if tag == "img":
            return escape(el.get("alt", ""))
        return text

    def inline_children(self, el):
        parts = [escape(_squash(el.text))] if el.text else []
        for child in el:
            block = self.block(child) if child.tag not in ("img",) else None
            parts.append(self.inline(child) if block is None else " " + block + " ")
            if child.tail:
                parts.append(escape(_squash(child.tail)))
        return "".join(parts)

    def link(self, href, text):
        target = self.links(href.strip())
        if not target:
            return text
        label = text.strip() or escape(target)
        return f"[{label}](<{target.replace('>', '%3E').replace(' ', '%20')}>)"

    def list(self, el, *, ordered):
        lines = []
        number = int(el.get("start", "1") or 1) if ordered else 0
        for li in el:
            if getattr(li, "tag", None) != "li":
                continue
            marker = f"{number}. " if ordered else "- "
            number += 1
            body = self.blocks(li) or ""
            pad = " " * len(marker)
            item = body.replace("\n", "\n" + pad)
            lines.append(marker + item.replace("\n" + pad + "\n", "\n\n"))
        return "\n".join(lines)

    def table(self, el):
        rows = []
        for tr in el.iter("tr"):
            cells = [self.inline_children(cell).replace("\n", " ").strip()
                     for cell in tr if getattr(cell, "tag", None) in ("td", "th")]  # fmt: skip
            if cells:
                rows.append(cells)
        if not rows:
            return ""
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
        return "\n".join(lines)


def _parse(source):
    document = html.document_fromstring(f"<div>{source}</div>", parser=_parser())
    body = document.find("body")
    return body[0] if body is not None and len(body) else document


def _parser():
    """This thread's HTML parser (lxml's may not be shared between threads):
    making one a body was half of parsing it (issue 22). It drops comments,
    conditional and bogus ones too, and processing instructions."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = html.HTMLParser(no_network=True, remove_comments=True,
                                                 remove_pis=True)  # fmt: skip
    return parser


def _only_picture(el):
    """A link around a picture and nothing else: WordPress's linked image."""
    return len(el) == 1 and el[0].tag == "img" and not (el.text or "").strip() \
        and not (el[0].tail or "").strip()


def _squash(text):
    """Each run of HTML whitespace (space, \\t, \\n, \\r, \\f, \\v) as one
    space. A regular expression for the runs replaced every single space
    between words in turn, half of converting a body (issue 22): replacing
    the other whitespace characters by spaces leaves only runs of spaces."""
    for other in _OTHER_SPACE:
        if other in text:
            text = text.replace(other, " ")
    while "  " in text:  # str methods: a pattern for "  +" tries every space
        text = text.replace("  ", " ")
    return text


def _wrap(text, mark):
    inner = text.strip()
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    return f"{lead}{mark}{inner}{mark}{trail}"


def _code(text):
    text = _squash(text)
    ticks = "``" if "`" in text else "`"
    return f"{ticks}{text}{ticks}" if text.strip() else ""


def _tidy(markdown):
    text = "\n".join(line.rstrip() for line in markdown.split("\n"))
    # Each pattern only where it can match: tried on every body, they were
    # a tenth of converting one (issue 22).
    if "\\\n" in text:
        text = _BREAK_AT_BLANK.sub("\n", text)  # no hard break before a blank line
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()
