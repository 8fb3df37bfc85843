from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from masthead.pagecache import tags as page_tags
from masthead.pagecache.dependencies import depends_on
from masthead.pagecache.pagination import paginate
from masthead.people.models import Person, PersonAlias

from .models import Quote

MAX_QUERY = 100


def voice_index(request):
    """Everyone quoted on the site, most quoted first; ?q= filters by name."""
    depends_on(page_tags.QUOTES, page_tags.ARTICLES)
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY]
    people = Quote.objects.public().attributed().speakers()
    if query:
        aliases = PersonAlias.objects.filter(name__icontains=query).values("person_id")
        people = people.filter(Q(name__icontains=query) | Q(pk__in=aliases))
    page = paginate(request, people)
    return render(request, "quotes/voice_index.html", {"page": page, "query": query})


def voice_detail(request, slug):
    """Every public quote by one person, newest first, each linking into its story."""
    person = get_object_or_404(Person, slug=slug)
    depends_on(page_tags.voices_of(person.pk), page_tags.ARTICLES)
    page = paginate(request, Quote.objects.public().attributed().by_speaker(person))
    if not page.paginator.count:
        raise Http404("Nobody by that name is quoted on this site.")
    return render(request, "quotes/voice_detail.html", {"person": person, "page": page})
