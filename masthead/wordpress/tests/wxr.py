"""The real WordPress exports in ../shared/wxr/ (never copied into the repo)."""

from pathlib import Path

import pytest

FOLDER = Path(__file__).resolve().parents[3] / ".." / "shared" / "wxr"
THEME = "themeunittestdata.wordpress.xml"


def fixture(name):
    path = FOLDER / name
    if not path.is_file():
        pytest.skip(f"{path} is absent (the shared WordPress exports are not here)")
    return path


# A WXR file written by a test: the few fields each test needs, spelled as
# WordPress spells them (CDATA for text, postmeta pairs, wp:comment blocks).
SITE = "https://news.example.org"
_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>The Harbour Times</title><link>{site}</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>{site}</wp:base_site_url><wp:base_blog_url>{site}</wp:base_blog_url>
"""


def cdata(text):
    return f"<![CDATA[{text}]]>"


def document(*parts, site=SITE):
    return _HEAD.format(site=site) + "\n".join(parts) + "\n</channel></rss>\n"


def write(path, *parts, site=SITE):
    path.write_text(document(*parts, site=site), encoding="utf-8")
    return path


def author(login, name, email=""):
    return (
        f"<wp:author><wp:author_login>{cdata(login)}</wp:author_login>"
        f"<wp:author_email>{cdata(email)}</wp:author_email>"
        f"<wp:author_display_name>{cdata(name)}</wp:author_display_name></wp:author>"
    )


def category(term_id, slug, name):
    return (
        f"<wp:category><wp:term_id>{term_id}</wp:term_id>"
        f"<wp:category_nicename>{cdata(slug)}</wp:category_nicename>"
        f"<wp:category_parent></wp:category_parent>"
        f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>"
    )


def item(
    wp_id,
    title,
    *,
    post_type="post",
    status="publish",
    slug=None,
    content="",
    excerpt="",
    creator="editor",
    date="2024-05-01 09:00:00",
    meta=(),
    categories=(),
    attachment_url="",
    parent=0,
    comments=(),
):
    """One <item>; meta is [(key, value)], categories [(slug, name)]."""
    slug = slug if slug is not None else f"post-{wp_id}"
    link = attachment_url or f"{SITE}/{date[:4]}/{date[5:7]}/{date[8:10]}/{slug}/"
    parts = [
        f"<title>{cdata(title)}</title><link>{link}</link>",
        f'<guid isPermaLink="false">{SITE}/?p={wp_id}</guid>',
        f"<dc:creator>{cdata(creator)}</dc:creator>",
        f"<content:encoded>{cdata(content)}</content:encoded>",
        f"<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>",
        f"<wp:post_id>{wp_id}</wp:post_id><wp:post_date>{cdata(date)}</wp:post_date>",
        f"<wp:post_date_gmt>{cdata(date)}</wp:post_date_gmt>",
        f"<wp:comment_status>open</wp:comment_status><wp:post_name>{cdata(slug)}</wp:post_name>",
        f"<wp:status>{cdata(status)}</wp:status><wp:post_parent>{parent}</wp:post_parent>",
        f"<wp:post_type>{cdata(post_type)}</wp:post_type>",
    ]
    if attachment_url:
        parts.append(f"<wp:attachment_url>{cdata(attachment_url)}</wp:attachment_url>")
    parts += [
        f'<category domain="category" nicename="{nicename}">{cdata(name)}</category>'
        for nicename, name in categories
    ]
    parts += [
        f"<wp:postmeta><wp:meta_key>{cdata(key)}</wp:meta_key>"
        f"<wp:meta_value>{cdata(value)}</wp:meta_value></wp:postmeta>"
        for key, value in meta
    ]
    parts += list(comments)
    return "<item>" + "\n".join(parts) + "</item>"


def comment(wp_id, text, *, name="A Reader", email="reader@example.com", parent=0):
    return (
        f"<wp:comment><wp:comment_id>{wp_id}</wp:comment_id>"
        f"<wp:comment_author>{cdata(name)}</wp:comment_author>"
        f"<wp:comment_author_email>{cdata(email)}</wp:comment_author_email>"
        "<wp:comment_date_gmt>2024-05-02 10:00:00</wp:comment_date_gmt>"
        f"<wp:comment_content>{cdata(text)}</wp:comment_content>"
        "<wp:comment_approved>1</wp:comment_approved><wp:comment_type></wp:comment_type>"
        f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
    )


def head(site=SITE):
    """The file up to its first author, for a test writing a large file in a stream."""
    return _HEAD.format(site=site)
