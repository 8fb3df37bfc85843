"""What a worker process makes of one `<item>`: a post ready to write (issue 22).

The writing process only sends each post's XML as it was in the file and
inserts what comes back; everything else that needs no database is done
here, in the worker processes (parallel.py), one batch ahead of the writer:
reading the item's XML into a record, ordering its comment thread, turning
its WordPress HTML into a story body and rendering it, rendering each
comment, counting words, listing the post's old addresses, and building
every comment row in the table's column order with its values already
adapted for the database. What a body shows from the database (pictures,
embeds, related stories) is still looked up by the writer.

The workers are forked from the importer after its first pass, so they
share its settings and its plan of every post's new address; they touch no
database. The context they work in is set by adopt() before the fork.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from lxml import etree

from masthead.articles.models import Article
from masthead.articles.story import render_story
from masthead.comments.privacy import truncate_ip
from masthead.core import story, text
from masthead.core.sanitize import render_article_body, render_comment_body

from . import bodies, mapping, permalinks
from .exporter import MARKDOWN_META
from .records import read_item

# The raw items are lxml's own serialization of elements from the file the
# first pass checked, so they are well-formed: `recover` only lets through
# what read() lets through too, libxml2's complaint about a namespace address
# (a non-ASCII URI in the WordPress Importer's own fixture).
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False, remove_comments=True, recover=True)  # fmt: skip
# The blocks that show other rows, which the writer looks up (story.py).
_LOOKED_UP = frozenset({"figure", "gallery", "related", "embed"})
_context = None  # set by adopt(), in the importer and (by the fork) in each worker


@dataclass
class Context:
    """What prepare() needs from the run: its plan and terms (run), the
    file's WordPress names, the writer's clock and its comment table."""

    run: object
    names: object  # records.Names of the file's namespace
    now: object
    ip_cutoff: object
    comment_table: object  # fastwrite.Table for comment rows
    record_table: object  # and for their import records
    site_id: int


@dataclass
class Prepared:
    """One post, ready to write. `item` is its record without its comments;
    `comments` are (depth, parent wp id or None, wp id, row, record) with
    parents first, each row in writes.COMMENT_COLUMNS' order with its values
    adapted (the article's and parent's ids, at 0 and 1, filled by the
    writer), and the comment's import record in COMMENT_RECORD_COLUMNS' order
    (the comment's id, at 2, filled by the writer)."""

    item: object
    status: str
    note: str
    published_at: object
    body: bodies.Body
    word_count: int = 0
    old_paths: list = field(default_factory=list)
    rendered: tuple | None = None  # (body_html, story, body_references_wanted)
    pieces: dict = field(default_factory=dict)
    unlinked: list = field(default_factory=list)
    comments: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # Notes.ops, replayed by the writer

    def render_text(self, piece):
        """For render_story(), on a body the writer renders (not `rendered`):
        the worker's HTML for a piece it has seen."""
        found = self.pieces.get(piece)
        return render_article_body(piece) if found is None else found


class Notes:
    """A Report's note() and count(), recorded to be replayed on the real
    report by the writer, in post order (a worker's report would be lost)."""

    def __init__(self):
        self.ops = []

    def note(self, heading, entry, where=""):
        self.ops.append(("note", heading, entry, where))

    def count(self, what, n=1):
        self.ops.append(("count", what, n))


def replay(ops, report):
    for op, *args in ops:
        getattr(report, op)(*args)


def adopt(context):
    global _context
    _context = context


def prepare(raw):
    """The Prepared post for an `<item>`'s XML (bytes)."""
    context = _context
    item = read_item(etree.fromstring(raw, _PARSER), context.names)
    notes = Notes()
    status, note = mapping.article_status(item)
    published_at = mapping.post_time(item)
    if status in ("draft", "review") and not item.date_gmt.strip("0 :-"):
        published_at = None
    thread = _thread(item, notes, context.run.options.pingbacks)
    item.comments = []  # sent back as rows, not records
    body, unlinked = _body(item)
    item.content = ""  # converted: the writer needs only the body
    rendered, pieces = _render(body.markdown)
    post = Prepared(
        item=item, status=status, note=note, published_at=published_at, body=body,
        word_count=text.count_words(Article.read_text_of(body.markdown)),
        old_paths=_old_paths(item), rendered=rendered, pieces=pieces, unlinked=unlinked,
        notes=notes.ops,
    )  # fmt: skip
    post.comments = [_comment(comment, depth, parent, post) for comment, depth, parent in thread]
    return post


def _body(item):
    own = item.meta_value(MARKDOWN_META) or None
    unlinked = []
    if own is None:
        body = bodies.convert(item.content, library=_context.run.library, post_id=item.wp_id,
                              links=lambda href: _link(href, unlinked))  # fmt: skip
    else:
        body = bodies.Body(own)
    return body, unlinked


def _link(href, unlinked):
    new, found = _context.run.link(href)
    if not found:
        unlinked.append(href)
    return new


def _render(markdown):
    """(rendered, {}) for a body whose blocks show no other row, rendered
    here whole as Article.render_body() would; else (None, the HTML of each
    Markdown piece), the writer rendering the body with the rows it looks up.
    Rendering in the workers leaves the writer, the import's busiest
    process, only the rows to insert (issue 22)."""
    try:  # a block opens with ":::" (most imported bodies have none)
        pieces = story.parse(markdown) if ":::" in markdown else [markdown]
    except story.StoryError:  # the writer renders it as plain Markdown
        return None, {}
    prose = [piece for piece in pieces if isinstance(piece, str)]
    if not any(piece.kind in _LOOKED_UP for piece in pieces if not isinstance(piece, str)):
        try:
            done = render_story(markdown)  # published_stories: no related block
        except ValidationError:  # a block it cannot read: the writer's fallback
            return None, {}
        return (done.html, done.facts(), done.references), {}
    return None, {piece: render_article_body(piece) for piece in prose}


def _old_paths(item):
    run = _context.run
    return permalinks.post_paths(
        link=item.link, guid=item.guid, wp_id=item.wp_id, post_type=item.type,
        structure=run.site.structure, base=run.base, date=item.date,
        slug=item.slug, category_path=run._category_path(item),
    )  # fmt: skip


def _thread(item, notes, pingbacks):
    """(comment, depth, parent wp id) in an order where parents come first."""
    kept = {}
    for comment in item.comments:
        kind = mapping.comment_kind(comment)
        if kind is None:
            notes.note("comments held back", f"type “{comment.type}” is not a "
                       "reader comment", f"post {item.wp_id}")  # fmt: skip
        elif kind != "comment" and pingbacks == "skip":
            notes.count(f"{kind}s skipped")
        else:
            kept[comment.wp_id] = comment
    out = []
    for comment in kept.values():
        depth, parent, seen = 0, comment.parent, {comment.wp_id}
        while parent and parent in kept and parent not in seen:
            seen.add(parent)
            depth, parent = depth + 1, kept[parent].parent
        if comment.parent and comment.parent not in kept:
            notes.note("replies whose parent is missing, kept as comments",
                       str(comment.wp_id), f"post {item.wp_id}")  # fmt: skip
        out.append((comment, depth, comment.parent if depth else None))
    others = sum(mapping.comment_kind(c) != "comment" for c, _, _ in out)
    if others:
        notes.count("pingbacks and trackbacks kept", others)
    return out


def comment_markup(content, own=None):
    """(comment Markdown, its HTML): `own` is Markdown Masthead exported itself."""
    body = own if own is not None else mapping.comment_body(content)
    return body, render_comment_body(body)


def _comment(comment, depth, parent, post):
    """(depth, parent wp id, wp id, row, record) for one comment."""
    context = _context
    own = next((value for key, value in comment.meta if key == MARKDOWN_META), None) \
        if comment.meta else None  # fmt: skip
    body, body_html = comment_markup(comment.content, own)
    created = (mapping.utc(comment.date_gmt) or mapping.utc(comment.date)
               or post.published_at or context.now)  # fmt: skip
    ip = mapping.ip_address(comment.ip)
    if ip and created < context.ip_cutoff:
        ip = truncate_ip(ip)
    row = context.comment_table.prepared([
        0, None, depth, mapping.plain(comment.author, 245) or "Anonymous",
        comment.email[:100], comment.url[:200], body, body_html,
        mapping.comment_status(comment), ip, created, "imported from WordPress",
    ])  # fmt: skip
    record = context.record_table.prepared([
        context.site_id, comment.wp_id, None, mapping.comment_kind(comment),
        [list(m) for m in comment.meta],
    ])  # fmt: skip
    return depth, parent, comment.wp_id, row, record
