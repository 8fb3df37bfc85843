"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1) from the same entries as RSS."""

VERSION = "https://jsonfeed.org/version/1.1"


def document(*, title, home_page_url, feed_url, description, language, entries):
    """The feed as a dict ready for json.dumps; dates as RFC 3339 strings."""
    return {
        "version": VERSION,
        "title": title,
        "home_page_url": home_page_url,
        "feed_url": feed_url,
        "description": description,
        "language": language,
        "items": [item(entry) for entry in entries],
    }


def item(entry):
    data = {
        "id": entry.url,
        "url": entry.url,
        "title": entry.title,
        "summary": entry.summary,
        "date_published": entry.published.isoformat(),
        "date_modified": entry.updated.isoformat(),
        "authors": [{"name": a.name, "url": a.url} for a in entry.authors],
        "tags": entry.categories,
    }
    # The spec requires content_html or content_text.
    if entry.content_html:
        data["content_html"] = entry.content_html
    else:
        data["content_text"] = entry.summary
    if entry.image:
        data["image"] = entry.image.url
    return data
