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
fragment whose output follows the language and time zone (dates) declares a
``locale`` field, given `current_locale()`, and is built with that locale
active: it too is then a pure function of its fields. (Reading the active
locale costs ~13 µs, so a page reads it once for all its comments.)

Rows kept between requests are another matter: pagecache/memo.py.
"""

from functools import lru_cache
from operator import itemgetter

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe


class Fragment:
    """A memoized piece of markup: ``TEASER = Fragment("includes/teaser.html",
    fields=("title", "url"))``, then ``TEASER(title=..., url=...)``."""

    declared = []  # every fragment, for the test that checks them all

    def __init__(self, template=None, *, fields, build=None, size=2048):
        if (template is None) == (build is None):
            raise ValueError("A fragment has a template or a build function.")
        self.template, self.build, self.fields = template, build, tuple(fields)
        self.name = template or f"{build.__module__}.{build.__qualname__}"
        # The key in C: a page calls some fragments once per comment.
        self._key = itemgetter(*self.fields) if len(self.fields) > 1 else (
            lambda values, field=self.fields[0]: (values[field],)
        )
        self._cached = lru_cache(maxsize=size)(self._render)
        Fragment.declared.append(self)

    def __call__(self, **values):
        try:
            key = self._key(values)
        except KeyError:
            key = None
        if key is None or len(values) != len(self.fields):
            raise TypeError(
                f"{self.name} takes exactly {sorted(self.fields)}, given {sorted(values)}"
            )
        return self._cached(key)

    def _render(self, key):
        values = dict(zip(self.fields, key, strict=True))
        if "locale" not in values:
            return self._build(values)
        language, zone = values["locale"]
        with translation.override(language), timezone.override(zone):
            return self._build(values)

    def _build(self, values):
        if self.build is not None:
            return self.build(**values)
        return render(self.template, **values)

    def clear(self):
        self._cached.cache_clear()


def current_locale():
    """The active (language, time zone name): the value of a ``locale`` field."""
    return translation.get_language(), timezone.get_current_timezone_name()


def render(template_name, **context):
    # Jinja2 templates return plain strings; the markup is ours and escaped.
    return mark_safe(render_to_string(template_name, context))  # noqa: S308
