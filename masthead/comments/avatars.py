"""Identicons drawn from a keyed hash, so an avatar never reveals an email.

Gravatar's public MD5 of the address can be reversed with a dictionary of
emails; an HMAC with the server's secret cannot.
"""

import hashlib
import hmac

from django.conf import settings
from django.utils.html import format_html, format_html_join

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
    key = avatar_key(email)
    hue = int(key[-4:], 16) % 360
    squares = format_html_join(
        "", '<rect x="{}" y="{}" width="1" height="1"/>', identicon_cells(key)
    )
    return format_html(
        '<svg class="avatar" width="{}" height="{}" viewBox="-0.5 -0.5 6 6" '
        'aria-hidden="true" focusable="false"><rect x="-0.5" y="-0.5" width="6" '
        'height="6" fill="hsl({}, 40%, 92%)"/><g fill="hsl({}, 55%, 38%)">{}</g></svg>',
        size, size, hue, hue, squares,
    )
