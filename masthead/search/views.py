from django.shortcuts import render

from masthead.pagecache import tags as page_tags
from masthead.pagecache.dependencies import depends_on

from . import backends
from .forms import SearchForm


def search(request):
    """Results for ?q= with its filters; an empty or unusable query shows the form."""
    depends_on(page_tags.SEARCH_RESULTS, page_tags.ARTICLES)
    form = SearchForm(request.GET)
    page = None
    if form.is_valid() and form.cleaned_data["q"]:
        page = backends.search(
            form.cleaned_data["q"],
            filters=form.filters(),
            page_number=request.GET.get("page"),
        )
    status = 400 if form.errors else 200
    return render(
        request,
        "search/results.html",
        {"form": form, "page": page, "query_string": query_string(request)},
        status=status,
    )


def query_string(request):
    """The current query and filters without the page number, for page links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
