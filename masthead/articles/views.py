from django.shortcuts import get_object_or_404, render

from masthead.pagecache import tags as page_tags
from masthead.pagecache.dependencies import depends_on
from masthead.pagecache.pagination import paginate
from masthead.people.models import Person

from .models import Article, Section, Tag


def section_detail(request, slug):
    section = get_object_or_404(Section, slug=slug)
    listing = page_tags.section(section.pk)
    depends_on(listing)
    articles = Article.objects.published().filter(section=section).teasers()
    return render(
        request,
        "articles/section_detail.html",
        {"section": section, "page": paginate(request, articles, count_tag=listing)},
    )


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    listing = page_tags.tag(tag.pk)
    depends_on(listing)
    articles = Article.objects.published().filter(tags=tag).teasers()
    return render(
        request,
        "articles/tag_detail.html",
        {"tag": tag, "page": paginate(request, articles, count_tag=listing)},
    )


def author_detail(request, slug):
    """A person's author page: who they are and the stories under their byline."""
    person = get_object_or_404(Person.objects.select_related("photo"), slug=slug)
    listing = page_tags.author(person.pk)
    depends_on(listing)
    articles = Article.objects.published().by_author(person).teasers()
    page = paginate(request, articles, count_tag=listing)
    return render(request, "articles/author_detail.html", {"person": person, "page": page})
