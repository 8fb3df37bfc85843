"""What an old address and a redirect's target may be: string rules, no Django.

An old address is matched against ``request.path``, which Django has already
percent-decoded, so it is kept decoded; a target is sent as typed (Django
encodes it for the Location header).
"""

from urllib.parse import unquote, urlsplit, urlunsplit


class PathError(ValueError):
    """Input refused, with a sentence for the editor and a code for tests."""

    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


def clean_old_path(value):
    """The old address as stored, or PathError."""
    value = _required(value)
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or value.startswith("//"):
        raise PathError(
            "Give the old address as a path on this site, without https:// or a "
            "host name: /articles/old-slug/.",
            "host",
        )
    if not value.startswith("/"):
        raise PathError('A path starts with "/": /articles/old-slug/.', "relative")
    if "?" in value or "#" in value:
        raise PathError(
            "Leave out the query string and #fragment: an old address is matched "
            "on its path alone, and a query string is passed on.",
            "query",
        )
    decoded = unquote(value)
    _refuse_blanks(decoded)
    return decoded


def clean_target(value):
    """The target as stored: a path on this site or an https:// address."""
    value = _required(value)
    _refuse_blanks(value)
    # A backslash or a second slash would send browsers to another host:
    # "/\evil.example" and "//evil.example" are not paths on this site.
    if "\\" in value:
        raise PathError("A backslash has no place in an address.", "target")
    if value.startswith("/") and not value.startswith("//"):
        return value
    parts = urlsplit(value)
    if parts.scheme == "https" and parts.hostname and "@" not in parts.netloc:
        return value
    if parts.scheme == "http":
        raise PathError("Use an https:// address, not plain http.", "http")
    raise PathError(
        'Redirect to a path on this site ("/sections/city/") or to a full '
        "https:// address.",
        "target",
    )


def site_path(target):
    """The decoded path of a target on this site, or None for another site's URL."""
    if not target.startswith("/") or target.startswith("//"):
        return None
    return unquote(urlsplit(target).path)


def with_query(target, query):
    """The target carrying the request's query string, unless it has its own."""
    if not query:
        return target
    parts = urlsplit(target)
    if parts.query:
        return target
    return urlunsplit(parts._replace(query=query))


def _required(value):
    value = value.strip()
    if not value:
        raise PathError("This field is required.", "required")
    return value


def _refuse_blanks(value):
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise PathError("An address has no spaces or control characters.", "blank")
