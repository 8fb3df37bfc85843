"""One WXR element as a plain record: an author, a term, an item with its
comments (issue 22). No Django import.

reader.py streams the file and hands each child of <channel> here; the
import's worker processes read each post's `<item>` here too (prepared.py).
Only elements in the file's own WordPress namespace count (`Names`).
"""

from dataclasses import dataclass, field

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
_TERM_TAGS = (("category", "category"), ("tag", "post_tag"), ("term", ""))


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


# The first of each field counts, as for every record here.
_COMMENT_FIELDS = {
    "comment_id": "wp_id", "comment_author": "author", "comment_author_email": "email",
    "comment_author_url": "url", "comment_author_IP": "ip", "comment_date": "date",
    "comment_date_gmt": "date_gmt", "comment_content": "content",
    "comment_approved": "approved", "comment_type": "type", "comment_parent": "parent",
}  # fmt: skip


class Names:
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
        # Tag -> attribute for what a comment and a meta pair read, so that
        # reading one is a look-up a child (issue 22: ten comments a post,
        # a dozen fields each, were a sixth of a worker's time).
        self.comment_fields = {tag: attribute for local, attribute in _COMMENT_FIELDS.items()
                               for tag in self.wp(local)}  # fmt: skip
        self.comment_meta = frozenset(self.wp("commentmeta"))
        self.meta_fields = {tag: local for local in ("meta_key", "meta_value")
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


def text_of(element):
    text = element.text or ""
    if len(element):
        text = "".join(element.itertext())
    return text.strip()


def int_of(value, default=None):
    try:
        return int(value.strip())
    except (AttributeError, ValueError):
        return default


def _fields(element, names):
    """{local name: element} for the WordPress children, first one winning."""
    found = {}
    for child in element:
        local = names.local(child.tag)
        if local is not None and local not in ("postmeta", "comment", "termmeta"):
            found.setdefault(local, child)
    return found


def read_author(element, names):
    f = _fields(element, names)
    login = text_of(f["author_login"]) if "author_login" in f else ""
    if not login:
        return None
    return Author(
        login=login,
        email=text_of(f["author_email"]) if "author_email" in f else "",
        display_name=text_of(f["author_display_name"]) if "author_display_name" in f else "",
        first_name=text_of(f["author_first_name"]) if "author_first_name" in f else "",
        last_name=text_of(f["author_last_name"]) if "author_last_name" in f else "",
        wp_id=int_of(text_of(f["author_id"])) if "author_id" in f else None,
        line=element.sourceline or 0,
    )


_TERM_FIELDS = {
    "category": ("category_nicename", "cat_name", "category_parent", "category_description"),
    "post_tag": ("tag_slug", "tag_name", None, "tag_description"),
    "": ("term_slug", "term_name", "term_parent", "term_description"),
}


def read_term(element, names, taxonomy):
    f = _fields(element, names)
    value = {key: text_of(child) for key, child in f.items()}
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
        description=value.get(description_key, ""), wp_id=int_of(value.get("term_id")),
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
            item.title = text_of(child)
        elif tag == "link":
            item.link = text_of(child)
        elif tag == "guid":
            item.guid = text_of(child)
        elif tag == CONTENT:
            item.content = text_of(child)
        elif tag == DC_CREATOR:
            item.creator = item.creator or text_of(child)
        elif tag in names.excerpt:
            item.excerpt = text_of(child)
        elif tag == "category":
            _category(item, child)
        else:
            _item_field(item, child, names, comments)
    return item


def _category(item, child):
    domain = child.get("domain", "category")
    name = text_of(child)
    item.terms.append((domain, child.get("nicename", "") or name, name))


def _item_field(item, child, names, comments=True):
    local = names.local(child.tag)
    if local is None:
        return
    if local == "post_id":
        item.wp_id = item.wp_id if item.wp_id is not None else int_of(text_of(child))
    elif local in _ITEM_TEXT:
        setattr(item, _ITEM_TEXT[local], text_of(child))
    elif local == "post_parent":
        item.parent = int_of(text_of(child), 0)
    elif local == "is_sticky":
        item.sticky = text_of(child) == "1"
    elif local == "postmeta":
        item.meta.extend(_pairs(child, names))
    elif local == "comment" and comments:
        comment = _comment(child, names)
        if comment is not None:
            item.comments.append(comment)


def _pairs(element, names):
    """(key, value) of a meta element: its first meta_key and meta_value."""
    found = {}
    for child in element:
        local = names.meta_fields.get(child.tag)
        if local is not None and local not in found:
            found[local] = child
    if "meta_key" in found:
        value = found.get("meta_value")
        yield text_of(found["meta_key"]), text_of(value) if value is not None else ""


def _meta(element, names, local):
    pairs = []
    for child in element:
        if names.local(child.tag) == local:
            pairs.extend(_pairs(child, names))
    return pairs


def _comment(element, names):
    fields, meta_tags = names.comment_fields, names.comment_meta
    found, meta = {}, []
    for child in element:
        attribute = fields.get(child.tag)
        if attribute is not None:
            if attribute not in found:
                found[attribute] = text_of(child)
        elif child.tag in meta_tags:
            meta.extend(_pairs(child, names))
    wp_id = int_of(found.pop("wp_id", None))
    if wp_id is None:
        return None
    found["parent"] = int_of(found.get("parent"), 0)
    return Comment(wp_id=wp_id, meta=meta, **found)
