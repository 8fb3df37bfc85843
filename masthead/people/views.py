from django.shortcuts import get_object_or_404, render

from masthead.articles.models import Article
from masthead.core.pagination import paginate

from .models import Person


def author_detail(request, slug):
    person = get_object_or_404(Person.objects.select_related("photo"), slug=slug)
    articles = Article.objects.published().by_author(person).for_listing()
    page = paginate(request, articles)
    return render(request, "people/author_detail.html", {"person": person, "page": page})
