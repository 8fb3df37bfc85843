from django.conf import settings
from django.core.cache import caches
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.functional import cached_property

from .store import current_versions

# A listing's count is exact after every purge of its tag; this bounds how
# long an embargo lifting on its own (before the worker saves the article,
# which purges) can leave the page numbers one short.
COUNT_TIMEOUT = 60


def paginate(request, queryset, per_page=None, *, count_tag=None):
    """The requested page of a listing; a page that does not exist is a 404.

    Here, not in core, because the count is kept under a page-cache tag.

    count_tag names the page-cache tag purged whenever the listing changes
    ("articles:section:3"): the total is then kept until that purge. A section
    of 16,000 articles cost PostgreSQL 4.6 ms to count on every view.
    """
    per_page = per_page or settings.MASTHEAD_PAGE_SIZE
    if count_tag:
        paginator = TaggedCountPaginator(queryset, per_page, count_tag=count_tag)
    else:
        paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as err:
        raise Http404(str(err)) from err


class TaggedCountPaginator(Paginator):
    """A Paginator whose total is cached under its listing tag's current version."""

    def __init__(self, *args, count_tag, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_tag = count_tag

    @cached_property
    def count(self):
        version = current_versions([self.count_tag])[self.count_tag]
        cache = caches[settings.MASTHEAD_PAGE_CACHE_ALIAS]
        key = f"listing-count:{self.count_tag}:{version}"
        count = cache.get(key)
        if count is None:
            count = super().count
            cache.set(key, count, COUNT_TIMEOUT)
        return count
