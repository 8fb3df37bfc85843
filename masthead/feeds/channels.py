"""What each article feed is about: its title, page, and which published articles.

One function per kind of feed, shared by the RSS, Atom and JSON Feed views, so
the three formats always carry the same stories. Every one starts from
Article.objects.published(): drafts and embargoed stories never reach a feed.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from masthead.articles.models import Article, Section, Tag
from masthead.pagecache import tags as page_tags
from masthead.pagecache.dependencies import depends_on
from masthead.people.models import Person


@dataclass
class Channel:
    request: HttpRequest
    title: str
    link: str
    description: str
    articles: QuerySet

    def latest(self):
        """The newest articles, with what an entry shows, in three queries."""
        return self.articles.for_page()[: settings.MASTHEAD_FEED_LENGTH]


def site(request):
    depends_on(page_tags.ARTICLES)
    return Channel(
        request=request,
        title=settings.MASTHEAD_SITE_NAME,
        link=reverse("home"),
        description=settings.MASTHEAD_SITE_TAGLINE,
        articles=Article.objects.published(),
    )


def section(request, slug):
    section = get_object_or_404(Section, slug=slug)
    depends_on(page_tags.section(section.pk))
    return Channel(
        request=request,
        title=f"{section.name} · {settings.MASTHEAD_SITE_NAME}",
        link=section.get_absolute_url(),
        description=section.description or f"The latest from {section.name}.",
        articles=Article.objects.published().filter(section=section),
    )


def tag(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    depends_on(page_tags.tag(tag.pk))
    return Channel(
        request=request,
        title=f"{tag.name} · {settings.MASTHEAD_SITE_NAME}",
        link=tag.get_absolute_url(),
        description=f"Articles tagged {tag.name}.",
        articles=Article.objects.published().filter(tags=tag),
    )


def author(request, slug):
    person = get_object_or_404(Person.objects.only("name", "slug"), slug=slug)
    depends_on(page_tags.author(person.pk))
    return Channel(
        request=request,
        title=f"{person.name} · {settings.MASTHEAD_SITE_NAME}",
        link=person.get_absolute_url(),
        description=f"Articles by {person.name}.",
        articles=Article.objects.published().by_author(person),
    )
