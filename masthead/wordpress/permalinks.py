"""Every address an imported row had on the WordPress site. No Django import.

The site's permalink structure is read from the file's own links (each
published post's `<link>` against its date, slug, id and category), never
guessed; each post also keeps its path under every common structure, since
a site that changed structure once still has links in the old one (issue 22,
item 10). `old_urls_for(record)` gives (old path, new path) pairs: the one
seam the redirects app needs.
"""

from urllib.parse import unquote, urlsplit

COMMON = (
    "/%year%/%monthnum%/%day%/%postname%/",
    "/%year%/%monthnum%/%postname%/",
    "/%postname%/",
    "/%category%/%postname%/",
)
# Also recognised when a site's links use them.
KNOWN = COMMON + (
    "/archives/%post_id%",
    "/%year%/%postname%/",
    "/%year%/%monthnum%/%day%/%post_id%/",
    "/%category%/%post_id%/%postname%/",
    "/%post_id%/%postname%/",
    "/blog/%postname%/",
    "/news/%postname%/",
)
SITE_PATHS = ("/feed/", "/feed/rss2/", "/feed/atom/", "/comments/feed/", "/rss/")


def base_path(blog_url):
    """The blog's folder on its host ("" at the root, "/blog" in a folder)."""
    return urlsplit(blog_url or "").path.rstrip("/")


def path_of(url, base=""):
    """The address's path (and ?p=… query) below the blog's folder, or None
    for a link to another host-less thing (mailto:, #anchor)."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("", "http", "https") or not (parts.path or parts.query):
        return None
    path = unquote(parts.path) or "/"
    if base and path.startswith(base + "/"):
        path = path[len(base) :]
    return path + (f"?{parts.query}" if parts.query else "")


def fill(structure, *, date, slug, wp_id, category_path):
    """The path of a post under a structure; date is "YYYY-MM-DD hh:mm:ss"."""
    year, month, day = (date or "0000-00-00")[:10].split("-") if date else ("", "", "")
    values = {
        "%year%": year, "%monthnum%": month, "%day%": day, "%postname%": slug,
        "%post_id%": str(wp_id), "%category%": category_path or "uncategorized",
    }  # fmt: skip
    path = structure
    for tag, value in values.items():
        path = path.replace(tag, value)
    return path


def structure_of(path, **post):
    """The structure among KNOWN that gives this post's path, or None."""
    if not path or "?" in path:
        return None
    for structure in KNOWN:
        if _same(fill(structure, **post), path):
            return structure
    return None


def _same(a, b):
    return a.rstrip("/") == b.rstrip("/")


def post_paths(*, link, guid, wp_id, post_type, structure, base, **post):
    """Every old path of one post or page, the file's own link first."""
    paths = []
    for url in (link, guid):
        path = path_of(url, base)
        if path and (url == link or "?" in path or path != "/"):
            paths.append(path)
    if post_type == "page":
        paths.append(f"/?page_id={wp_id}")
    else:
        structures = COMMON + ((structure,) if structure and structure not in COMMON else ())
        paths += [fill(s, wp_id=wp_id, **post) for s in structures]
    paths.append(f"/?p={wp_id}")
    return _unique(paths)


def term_paths(taxonomy, slug_path):
    prefix = {"category": "/category/", "post_tag": "/tag/"}.get(taxonomy)
    if prefix is None:
        return []
    return [f"{prefix}{slug_path}/", f"{prefix}{slug_path}/feed/"]


def author_paths(login):
    return [f"/author/{login}/", f"/author/{login}/feed/"]


def _unique(paths):
    seen, out = set(), []
    for path in paths:
        if path and path not in seen:
            seen.add(path)
            out.append(path)
    return out


def old_urls_for(record):
    """[(old path, new path)] for an import record (models.py): what the
    redirects app stores as 301s. A record whose row is gone gives none."""
    pairs = []
    for old in record.old_paths:
        new = record.target_url(old)
        if new and new != old:
            pairs.append((old, new))
    return pairs
