"""Identicons drawn from a keyed hash, so an avatar never reveals an email.

Gravatar's public MD5 of the address can be reversed with a dictionary of
emails; an HMAC with the server's secret cannot.
"""

import hashlib
import hmac
from functools import lru_cache

from django.conf import settings
from django.utils.safestring import mark_safe

GRID = 5


def avatar_key(email):
    secret = settings.SECRET_KEY.encode()
    normalised = (email or "").strip().lower().encode()
    return hmac.new(secret, b"avatar:" + normalised, hashlib.sha256).hexdigest()[:16]


def identicon_cells(key):
    """A mirrored 5x5 pattern: the cells to fill, as (column, row)."""
    bits = int(key, 16)
    cells = []
    for row in range(GRID):
        for column in range((GRID + 1) // 2):
            if bits >> (row * 3 + column) & 1:
                cells.append((column, row))
                if column != GRID - 1 - column:
                    cells.append((GRID - 1 - column, row))
    return cells


def identicon_svg(email, size=48):
    return _drawn(avatar_key(email), int(size))


@lru_cache(maxsize=4096)
def _drawn(key, size):
    """The SVG for one key. Memoized: a long thread repeats the same commenters.

    Every value interpolated is an int computed here, so nothing needs escaping.
    """
    hue = int(key[-4:], 16) % 360
    squares = "".join(
        f'<rect x="{x}" y="{y}" width="1" height="1"/>' for x, y in identicon_cells(key)
    )
    return mark_safe(
        f'<svg class="avatar" width="{size}" height="{size}" viewBox="-0.5 -0.5 6 6" '
        'aria-hidden="true" focusable="false"><rect x="-0.5" y="-0.5" width="6" '
        f'height="6" fill="hsl({hue}, 40%, 92%)"/><g fill="hsl({hue}, 55%, 38%)">'
        f"{squares}</g></svg>"
    )
