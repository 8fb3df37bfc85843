"""schema.org NewsArticle and BreadcrumbList for the article page, as JSON-LD.

Properties follow Google's Article documentation
(https://developers.google.com/search/docs/appearance/structured-data/article):
headline, image in 16:9, 4:3 and 1:1, datePublished, dateModified, author as
Person with url, publisher with logo. Only public fields go in: an author's
email (Person.email) never does.
"""

import json

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe

from . import publisher

# As django.utils.html.json_script: "</script>" or "<!--" in a headline cannot
# end the script element early. JSON parsers read the escapes back as < > &.
_SCRIPT_SAFE = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def script_safe_json(data):
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE))


def news_article(rows, request, crops):
    """NewsArticle for the article of ``rows`` (articles.querysets.ArticleRows)."""
    article = rows.article
    url = request.build_absolute_uri(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title,
        "description": article.summary,
        "image": [request.build_absolute_uri(c.url) for c in crops],
        "datePublished": article.published_at.isoformat(),
        "dateModified": (article.revised_at or article.published_at).isoformat(),
        "author": authors(rows.bylines, request),
        "publisher": publisher.organization(request),
        "inLanguage": settings.MASTHEAD_LANGUAGE,
        "keywords": [tag.name for tag in rows.tags],
    }
    corrections = [
        {"@type": "CorrectionComment", "text": note.text,
         "datePublished": note.created_at.isoformat()}
        for note in rows.corrections
        if note.kind == note.Kind.CORRECTION
    ]
    if corrections:
        data["correction"] = corrections
    if article.section:
        data["articleSection"] = article.section.name
    if not data["image"]:
        del data["image"]
    return data


def authors(bylines, request):
    """Each byline as a Person with their author page; the newsroom if none."""
    people = [
        {
            "@type": "Person",
            "name": byline.person.name,
            "url": request.build_absolute_uri(byline.person.get_absolute_url()),
        }
        for byline in bylines
    ]
    return people or [publisher.organization(request)]


def breadcrumbs(article, request):
    trail = [(settings.MASTHEAD_SITE_NAME, reverse("home"))]
    if article.section:
        trail.append((article.section.name, article.section.get_absolute_url()))
    trail.append((article.title, article.get_absolute_url()))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": request.build_absolute_uri(path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }
