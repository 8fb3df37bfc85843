from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404


def paginate(request, queryset, per_page=None):
    """The requested page of a listing; a page that does not exist is a 404."""
    paginator = Paginator(queryset, per_page or settings.MASTHEAD_PAGE_SIZE)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as err:
        raise Http404(str(err)) from err
