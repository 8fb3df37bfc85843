"""Template fragments whose whole input is a few plain values, rendered once each.

The share bar, the feed links and an article's social and structured-data tags
are the same markup every time their values are the same. The values are the
memo's key, so a changed headline or URL renders afresh: nothing can be stale.
Every value must be hashable (tuples, not lists).
"""

from functools import lru_cache

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe


def render_once(template_name, **context):
    return _rendered(template_name, tuple(sorted(context.items())))


@lru_cache(maxsize=2048)
def _rendered(template_name, items):
    # Jinja2 templates return plain strings; the markup is ours and escaped.
    return mark_safe(render_to_string(template_name, dict(items)))  # noqa: S308
