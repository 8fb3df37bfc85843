"""The way back out: the site as a WXR 1.2 file WordPress's importer reads.

Written as a stream (lxml's xmlfile), a chunk of articles at a time, so a
large site exports in flat memory. Bodies and comments go out as the HTML
readers saw, which is what WordPress shows; the Markdown they came from rides
along as `_masthead_markdown` meta (WordPress keeps unknown meta and ignores
it), so importing the file into another Masthead gives back the same words.
Bylines after the first use Co-Authors Plus's author terms, the usual way
WordPress sites keep several (issue 22, item 11).
"""

import re
from datetime import UTC

from django.conf import settings
from django.utils import timezone
from lxml import etree

from masthead.articles.models import Article, ArticleAuthor, Section, Tag
from masthead.comments.models import Comment
from masthead.media.models import Image
from masthead.people.models import Person

from .models import ImportedComment

WP = "http://wordpress.org/export/1.2/"
NS = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": WP,
}
MARKDOWN_META = "_masthead_markdown"
STATUSES = {"published": "publish", "scheduled": "future", "draft": "draft",
            "review": "pending", "unpublished": "private"}  # fmt: skip
COMMENT_STATUSES = {"approved": "1", "pending": "0", "spam": "spam", "trash": "trash"}
CHUNK = 500


def export(path):
    """Write the WXR file; returns {what: how many}."""
    counts = {"articles": 0, "comments": 0, "pictures": 0}
    base = (getattr(settings, "MASTHEAD_SITE_URL", "") or "http://localhost:8000").rstrip("/")
    offset = (Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    with etree.xmlfile(str(path), encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("rss", version="2.0", nsmap=NS), xf.element("channel"):
            _header(xf, base)
            for image in Image.objects.order_by("pk").iterator(chunk_size=CHUNK):
                xf.write(_attachment(image, offset, base))
                counts["pictures"] += 1
            for chunk in _chunks(Article.objects.order_by("pk").select_related("section")):
                for element in _items(chunk, offset, base, counts):
                    xf.write(element)
    return counts


def _w(tag):
    return f"{{{WP}}}{tag}"


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _sub(parent, tag, text="", cdata=False):
    child = etree.SubElement(parent, tag)
    text = _NOT_XML.sub("", "" if text is None else str(text))
    # CDATA as WordPress writes it, unless the text would end it early.
    child.text = etree.CDATA(text) if cdata and text and "]]>" not in text else text
    return child


def _header(xf, base):
    channel = etree.Element("header", nsmap=NS)
    _sub(channel, "title", getattr(settings, "MASTHEAD_SITE_NAME", "Masthead"))
    _sub(channel, "link", base)
    _sub(channel, "description", getattr(settings, "MASTHEAD_SITE_TAGLINE", ""))
    _sub(channel, "language", getattr(settings, "MASTHEAD_LANGUAGE", "en"))
    _sub(channel, _w("wxr_version"), "1.2")
    _sub(channel, _w("base_site_url"), base)
    _sub(channel, _w("base_blog_url"), base)
    for child in channel:
        xf.write(child)
    for person in Person.objects.filter(bylines__isnull=False).distinct().order_by("pk"):
        author = etree.Element(_w("author"), nsmap=NS)
        _sub(author, _w("author_id"), person.pk)
        _sub(author, _w("author_login"), person.slug, cdata=True)
        _sub(author, _w("author_email"), person.email, cdata=True)
        _sub(author, _w("author_display_name"), person.name, cdata=True)
        xf.write(author)
    for section in Section.objects.order_by("pk"):
        term = etree.Element(_w("category"), nsmap=NS)
        _sub(term, _w("term_id"), section.pk)
        _sub(term, _w("category_nicename"), section.slug, cdata=True)
        _sub(term, _w("category_parent"), "")
        _sub(term, _w("cat_name"), section.name, cdata=True)
        _sub(term, _w("category_description"), section.description, cdata=True)
        xf.write(term)
    for tag in Tag.objects.order_by("pk"):
        term = etree.Element(_w("tag"), nsmap=NS)
        _sub(term, _w("term_id"), tag.pk)
        _sub(term, _w("tag_slug"), tag.slug, cdata=True)
        _sub(term, _w("tag_name"), tag.name, cdata=True)
        xf.write(term)


def _attachment(image, offset, base):
    item = etree.Element("item", nsmap=NS)
    url = base + image.file.url if image.file.url.startswith("/") else image.file.url
    _sub(item, "title", image.title)  # as typed, empty too: a round trip keeps it
    _sub(item, "guid", url).set("isPermaLink", "false")
    _sub(item, f"{{{NS['excerpt']}}}encoded", image.caption, cdata=True)
    _sub(item, f"{{{NS['content']}}}encoded", "", cdata=True)
    _sub(item, _w("post_id"), offset + image.pk)
    _sub(item, _w("post_date_gmt"), _date(image.uploaded_at))
    _sub(item, _w("post_name"), image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    _sub(item, _w("status"), "inherit")
    _sub(item, _w("post_type"), "attachment")
    _sub(item, _w("attachment_url"), url, cdata=True)
    _meta(item, "_wp_attached_file", image.file.name.removeprefix("images/"))
    _meta(item, "_wp_attachment_image_alt", image.alt_text)
    _meta(item, "_media_credit", image.credit)
    return item


def _chunks(queryset):
    chunk = []
    for article in queryset.iterator(chunk_size=CHUNK):
        chunk.append(article)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _items(articles, offset, base, counts):
    ids = [a.pk for a in articles]
    bylines, tags, comments = {}, {}, {}
    for byline in ArticleAuthor.objects.filter(article_id__in=ids).select_related("person"):
        bylines.setdefault(byline.article_id, []).append(byline.person)
    for link in Article.tags.through.objects.filter(article_id__in=ids).select_related("tag"):
        tags.setdefault(link.article_id, []).append(link.tag)
    kinds = dict(ImportedComment.objects.filter(comment__article_id__in=ids)
                 .values_list("comment_id", "kind"))  # fmt: skip
    for comment in Comment.objects.filter(article_id__in=ids).order_by("pk"):
        comments.setdefault(comment.article_id, []).append(comment)
    for article in articles:
        counts["articles"] += 1
        counts["comments"] += len(comments.get(article.pk, []))
        yield _item(article, bylines.get(article.pk, []), tags.get(article.pk, []),
                    comments.get(article.pk, []), kinds, offset, base)  # fmt: skip


def _item(article, people, tags, comments, kinds, offset, base):
    item = etree.Element("item", nsmap=NS)
    url = base + article.get_absolute_url()
    _sub(item, "title", article.title)
    _sub(item, "link", url)
    _sub(item, "guid", url).set("isPermaLink", "false")
    _sub(item, f"{{{NS['dc']}}}creator", people[0].slug if people else "", cdata=True)
    _sub(item, f"{{{NS['content']}}}encoded", article.body_html, cdata=True)
    _sub(item, f"{{{NS['excerpt']}}}encoded", article.standfirst, cdata=True)
    _sub(item, _w("post_id"), article.pk)
    _sub(item, _w("post_date"), _date(article.published_at, local=True))
    _sub(item, _w("post_date_gmt"), _date(article.published_at))
    _sub(item, _w("comment_status"), "open" if article.comments_enabled else "closed")
    _sub(item, _w("post_name"), article.slug)
    _sub(item, _w("status"), STATUSES.get(article.status, "draft"))
    _sub(item, _w("post_parent"), 0)
    _sub(item, _w("post_type"), "post")
    _sub(item, _w("post_password"), "")
    _sub(item, _w("is_sticky"), 0)
    if article.section_id:
        _term(item, "category", article.section.slug, article.section.name)
    for tag in tags:
        _term(item, "post_tag", tag.slug, tag.name)
    for person in people if len(people) > 1 else []:
        _term(item, "author", f"cap-{person.slug}", person.name)
    if article.hero_image_id:
        _meta(item, "_thumbnail_id", offset + article.hero_image_id)
    _meta(item, MARKDOWN_META, article.body)
    for comment in comments:
        item.append(_comment(comment, kinds.get(comment.pk, "comment")))
    return item


def _term(item, domain, nicename, name):
    element = etree.SubElement(item, "category", domain=domain, nicename=nicename)
    element.text = etree.CDATA(name) if "]]>" not in name else name


def _meta(item, key, value):
    meta = etree.SubElement(item, _w("postmeta"))
    _sub(meta, _w("meta_key"), key, cdata=True)
    _sub(meta, _w("meta_value"), value, cdata=True)


def _comment(comment, kind):
    element = etree.Element(_w("comment"))
    _sub(element, _w("comment_id"), comment.pk)
    _sub(element, _w("comment_author"), comment.name, cdata=True)
    _sub(element, _w("comment_author_email"), comment.email, cdata=True)
    _sub(element, _w("comment_author_url"), comment.website)
    _sub(element, _w("comment_author_IP"), comment.ip_address or "", cdata=True)
    _sub(element, _w("comment_date"), _date(comment.created_at, local=True), cdata=True)
    _sub(element, _w("comment_date_gmt"), _date(comment.created_at), cdata=True)
    _sub(element, _w("comment_content"), comment.body_html, cdata=True)
    _sub(element, _w("comment_approved"), COMMENT_STATUSES.get(comment.status, "0"), cdata=True)
    _sub(element, _w("comment_type"), "" if kind == "comment" else kind, cdata=True)
    _sub(element, _w("comment_parent"), comment.parent_id or 0)
    _sub(element, _w("comment_user_id"), 0)
    meta = etree.SubElement(element, _w("commentmeta"))
    _sub(meta, _w("meta_key"), MARKDOWN_META, cdata=True)
    _sub(meta, _w("meta_value"), comment.body, cdata=True)
    return element


def _date(value, local=False):
    if value is None:
        return "0000-00-00 00:00:00"
    value = timezone.localtime(value) if local else value.astimezone(UTC)
    return value.strftime("%Y-%m-%d %H:%M:%S")
