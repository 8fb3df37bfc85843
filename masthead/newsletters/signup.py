"""The sign-up form on every page, at no cost to the page (issue 23).

Every reader gets the same bytes (no token: the post is origin-checked,
core/csrf.py), so pages stay cacheable. The public lists are kept until the
next purge, and the markup is a fragment keyed by them (core/fragments.py):
a page view builds nothing and reads nothing for it. Saving a newsletter
purges the pages (signal_handlers.py).

The lists are kept whether or not MASTHEAD_ROW_MEMO is on: the form is on
every page, and the pinned query counts of every page (articles, quotes,
feeds tests) would otherwise each grow by one with the memo off.
"""

from dataclasses import dataclass

from masthead.core.fragments import Fragment
from masthead.core.links import url
from masthead.pagecache import tags as page_tags
from masthead.pagecache.dependencies import depends_on
from masthead.pagecache.memo import UntilPurge

from .models import Newsletter


@dataclass(frozen=True)
class ListChoice:
    pk: int
    name: str
    description: str


def public_lists():
    """The lists a sign-up form offers, as frozen values."""

    def build():
        depends_on(page_tags.NEWSLETTERS)
        return tuple(
            ListChoice(pk, name, description)
            for pk, name, description in Newsletter.objects.public().values_list(
                "pk", "name", "description"
            )
        )

    return KEPT.get("public lists", build)


def signup_form(place="footer"):
    """The form's markup: ``place`` is "footer" (every page) or "article"."""
    lists = public_lists()
    if not lists:
        return ""
    return SIGNUP_FORM(lists=lists, place=place, action=url("newsletters:signup"))


SIGNUP_FORM = Fragment(
    "newsletters/signup_form.html", fields=("lists", "place", "action"), size=16
)
KEPT = UntilPurge(size=4, always=True)
