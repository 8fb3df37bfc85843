"""A WordPress export (WXR) read as a stream of plain records. No Django import.

lxml's iterparse builds one `<item>` at a time and each is cleared once read,
so memory stays flat on a file of any size (issue 22). The parser resolves no
entity, loads no DTD and nothing from the network, and refuses "huge" text
nodes; a file that declares a DTD at all is refused, since WXR never has one
and a DTD is how XML bombs and external entities arrive.

Only elements in the file's own WordPress namespace count: the one its
`wp:wxr_version` is in, spelled `http://` or `https://` (both are in the wild).
An item that rebinds the `wp` prefix to another namespace has no WordPress
fields, as the WordPress Importer's namespace fixtures expect.
"""

from dataclasses import dataclass

from lxml import etree

from .records import (  # noqa: F401 (Author, Comment, Term: the records read() yields)
    Author,
    Comment,
    Item,
    Names,
    Term,
    int_of,
    read_author,
    read_item,
    read_term,
    text_of,
)

VERSIONS = ("1.0", "1.1", "1.2")
_EXPORT = "wordpress.org/export/"
_HEADER = {"title", "link", "description", "language", "pubDate", "generator"}


class WXRError(ValueError):
    """Why a file cannot be imported, with the line to look at."""

    def __init__(self, message, line=None):
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line


@dataclass
class Site:
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    version: str = ""
    namespace: str = ""  # the WordPress namespace as this file spells it


def read(source, *, comments=True):
    """Yield Site (once, before anything else), then Author, Term and Item
    records in file order. Raises WXRError for anything that is not a WXR
    file WordPress wrote: malformed XML, no or an unknown version, a DTD.
    With comments=False, items come without their comments (a survey of the
    file reads ten comments a post it does not need)."""
    events = etree.iterparse(
        source, events=("start", "end"), resolve_entities=False, no_network=True,
        load_dtd=False, huge_tree=False, remove_comments=True,
    )  # fmt: skip
    reader = _Reader(comments=comments, source=source)
    etree.clear_error_log()  # _fault() reads this thread's log of this parse
    try:
        for event, element in events:
            # Most events are inside an item: only depth changes there, so
            # they are counted here, without a call (a third of a large import).
            if event == "start":
                reader.depth += 1
                if reader.depth <= 2:
                    reader.start(element, events)
            else:
                reader.depth -= 1
                if reader.depth == 2:
                    yield from reader.end(element)
    except etree.XMLSyntaxError as err:
        fault = _fault(err)
        if fault is not None:
            raise WXRError(f"the XML is malformed: {fault[1]}", fault[0]) from err
    yield from reader.finish()


def raw_items(source, namespace, wanted):
    """The second pass (issue 22): (wp id, the item's XML as bytes) for each
    `<item>` in <channel> whose wp:post_id is in `wanted`, in file order, no
    record built: worker processes read them (prepared.py). read() has checked
    the file already. Only "end" events of items reach Python, so this pass
    costs a fraction of read()'s event per element."""
    events = etree.iterparse(
        source, events=("end",), tag="item", resolve_entities=False, no_network=True,
        load_dtd=False, huge_tree=False, remove_comments=True,
    )  # fmt: skip
    post_ids = Names(namespace).wp("post_id")
    try:
        for _event, element in events:
            parent = element.getparent()
            if parent is None or parent.tag != "channel" or parent.getparent() is None \
                    or parent.getparent().getparent() is not None:  # fmt: skip
                continue  # an <item> inside another element is part of it, not a post
            wp_id = next((found for child in element.iterchildren(*post_ids)
                          if (found := int_of(text_of(child))) is not None), None)  # fmt: skip
            if wp_id in wanted:
                yield wp_id, etree.tostring(element, encoding="utf-8", with_tail=False)
            element.clear()
            while element.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as err:
        fault = _fault(err)  # as read() does: a namespace address alone is no fault
        if fault is not None:
            raise WXRError(f"the XML is malformed: {fault[1]}", fault[0]) from err


def _fault(err):
    """(line, message) of the error that stops the file, or None when libxml2
    only objected to a namespace address (a non-ASCII URI in the WordPress
    Importer's own fixture): it reports that after reading the whole file."""
    for entry in err.error_log:
        if entry.domain_name != "NAMESPACE" or entry.level_name == "FATAL":
            return entry.line, entry.message
    if not err.error_log:
        return err.lineno, err.msg
    return None


class _Reader:
    def __init__(self, comments=True, source=None):
        self.depth, self.site, self.names = 0, Site(), None
        self.source = source  # a path: where a refused DTD's line is looked up
        self.comments = comments
        self.started = False

    def start(self, element, events):
        """An element opens at depth 1 or 2 (self.depth, counted by read())."""
        if self.depth == 1:
            _check_root(element, self.source)
        elif element.tag != "channel":
            raise WXRError(
                f"this is not a WXR file: <{_local(element.tag)}> where WordPress "
                "writes <channel>.", element.sourceline,
            )

    def end(self, element):
        """A child of <channel> is complete."""
        yield from self._channel_child(element)
        # Read: let it go, with the siblings before it, so memory stays flat.
        element.clear()
        parent = element.getparent()
        while parent is not None and element.getprevious() is not None:
            del parent[0]

    def _channel_child(self, element):
        tag = element.tag
        if isinstance(tag, str) and tag.endswith("}wxr_version") and _EXPORT in tag:
            self._version(element)
            return
        if not isinstance(tag, str):
            return
        local = _local(tag)
        if tag in _HEADER:
            if not self.started:
                _set_header(self.site, local, text_of(element))
            return
        if self.names is None:
            if local in ("item", "author", "category", "tag", "term"):
                raise WXRError(
                    "this does not look like a WXR file: there is no wp:wxr_version "
                    f"before this <{element.prefix + ':' if element.prefix else ''}"
                    f"{local}>.", element.sourceline,
                )
            return
        if tag in self.names.site_fields:
            setattr(self.site, self.names.site_fields[tag], text_of(element))
            return
        record = self._record(tag, element)
        if record is not None:
            if not self.started:
                self.started = True
                yield self.site
            yield record

    def _version(self, element):
        version = text_of(element)
        if version not in VERSIONS:
            raise WXRError(
                f"unknown WXR version “{version}”: Masthead reads WXR "
                f"{', '.join(VERSIONS)}.", element.sourceline,
            )
        if self.names is None:
            self.site.version = version
            self.site.namespace = element.tag.split("}")[0][1:]
            self.names = Names(self.site.namespace)

    def _record(self, tag, element):
        names = self.names
        if tag == "item":
            return read_item(element, names, comments=self.comments)
        if tag in names.author:
            return read_author(element, names)
        if tag in names.terms:
            return read_term(element, names, names.terms[tag])
        return None

    def finish(self):
        if self.names is None:
            raise WXRError("this does not look like a WXR file: it has no wp:wxr_version.")
        if not self.started:
            yield self.site


def _check_root(element, source):
    docinfo = element.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        raise WXRError(
            "the file declares a DTD (<!DOCTYPE …>). WordPress never writes one, "
            "and its entities could expand into an XML bomb or read other files: "
            "refused.", _doctype_line(source, element.sourceline),
        )
    if element.tag != "rss":
        raise WXRError(
            f"this is not a WXR file: its root is <{_local(element.tag)}>, not <rss>.",
            element.sourceline,
        )


def _doctype_line(source, root_line):
    """The line of <!DOCTYPE: lxml gives the root's line, not the DTD's before it.
    Looked up in the file's first megabyte, where a prolog ends."""
    if not root_line or root_line <= 1:
        return 1
    try:
        with open(source, "rb") as handle:
            head = handle.read(1 << 20)
    except (OSError, TypeError):  # a file object, not a path
        return 1
    at = head.find(b"<!DOCTYPE")
    return head.count(b"\n", 0, at) + 1 if at >= 0 else 1


def _local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else "?"


def _set_header(site, local, value):
    if local == "title":
        site.title = value
    elif local == "link":
        site.link = value
