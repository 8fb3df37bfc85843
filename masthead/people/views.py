from django.shortcuts import get_object_or_404, render

from masthead.articles.models import Article
from masthead.core.pagination import paginate
from masthead.pagecache.dependencies import depends_on

from .models import Person


def author_detail(request, slug):
    person = get_object_or_404(Person.objects.select_related("photo"), slug=slug)
    listing = f"articles:author:{person.pk}"
    depends_on(listing)
    articles = Article.objects.published().by_author(person).teasers()
    page = paginate(request, articles, count_tag=listing)
    return render(request, "people/author_detail.html", {"person": person, "page": page})
