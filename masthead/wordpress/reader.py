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

from dataclasses import dataclass, field

from lxml import etree

VERSIONS = ("1.0", "1.1", "1.2")
_EXPORT = "wordpress.org/export/"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
_HEADER = {"title", "link", "description", "language", "pubDate", "generator"}
_TERM_TAGS = (("category", "category"), ("tag", "post_tag"), ("term", ""))


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


@dataclass
class Author:
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""
    wp_id: int | None = None
    line: int = 0


@dataclass
class Term:
    taxonomy: str  # "category", "post_tag" or another taxonomy
    slug: str
    name: str = ""
    parent: str = ""  # the parent's slug
    description: str = ""
    wp_id: int | None = None
    meta: list = field(default_factory=list)
    line: int = 0


@dataclass
class Comment:
    wp_id: int
    author: str = ""
    email: str = ""
    url: str = ""
    ip: str = ""
    date: str = ""
    date_gmt: str = ""
    content: str = ""
    approved: str = "1"
    type: str = ""
    parent: int = 0
    meta: list = field(default_factory=list)


@dataclass
class Item:
    """A post, page, attachment or any other post type."""

    wp_id: int | None = None
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    date: str = ""
    date_gmt: str = ""
    slug: str = ""
    status: str = ""
    type: str = ""
    parent: int = 0
    password: str = ""
    sticky: bool = False
    comment_status: str = "open"
    attachment_url: str = ""
    terms: list = field(default_factory=list)  # [(domain, nicename, name)]
    meta: list = field(default_factory=list)  # [(key, value)], values as exported
    comments: list = field(default_factory=list)
    line: int = 0

    def meta_value(self, key, default=""):
        return next((value for k, value in self.meta if k == key), default)


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
    post_ids = names_for(namespace).wp("post_id")
    try:
        for _event, element in events:
            parent = element.getparent()
            if parent is None or parent.tag != "channel" or parent.getparent() is None \
                    or parent.getparent().getparent() is not None:  # fmt: skip
                continue  # an <item> inside another element is part of it, not a post
            wp_id = next((found for child in element.iterchildren(*post_ids)
                          if (found := _int(_text(child))) is not None), None)  # fmt: skip
            if wp_id in wanted:
                yield wp_id, etree.tostring(element, encoding="utf-8", with_tail=False)
            element.clear()
            while element.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as err:
        fault = _fault(err)  # as read() does: a namespace address alone is no fault
        if fault is not None:
            raise WXRError(f"the XML is malformed: {fault[1]}", fault[0]) from err


def names_for(namespace):
    """The file's WordPress tag names, for read_item()."""
    return _Names(namespace)


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
                _set_header(self.site, local, _text(element))
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
            setattr(self.site, self.names.site_fields[tag], _text(element))
            return
        record = self._record(tag, element)
        if record is not None:
            if not self.started:
                self.started = True
                yield self.site
            yield record

    def _version(self, element):
        version = _text(element)
        if version not in VERSIONS:
            raise WXRError(
                f"unknown WXR version “{version}”: Masthead reads WXR "
                f"{', '.join(VERSIONS)}.", element.sourceline,
            )
        if self.names is None:
            self.site.version = version
            self.site.namespace = element.tag.split("}")[0][1:]
            self.names = _Names(self.site.namespace)

    def _record(self, tag, element):
        names = self.names
        if tag == "item":
            return read_item(element, names, comments=self.comments)
        if tag in names.author:
            return _author(element, names)
        if tag in names.terms:
            return _term(element, names, names.terms[tag])
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


class _Names:
    """The file's WordPress tag names, spelled out once (both schemes)."""

    def __init__(self, namespace):
        twin = namespace.replace("http://", "https://", 1)
        if twin == namespace:
            twin = namespace.replace("https://", "http://", 1)
        self.spaces = (namespace, twin)
        self._locals = {}  # tag -> local(tag): a real file has a few dozen
        self.author = set(self.wp("author"))
        self.terms = {tag: taxonomy for local, taxonomy in _TERM_TAGS
                      for tag in self.wp(local)}  # fmt: skip
        self.excerpt = {f"{{{ns}excerpt/}}encoded" for ns in self.spaces}
        self.site_fields = {tag: local for local in ("base_site_url", "base_blog_url")
                            for tag in self.wp(local)}  # fmt: skip

    def wp(self, local):
        """The tag in both spellings of the namespace."""
        return [f"{{{ns}}}{local}" for ns in self.spaces]

    def local(self, tag):
        """'post_id' for a tag in the WordPress namespace, else None."""
        try:
            return self._locals[tag]
        except KeyError:
            found = self._local(tag)
            if len(self._locals) < 1000:  # bounded: a hostile file may invent tags
                self._locals[tag] = found
            return found

    def _local(self, tag):
        if isinstance(tag, str) and tag.startswith("{"):
            space, _, local = tag[1:].partition("}")
            if space in self.spaces:
                return local
        return None


def _text(element):
    text = element.text or ""
    if len(element):
        text = "".join(element.itertext())
    return text.strip()


def _int(value, default=None):
    try:
        return int(value.strip())
    except (AttributeError, ValueError):
        return default


def _local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else "?"


def _set_header(site, local, value):
    if local == "title":
        site.title = value
    elif local == "link":
        site.link = value


def _fields(element, names):
    """{local name: element} for the WordPress children, first one winning."""
    found = {}
    for child in element:
        local = names.local(child.tag)
        if local is not None and local not in ("postmeta", "comment", "termmeta"):
            found.setdefault(local, child)
    return found


def _author(element, names):
    f = _fields(element, names)
    login = _text(f["author_login"]) if "author_login" in f else ""
    if not login:
        return None
    return Author(
        login=login,
        email=_text(f["author_email"]) if "author_email" in f else "",
        display_name=_text(f["author_display_name"]) if "author_display_name" in f else "",
        first_name=_text(f["author_first_name"]) if "author_first_name" in f else "",
        last_name=_text(f["author_last_name"]) if "author_last_name" in f else "",
        wp_id=_int(_text(f["author_id"])) if "author_id" in f else None,
        line=element.sourceline or 0,
    )


_TERM_FIELDS = {
    "category": ("category_nicename", "cat_name", "category_parent", "category_description"),
    "post_tag": ("tag_slug", "tag_name", None, "tag_description"),
    "": ("term_slug", "term_name", "term_parent", "term_description"),
}


def _term(element, names, taxonomy):
    f = _fields(element, names)
    value = {key: _text(child) for key, child in f.items()}
    taxonomy = taxonomy or value.get("term_taxonomy", "")
    slug_key, name_key, parent_key, description_key = _TERM_FIELDS[
        "" if "term_taxonomy" in value else taxonomy
    ]
    slug = value.get(slug_key, "")
    if not slug or not taxonomy:
        return None
    return Term(
        taxonomy=taxonomy, slug=slug, name=value.get(name_key, slug),
        parent=value.get(parent_key, "") if parent_key else "",
        description=value.get(description_key, ""), wp_id=_int(value.get("term_id")),
        meta=_meta(element, names, "termmeta"), line=element.sourceline or 0,
    )  # fmt: skip


_ITEM_TEXT = {
    "post_date": "date", "post_date_gmt": "date_gmt", "post_name": "slug",
    "status": "status", "post_type": "type", "post_password": "password",
    "comment_status": "comment_status", "attachment_url": "attachment_url",
}  # fmt: skip


def read_item(element, names, comments=True):
    item = Item(line=element.sourceline or 0)
    for child in element:
        tag = child.tag
        if tag == "title":
            item.title = _text(child)
        elif tag == "link":
            item.link = _text(child)
        elif tag == "guid":
            item.guid = _text(child)
        elif tag == CONTENT:
            item.content = _text(child)
        elif tag == DC_CREATOR:
            item.creator = item.creator or _text(child)
        elif tag in names.excerpt:
            item.excerpt = _text(child)
        elif tag == "category":
            _category(item, child)
        else:
            _item_field(item, child, names, comments)
    return item


def _category(item, child):
    domain = child.get("domain", "category")
    name = _text(child)
    item.terms.append((domain, child.get("nicename", "") or name, name))


def _item_field(item, child, names, comments=True):
    local = names.local(child.tag)
    if local is None:
        return
    if local == "post_id":
        item.wp_id = item.wp_id if item.wp_id is not None else _int(_text(child))
    elif local in _ITEM_TEXT:
        setattr(item, _ITEM_TEXT[local], _text(child))
    elif local == "post_parent":
        item.parent = _int(_text(child), 0)
    elif local == "is_sticky":
        item.sticky = _text(child) == "1"
    elif local == "postmeta":
        item.meta.extend(_pairs(child, names))
    elif local == "comment" and comments:
        comment = _comment(child, names)
        if comment is not None:
            item.comments.append(comment)


def _pairs(element, names):
    f = _fields(element, names)
    if "meta_key" in f:
        yield _text(f["meta_key"]), _text(f["meta_value"]) if "meta_value" in f else ""


def _meta(element, names, local):
    pairs = []
    for child in element:
        if names.local(child.tag) == local:
            pairs.extend(_pairs(child, names))
    return pairs


_COMMENT_TEXT = {
    "comment_author": "author", "comment_author_email": "email",
    "comment_author_url": "url", "comment_author_IP": "ip", "comment_date": "date",
    "comment_date_gmt": "date_gmt", "comment_content": "content",
    "comment_approved": "approved", "comment_type": "type",
}  # fmt: skip


def _comment(element, names):
    f = _fields(element, names)
    wp_id = _int(_text(f["comment_id"])) if "comment_id" in f else None
    if wp_id is None:
        return None
    comment = Comment(wp_id=wp_id, meta=_meta(element, names, "commentmeta"))
    for local, attribute in _COMMENT_TEXT.items():
        if local in f:
            setattr(comment, attribute, _text(f[local]))
    comment.parent = _int(_text(f["comment_parent"]), 0) if "comment_parent" in f else 0
    return comment
