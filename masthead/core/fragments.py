"""Template fragments whose whole input is a few plain values, rendered once each.

The share bar, the feed links and an article's social and structured-data tags
are the same markup every time their values are the same. The values are the
memo's key, so a changed headline or URL renders afresh: nothing can be stale.
Every value must be hashable (tuples, not lists).
"""

from collections import OrderedDict
from functools import lru_cache

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe


def render_once(template_name, **context):
    return _rendered(template_name, tuple(sorted(context.items())))


@lru_cache(maxsize=2048)
def _rendered(template_name, items):
    return render(template_name, **dict(items))


def render(template_name, **context):
    # Jinja2 templates return plain strings; the markup is ours and escaped.
    return mark_safe(render_to_string(template_name, context))  # noqa: S308


class Memo:
    """A bounded map from a fragment's whole input to its markup, oldest out first.

    For fragments built from model rows rather than plain values: the caller
    names, as the key, every value the markup shows.
    """

    def __init__(self, size):
        self._items = OrderedDict()
        self._size = size

    def get(self, key, build):
        try:
            return self._items[key]
        except KeyError:
            pass
        value = self._items[key] = build()
        while len(self._items) > self._size:
            self._items.popitem(last=False)
        return value
