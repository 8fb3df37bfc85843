"""Share links as plain URLs: no third-party script, pixel or iframe."""

from urllib.parse import quote, urlencode


def share_links(url, title):
    """(network, label, href) for each place a reader can share a story."""
    text = f"{title} {url}"
    return [
        ("x", "X", "https://x.com/intent/post?" + urlencode({"url": url, "text": title})),
        ("facebook", "Facebook",
         "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        ("linkedin", "LinkedIn",
         "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
        ("whatsapp", "WhatsApp", "https://wa.me/?" + urlencode({"text": text})),
        ("reddit", "Reddit",
         "https://www.reddit.com/submit?" + urlencode({"url": url, "title": title})),
        ("bluesky", "Bluesky",
         "https://bsky.app/intent/compose?" + urlencode({"text": text})),
        ("email", "Email",
         "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=_quote)),
    ]  # fmt: skip


def _quote(value, safe="", encoding=None, errors=None):
    # mailto: wants %20 for spaces, not "+".
    return quote(value, safe=safe, encoding=encoding, errors=errors)
