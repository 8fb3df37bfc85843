"""A story body: Markdown with blocks between `:::` fences. No Django import.

The stored text stays something a person can read and write by hand (issue
19), as Markdown's own fenced code does; the editor's toolbar only types it:

    ::: figure harbour-crane.jpg wide
    The crane at first light. (Optional: the library's caption otherwise.)
    :::

    ::: gallery
    mill-pond.jpg
    weir-in-flood.jpg The weir after the storm
    :::

    ::: pullquote
    We will rebuild the bridge before the ice comes.
    -- Maya Okafor, county engineer
    :::

    ::: factbox The levy in numbers
    - $4.2 million over twelve years
    :::

    ::: related
    county-budget-vote
    :::

    ::: embed https://www.youtube.com/watch?v=aqz-KE-bpKQ
    :::

Blocks sit between paragraphs, as Ghost's cards and Wagtail's StreamField
blocks do: a fence inside a list or a code fence is text. `parse()` returns
the Markdown pieces and the blocks in order; the articles app renders them.
"""

import re
from dataclasses import dataclass

KINDS = ("figure", "gallery", "pullquote", "factbox", "callout", "related", "embed")
FIGURE_SIZES = ("inline", "wide", "full")
# A media library file name: no folders, so a name can never walk the storage.
IMAGE_NAME = re.compile(r"^[\w][\w.-]{0,199}$")
_SLUG = re.compile(r"^[-\w]{1,200}$")
_OPEN = re.compile(r"^:::[ \t]*(?P<kind>[A-Za-z-]+)[ \t]*(?P<rest>.*?)[ \t]*$")
_CLOSE = re.compile(r"^:::[ \t]*$")
_CODE_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_ATTRIBUTION = re.compile(r"^(?:--|—|–)\s*(?P<by>.+)$")


class StoryError(ValueError):
    """A block the renderer cannot read, with the line an editor should look at."""

    def __init__(self, line, message):
        super().__init__(f"Line {line}: {message}")
        self.line = line


@dataclass(frozen=True)
class Block:
    kind: str
    argument: str  # the rest of the opening line
    lines: tuple  # the lines between the fences
    line: int  # 1-based line number of the opening fence
    start: int  # offsets of the whole block in the source, fences included
    end: int

    @property
    def text(self):
        return "\n".join(self.lines).strip()


@dataclass(frozen=True)
class Figure:
    name: str
    size: str
    caption: str  # Markdown; "" uses the library's caption


@dataclass(frozen=True)
class PullQuote:
    text: str
    by: str


def parse(source):
    """[str | Block, ...]: the body's Markdown pieces and blocks, in order."""
    pieces, markdown, in_code, block = [], [], None, None
    offset = 0
    for number, line in enumerate((source or "").splitlines(keepends=True), 1):
        bare = line.rstrip("\r\n")
        if block is not None:
            if _CLOSE.match(bare):
                pieces.append(_finish(block, offset + len(line)))
                block = None
            else:
                block["lines"].append(bare)
        elif in_code is None and (opening := _OPEN.match(bare)):
            if markdown:
                pieces.append("".join(markdown))
                markdown = []
            block = _start(opening, number, offset)
        else:
            in_code = _code_state(bare, in_code)
            markdown.append(line)
        offset += len(line)
    if block is not None:
        raise StoryError(
            block["line"],
            f"the {block['kind']} block is not closed: add a line with ::: after it.",
        )
    if markdown:
        pieces.append("".join(markdown))
    return pieces


def _start(opening, number, offset):
    kind = opening.group("kind").lower()
    if kind not in KINDS:
        raise StoryError(
            number, f"“{kind}” is not a block; the blocks are {', '.join(KINDS)}."
        )
    return {"kind": kind, "argument": opening.group("rest"), "lines": [],
            "line": number, "start": offset}  # fmt: skip


def _finish(block, end):
    return Block(block["kind"], block["argument"], tuple(block["lines"]),
                 block["line"], block["start"], end)  # fmt: skip


def _code_state(line, fence):
    """The open code fence after this line (None outside code)."""
    match = _CODE_FENCE.match(line)
    if not match:
        return fence
    if fence is None:
        return match.group(1)
    return None if match.group(1) == fence else fence


def blocks(source):
    return [piece for piece in parse(source) if isinstance(piece, Block)]


def figure(block):
    words = block.argument.split()
    if not words:
        raise StoryError(block.line, "a figure names its picture: ::: figure NAME.")
    name, size = words[0], (words[1].lower() if len(words) > 1 else "inline")
    _check_image_name(block.line, name)
    if size not in FIGURE_SIZES or len(words) > 2:
        raise StoryError(
            block.line, f"a figure's size is one of {', '.join(FIGURE_SIZES)}."
        )
    return Figure(name=name, size=size, caption=block.text)


def gallery(block):
    """[(name, caption), ...]: one picture a line, its caption after the name."""
    items = []
    for index, line in enumerate(block.lines, block.line + 1):
        name, _, caption = line.strip().partition(" ")
        if name:
            _check_image_name(index, name)
            items.append((name, caption.strip()))
    if len(items) < 2:
        raise StoryError(block.line, "a gallery needs two pictures or more, one a line.")
    return items


def pull_quote(block):
    lines = [line.strip() for line in block.lines if line.strip()]
    by = ""
    if lines and (attribution := _ATTRIBUTION.match(lines[-1])):
        by, lines = attribution.group("by").strip(), lines[:-1]
    if not lines:
        raise StoryError(block.line, "a pull quote needs its words.")
    return PullQuote(text=" ".join(lines), by=by)


def related_slugs(block):
    """Story slugs, one a line; a pasted story URL counts by its last part."""
    slugs = []
    for index, line in enumerate(block.lines, block.line + 1):
        value = line.strip().rstrip("/").rsplit("/", 1)[-1]
        if not value:
            continue
        if not _SLUG.match(value):
            raise StoryError(index, f"“{line.strip()}” is not a story's slug or address.")
        slugs.append(value)
    if not slugs:
        raise StoryError(block.line, "related stories lists one story a line.")
    return slugs


def embed_url(block):
    url = (block.argument or block.text).strip()
    if not url or len(url.split()) > 1:
        raise StoryError(block.line, "an embed is one address: ::: embed URL.")
    return url


def _check_image_name(line, name):
    if not IMAGE_NAME.match(name) or ".." in name:
        raise StoryError(line, f"“{name}” is not a media library file name.")


def blank_blocks(source, kinds=("pullquote", "gallery", "related", "embed")):
    """The source with these blocks (and every fence) blanked, offsets kept.

    For Voices: a pull quote repeats words the story already quotes, so it must
    not be found twice; a fact box or caption is the story's own text.
    """
    if ":::" not in (source or ""):
        return source
    out = list(source)
    for block in blocks(source):
        if block.kind in kinds:
            spans = [(block.start, block.end)]
        else:
            spans = _fence_spans(source, block)
        for start, end in spans:
            for index in range(start, end):
                if out[index] not in "\r\n":
                    out[index] = " "
    return "".join(out)


def _fence_spans(source, block):
    first_end = source.index("\n", block.start) if "\n" in source[block.start:] else block.end
    closing = source.rindex(":::", block.start, block.end)
    return [(block.start, first_end), (closing, closing + 3)]
