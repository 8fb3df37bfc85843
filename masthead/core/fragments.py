"""Markup built once per distinct input: the one way a fragment is memoized.

A teaser, the share bar, the feed links, a picture, an article's social and
structured-data tags, a comment: each is the same markup whenever the values
it shows are the same. A `Fragment` declares those values as its fields; its
memo key is derived from them (their values, in declared order), and its
template or build function is given those values and nothing else. So a
changed headline or URL builds afresh, and a value the markup reads without
declaring it is missing from its input, not silently left out of its key
(issue 18). `masthead/site/tests/test_fragments.py` proves, for every declared
fragment, that its template reads only declared fields (and the environment's
globals) and that changing any field changes the output.

Every value must be hashable (tuples and frozen dataclasses, not lists). A
fragment whose output also follows the active language and time zone (dates)
says so with ``localised=True``, and they join the key.

Rows kept between requests are another matter: pagecache/memo.py.
"""

from functools import lru_cache

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe


class Fragment:
    """A memoized piece of markup: ``TEASER = Fragment("includes/teaser.html",
    fields=("title", "url"))``, then ``TEASER(title=..., url=...)``."""

    declared = []  # every fragment, for the test that checks them all

    def __init__(self, template=None, *, fields, build=None, localised=False, size=2048):
        if (template is None) == (build is None):
            raise ValueError("A fragment has a template or a build function.")
        self.template, self.build, self.fields = template, build, tuple(fields)
        self.localised = localised
        self.name = template or f"{build.__module__}.{build.__qualname__}"
        self._fieldset = frozenset(self.fields)
        self._cached = lru_cache(maxsize=size)(self._render)
        Fragment.declared.append(self)

    def __call__(self, **values):
        if values.keys() != self._fieldset:
            raise TypeError(
                f"{self.name} takes exactly {sorted(self._fieldset)}, "
                f"given {sorted(values)}"
            )
        key = tuple(values[field] for field in self.fields)
        if self.localised:
            key += (translation.get_language(), timezone.get_current_timezone_name())
        return self._cached(key)

    def _render(self, key):
        values = dict(zip(self.fields, key, strict=False))  # (the locale is not one)
        if self.build is not None:
            return self.build(**values)
        return render(self.template, **values)

    def clear(self):
        self._cached.cache_clear()


def render(template_name, **context):
    # Jinja2 templates return plain strings; the markup is ours and escaped.
    return mark_safe(render_to_string(template_name, context))  # noqa: S308
