"""Crawl the public site through Django's test client, following same-origin links."""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlparse

SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def same_site_links(page_url, html):
    parser = _Links()
    parser.feed(html)
    for href in parser.links:
        url = urldefrag(urljoin("http://testserver" + page_url, href))[0]
        parsed = urlparse(url)
        if parsed.netloc == "testserver" and not parsed.path.startswith(SKIPPED_PREFIXES):
            yield parsed.path + (f"?{parsed.query}" if parsed.query else "")


def crawl(client, start="/", limit=400):
    """{url: response} for every public page reachable from start."""
    seen, queue, pages = {start}, [start], {}
    while queue and len(pages) < limit:
        url = queue.pop(0)
        response = client.get(url)
        pages[url] = response
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or "html" not in content_type:
            continue
        for link in same_site_links(url, response.content.decode()):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return pages
