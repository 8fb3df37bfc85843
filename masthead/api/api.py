"""The public API: read endpoints for everyone, writes for editors with tokens.

Built on django-ninja, which validates input with pydantic and generates the
OpenAPI 3 schema served at /api/schema. Every listing is cursor-paginated and
served in a fixed number of queries; GET answers carry an ETag and honour
If-None-Match. Writes to an article honour If-Match (issue 20).
"""

import hashlib

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.cache import get_conditional_response
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from . import services
from .cursors import BadCursor

DESCRIPTION = (
    "Published articles, sections, tags, authors and approved comments, and "
    "comment submission, as JSON. Editors write with a personal token sent as "
    "“Authorization: Bearer <token>”."
)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`, checked against the stored hash."""

    def authenticate(self, request, token):
        return services.authenticate(token)


class MastheadAPI(NinjaAPI):
    def create_response(self, request, data, *, status=200, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        digest = hashlib.sha1(response.content).hexdigest()
        version = getattr(response, "article_version", None)
        if version and response.status_code in (200, 201):
            # An article's ETag leads with its id and version, which If-Match
            # compares (services.check_version); the digest keeps 304s exact.
            response["ETag"] = f'"{version}.{digest}"'
        elif request.method in ("GET", "HEAD") and response.status_code == 200:
            response["ETag"] = f'"{digest}"'
        if request.method in ("GET", "HEAD") and response.has_header("ETag"):
            response = get_conditional_response(
                request, etag=response["ETag"], response=response
            )
        return response


api = MastheadAPI(
    title="Masthead API",
    version="1",
    description=DESCRIPTION,
    openapi_url="/schema",
    docs_url=None,  # our own page, served without JavaScript or a CDN (views.docs)
    urls_namespace="api",
)


def error(request, status, detail, errors=None):
    return api.create_response(
        request, {"detail": detail, "errors": errors or {}}, status=status
    )


@api.exception_handler(NinjaValidationError)
def invalid_input(request, exc):
    errors = {}
    for problem in exc.errors:
        location = [
            str(part)
            for part in problem.get("loc", ())
            if part not in ("body", "query", "path", "payload")
        ]
        field = ".".join(location) or "request"
        errors.setdefault(field, []).append(
            sentence(problem.get("msg", "Invalid value"))
        )
    return error(
        request,
        400,
        "The request was not valid: please correct the fields named.",
        errors,
    )


def sentence(message):
    message = str(message).strip()
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    response = error(
        request, 401, "Send a valid API token as “Authorization: Bearer <token>”."
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return error(request, 403, str(exc) or "You may not do that.")


@api.exception_handler(Http404)
def not_found(request, exc):
    return error(request, 404, "Not found.")


@api.exception_handler(BadCursor)
def bad_cursor(request, exc):
    return error(
        request,
        400,
        "This cursor is not valid here: start again without one.",
        {"cursor": ["This cursor was not issued for this listing."]},
    )


@api.exception_handler(services.Refused)
def refused(request, exc):
    return error(request, exc.status, exc.message, exc.errors)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return error(request, exc.status_code, str(exc))


from . import endpoints  # noqa: E402,F401  (registers the routes on `api`)

__all__ = ["api", "TokenAuth", "error"]
