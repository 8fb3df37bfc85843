"""Make an HTML fragment's site-relative links absolute, for readers off the site.

A feed reader shows a story outside our pages, where "/tags/budget/" points
nowhere. The body HTML comes from our sanitizer, which always writes attributes
double-quoted, so a pattern over href/src is enough (no HTML parser needed).
"""

import re

# href="/x" or src="/x", but not protocol-relative "//host/x".
_RELATIVE = re.compile(r'\b(href|src)="(/(?!/)[^"]*)"')
# srcset="/a.webp 320w, /b.webp 640w": a list of URLs, each with its width.
_SRCSET = re.compile(r'\bsrcset="([^"]*)"')
_SRCSET_URL = re.compile(r"(^|,\s*)(/(?!/))")


def absolute_links(html, origin):
    """Prefix root-relative href/src/srcset values with origin ("https://news.example")."""
    origin = origin.rstrip("/")
    html = _RELATIVE.sub(lambda m: f'{m.group(1)}="{origin}{m.group(2)}"', html)
    if "srcset=" not in html:
        return html
    return _SRCSET.sub(lambda m: f'srcset="{_absolute_srcset(m.group(1), origin)}"', html)


def _absolute_srcset(value, origin):
    return _SRCSET_URL.sub(lambda m: f"{m.group(1)}{origin}{m.group(2)}", value)
