"""Writing redirects: chains collapse, loops are refused, live pages win.

Every write of a Redirect goes through save_redirect(), by the admin and by
the signal handlers alike, so the rows keep one shape: each points at a final
target, never at another row's old address. A reader then makes one hop
however many times a story was renamed (A→B, then B→C: A→C and B→C).
"""

from django.db import transaction

from . import paths
from .models import Redirect


class RedirectLoop(ValueError):
    """The target leads back to the old address."""


def final_target(target):
    """Where a target ends up: its own redirect's target, or itself."""
    path = paths.site_path(target)
    onward = Redirect.objects.target_for(path) if path else None
    return onward or target


def leads_back(*, old_path, new_path):
    """Whether redirecting old_path to new_path would send readers round a loop."""
    return paths.site_path(final_target(new_path)) == old_path


@transaction.atomic
def save_redirect(*, redirect):
    """Save a redirect (new or changed) pointing at its final target.

    Redirects that pointed at its old address are moved to the same target,
    so none of them now takes two hops.
    """
    target = final_target(redirect.new_path)
    if paths.site_path(target) == redirect.old_path:
        raise RedirectLoop(f"{redirect.new_path} leads back to {redirect.old_path}.")
    # One by one, not update(): each saves, so each purges its cached 301.
    earlier = Redirect.objects.pointing_at(redirect.old_path).exclude(pk=redirect.pk)
    for row in earlier:
        row.new_path = target
        row.save(update_fields=["new_path"])
    redirect.new_path = target
    redirect.save()
    return redirect


def record_move(*, old_path, new_path):
    """A live address changed (a new slug): the old one redirects to the new."""
    redirect = Redirect.objects.filter(old_path=old_path).first()
    redirect = redirect or Redirect(old_path=old_path)
    redirect.new_path, redirect.kind = new_path, Redirect.Kind.AUTOMATIC
    return save_redirect(redirect=redirect)


def release(*, addresses):
    """A live page takes these addresses (back): no redirect may stand in front of it.

    A story renamed A→B and back again left A→B behind: served from the page
    cache before Django, it would send readers from A to B and B back to A.
    """
    # delete() on the queryset still sends post_delete per row: each purges.
    Redirect.objects.filter(old_path__in=addresses).delete()
