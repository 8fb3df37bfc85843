"""Listing pages' canonical link, social cards and structured data (issue 21,
item 10): the home page, sections, tags and authors.

Templates call `listing_head()` with what the page lists; the values become
ListingFacts, the fragment's key, so the head is built once per version of
what it shows. JSON-LD follows schema.org: a CollectionPage whose mainEntity
is the ItemList of the stories shown, and for an author a ProfilePage whose
mainEntity is the Person (public fields only: never an email).
"""

from dataclasses import dataclass
from urllib.parse import urljoin

from django.conf import settings

from masthead.core.fragments import Fragment, render

from . import publisher
from .structured_data import script_safe_json


@dataclass(frozen=True)
class ListingFacts:
    kind: str  # "home", "section", "tag" or "author"
    url: str  # the canonical path: the page number is kept, other queries are not
    title: str
    description: str
    items: tuple  # ((headline, path), ...), in the order shown
    person: tuple = ()  # an author's (name, job title, photo path or "")


def listing_head(request, *, kind, title, description="", articles=(), person=None):
    page = request.GET.get("page", "")
    url = request.path + (f"?page={page}" if page.isdigit() and page != "1" else "")
    facts = ListingFacts(
        kind=kind, url=url, title=title, description=description or title,
        items=tuple((a.title, a.get_absolute_url()) for a in articles),
        person=_person(person) if person else (),
    )  # fmt: skip
    return HEAD(facts=facts, site_url=request.build_absolute_uri("/"))


def _person(person):
    photo = person.photo.url if person.photo_id else ""
    return (person.name, person.job_title, photo)


def _build(facts, site_url):
    return render(
        "seo/listing_head.html",
        canonical=urljoin(site_url, facts.url),
        meta=_meta(facts, site_url),
        documents=[script_safe_json(d) for d in _documents(facts, site_url)],
    )


def _meta(facts, site_url):
    if facts.person and facts.person[2]:
        image, width, height = facts.person[2], None, None
    else:
        image, width, height = publisher.site_card()
    tags = [
        ("property", "og:type", "profile" if facts.kind == "author" else "website"),
        ("property", "og:site_name", settings.MASTHEAD_SITE_NAME),
        ("property", "og:title", facts.title),
        ("property", "og:description", facts.description),
        ("property", "og:url", urljoin(site_url, facts.url)),
        ("property", "og:locale", settings.MASTHEAD_LANGUAGE.replace("-", "_")),
        ("property", "og:image", urljoin(site_url, image)),
    ]
    if width:
        tags += [("property", "og:image:width", str(width)),
                 ("property", "og:image:height", str(height))]  # fmt: skip
    return tags + [
        ("name", "twitter:card", "summary"),
        ("name", "twitter:title", facts.title),
        ("name", "twitter:description", facts.description),
    ]


def _documents(facts, site_url):
    url = urljoin(site_url, facts.url)
    items = {
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "url": urljoin(site_url, path), "name": name}
            for n, (name, path) in enumerate(facts.items, 1)
        ],
    }
    page = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": facts.title,
        "description": facts.description,
        "url": url,
        "inLanguage": settings.MASTHEAD_LANGUAGE,
        "isPartOf": {"@type": "WebSite", "name": settings.MASTHEAD_SITE_NAME, "url": site_url},
        "mainEntity": items,
    }
    if not facts.person:
        return [page]
    name, job_title, photo = facts.person
    person = {"@type": "Person", "name": name, "url": url}
    if job_title:
        person["jobTitle"] = job_title
    if photo:
        person["image"] = urljoin(site_url, photo)
    return [{**page, "@type": "ProfilePage", "mainEntity": person}]


HEAD = Fragment(build=_build, fields=("facts", "site_url"), size=512)
