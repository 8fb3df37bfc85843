"""Make an HTML fragment's site-relative links absolute, for readers off the site.

A feed reader shows a story outside our pages, where "/tags/budget/" points
nowhere. The body HTML comes from our sanitizer, which always writes attributes
double-quoted, so a pattern over href/src is enough (no HTML parser needed).
"""

import re

# href="/x" or src="/x", but not protocol-relative "//host/x".
_RELATIVE = re.compile(r'\b(href|src)="(/(?!/)[^"]*)"')


def absolute_links(html, origin):
    """Prefix root-relative href/src values with origin ("https://news.example")."""
    origin = origin.rstrip("/")
    return _RELATIVE.sub(lambda m: f'{m.group(1)}="{origin}{m.group(2)}"', html)
