"""schema.org NewsArticle and BreadcrumbList for the article page, as JSON-LD.

Properties follow Google's Article documentation
(https://developers.google.com/search/docs/appearance/structured-data/article):
headline, image in 16:9, 4:3 and 1:1, datePublished, dateModified, author as
Person with url, publisher with logo. Only public fields go in: an author's
email (Person.email) never does.
"""

import json
from urllib.parse import urljoin

from django.utils.safestring import mark_safe

from . import publisher

# As django.utils.html.json_script: "</script>" or "<!--" in a headline cannot
# end the script element early. JSON parsers read the escapes back as < > &.
_SCRIPT_SAFE = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def script_safe_json(data):
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE))


def news_article(facts, site_url):
    """NewsArticle for an article (facts: seo.head.HeadFacts, its URLs joined
    to site_url)."""
    url = urljoin(site_url, facts.url)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": facts.title,
        "description": facts.summary,
        # The hero's crops, then the body's pictures (issue 19).
        "image": [urljoin(site_url, link) for link in _image_urls(facts)],
        "datePublished": facts.published_at.isoformat(),
        "dateModified": (facts.revised_at or facts.published_at).isoformat(),
        "author": authors(facts, site_url),
        "publisher": publisher.organization(facts, site_url),
        "inLanguage": facts.language,
        "keywords": list(facts.tags),
    }
    corrections = [
        {"@type": "CorrectionComment", "text": text, "datePublished": at.isoformat()}
        for text, at in facts.corrections
    ]
    if corrections:
        data["correction"] = corrections
    if facts.section:
        data["articleSection"] = facts.section[0]
    return data


def authors(facts, site_url):
    """Each byline as a Person with their author page; the newsroom if none."""
    people = [
        {"@type": "Person", "name": name, "url": urljoin(site_url, url)}
        for name, url in facts.authors
    ]
    return people or [publisher.organization(facts, site_url)]


def breadcrumbs(facts, site_url):
    trail = [(facts.site_name, "/")]
    if facts.section:
        trail.append(facts.section)
    trail.append((facts.title, facts.url))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name,
             "item": urljoin(site_url, url)}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def _image_urls(facts):
    """The hero's crops, then the body's pictures; the site's card if neither
    (issue 21, item 10)."""
    urls = [crop.url for crop in facts.crops]
    urls += [url for url in facts.figures if url not in urls]
    return urls or [publisher.site_card()[0]]
