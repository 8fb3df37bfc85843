"""Opaque, signed cursors over a (timestamp, id) ordering.

A cursor names the last row a client has seen, so pages stay stable while
stories are published: unlike ?page=3, nothing is skipped or shown twice.
It is signed so clients cannot craft one (and we can change its contents).
"""

from datetime import datetime

from django.core import signing
from django.db.models import Q

SALT = "masthead.api.cursor"


class BadCursor(ValueError):
    """The cursor was not made by us, or is from another listing."""


def encode(kind, row, field):
    return signing.dumps(
        [kind, getattr(row, field).isoformat(), row.pk], salt=SALT, compress=True
    )


def decode(kind, cursor):
    try:
        found, stamp, pk = signing.loads(cursor, salt=SALT)
        if found != kind:
            raise BadCursor
        return datetime.fromisoformat(stamp), int(pk)
    except (signing.BadSignature, ValueError, TypeError) as err:
        raise BadCursor from err


def after(queryset, kind, cursor, field, *, descending):
    """Rows after the cursor's row in (field, id) order."""
    if not cursor:
        return queryset
    stamp, pk = decode(kind, cursor)
    op = "lt" if descending else "gt"
    return queryset.filter(
        Q(**{f"{field}__{op}": stamp}) | Q(**{field: stamp, f"pk__{op}": pk})
    )


def page(queryset, kind, cursor, field, *, limit, descending=True):
    """(rows, next cursor or None) for one page of a (field, id)-ordered listing."""
    order = [f"-{field}", "-pk"] if descending else [field, "pk"]
    rows = list(
        after(queryset, kind, cursor, field, descending=descending).order_by(*order)[
            : limit + 1
        ]
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, encode(kind, rows[-1], field) if more else None
