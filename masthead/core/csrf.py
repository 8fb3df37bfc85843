"""CSRF protection that needs no per-reader token, for forms on cached pages.

A token in the comment form would make every article page personal and
uncacheable. Browsers tell us where a form post comes from instead: modern
ones send `Sec-Fetch-Site` and `Origin` on every POST (the approach of Go's
net/http CrossOriginProtection and OWASP's "verify origin with standard
headers"). A post that carries neither header did not come from a browser
form; it is refused only when it carries a session cookie, the ambient
authority a forged request would ride on.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt

REFUSAL = "This form was posted from another site, so it was refused. Please post it from our page."


def request_origin(request):
    return f"{request.scheme}://{request.get_host()}"


def is_trusted_origin(request, origin):
    return origin == request_origin(request) or origin in settings.CSRF_TRUSTED_ORIGINS


def is_cross_site(request):
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is not None:
        return not is_trusted_origin(request, origin)
    referer = request.headers.get("Referer")
    if referer:
        parts = urlsplit(referer)
        return not is_trusted_origin(request, f"{parts.scheme}://{parts.netloc}")
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def origin_checked(view):
    """Refuse cross-site posts by their headers instead of a token in the page."""

    @csrf_exempt
    @wraps(view)
    def checked(request, *args, **kwargs):
        if request.method == "POST" and is_cross_site(request):
            return HttpResponseForbidden(REFUSAL, content_type="text/plain; charset=utf-8")
        return view(request, *args, **kwargs)

    return checked
