"""Share links: plain URLs to each network, with the story's address and title."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from masthead.core.share import share_links
from masthead.testing import make_article

URL = "https://news.example/articles/bridge-reopens/"
TITLE = "Bridge & road reopen: “at last”"


def query(href):
    return {key: values[0] for key, values in parse_qs(urlsplit(href).query).items()}


def links():
    return {network: href for network, _, href in share_links(URL, TITLE)}


def test_every_network_is_offered_in_order():
    labels = [label for _, label, _ in share_links(URL, TITLE)]
    assert labels == [
        "X",
        "Facebook",
        "LinkedIn",
        "WhatsApp",
        "Reddit",
        "Bluesky",
        "Email",
    ]


@pytest.mark.parametrize(
    "network, host, expected",
    [
        ("x", "x.com", {"url": URL, "text": TITLE}),
        ("facebook", "www.facebook.com", {"u": URL}),
        ("linkedin", "www.linkedin.com", {"url": URL}),
        ("whatsapp", "wa.me", {"text": f"{TITLE} {URL}"}),
        ("reddit", "www.reddit.com", {"url": URL, "title": TITLE}),
        ("bluesky", "bsky.app", {"text": f"{TITLE} {URL}"}),
    ],
)
def test_network_link_carries_url_and_title_encoded(network, host, expected):
    href = links()[network]
    assert urlsplit(href).scheme == "https" and urlsplit(href).netloc == host
    assert query(href) == expected


def test_email_link_uses_percent_encoding_not_plus():
    href = links()["email"]
    assert href.startswith("mailto:?")
    assert "+" not in href and "%20" in href
    assert query(href) == {"subject": TITLE, "body": URL}


@pytest.mark.django_db
def test_share_bar_works_without_javascript(client):
    article = make_article(slug="bridge-reopens")
    html = client.get(
        reverse("articles:detail", kwargs={"slug": "bridge-reopens"})
    ).content
    html = html.decode()
    # The URL is selectable in a read-only field; the JS-only buttons start hidden.
    assert 'value="http://testserver/articles/bridge-reopens/" readonly' in html
    assert "<li hidden data-share-native>" in html
    assert "<span hidden data-share-copy>" in html
    assert '<script src="/static/masthead/share.js" defer></script>' in html
    assert article.title in html
