"""An outage is a 503 (or a 507) that says so and keeps what was typed, never
a 500 (issue 24, item 8).

Each was found by bench/faults.py:
- The s3 fault: with the bucket stopped, every upload through the admin was a
  500 and a traceback. The image form now asks the store first and comes back
  with what was typed (media/forms.py); StorageOutageMiddleware catches what
  that check cannot see, a store that fails between the check and the write
  (a server stopping or starting answers HeadBucket and then 500s a PutObject).
- The disk fault: a full local media disk (ENOSPC) failed the same way. The
  form refuses an upload there is no room for; this catches a disk that fills
  between the check and the write, as a 507 (RFC 4918: Insufficient Storage).
- The postgres fault: a staff page during the restart was a 500. Readers'
  pages come from the page cache and comment posts have their own answer
  (comments/faults.py); any other request that finds the database away gets
  `server_error`'s 503, and a form post gets back every field it sent, so an
  editor's text survives the refusal (the "a refused save keeps the editor's
  text" rule). Django calls handler500 for an exception raised anywhere, in a
  middleware too (staff sign-in reads the session and the user before any
  view), which a middleware's process_exception would not see.

The admin saves in a transaction, so a row went with its file: nothing is
half-stored. The reason goes to the log, never to the response.
"""

import errno
import logging
import sys

from botocore.exceptions import ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as StoreConnectionError
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

log = logging.getLogger(__name__)

STORE_AWAY = (
    "Media store unavailable",
    "The media store does not answer",
    "The picture could not be stored, so nothing was saved. Go back, and save "
    "again in a minute.",
)
DISK_FULL = (
    "Disk full",
    "The media disk is full",
    "The file could not be stored, so nothing was saved. Go back, and save again "
    "once the site's administrators have made room.",
)
DATABASE_AWAY = (
    "Database unavailable",
    "The database does not answer",
    "Nothing was saved. It usually answers again within seconds: go back, or "
    "reload this page, in a moment.",
)
RETRY_AFTER = {STORE_AWAY: "30", DISK_FULL: "300", DATABASE_AWAY: "5"}
STATUS = {STORE_AWAY: 503, DISK_FULL: 507, DATABASE_AWAY: 503}
# Fields never sent back in a page, even to the person who typed them.
SECRET_FIELDS = ("csrfmiddlewaretoken", "password", "token", "secret", "otp")


class StorageOutageMiddleware:
    """Turns a media store's outage or a full disk, raised by any view, into
    a 503 or 507."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_disk_full(exception):
            log.warning("media disk full: %s", exception)
            return outage_page(request, DISK_FULL)
        if is_outage(exception):
            log.warning("media store did not answer: %s", exception)
            return outage_page(request, STORE_AWAY)
        return None  # a bug or a misconfiguration: Django's 500, as before


def is_outage(exception):
    """No connection, a dropped or timed-out one, or the store's own 5xx; a
    refusal (403, 404: keys or bucket wrong) is not an outage."""
    if isinstance(exception, StoreConnectionError | HTTPClientError):
        return True
    if isinstance(exception, ClientError):
        status = exception.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        return (status or 0) >= 500
    return False


def is_disk_full(exception):
    return isinstance(exception, OSError) and exception.errno in (
        errno.ENOSPC,
        errno.EDQUOT,
    )


@requires_csrf_token
def server_error(request):
    """handler500: the database away is a 503 keeping the form; anything else
    is the usual 500 page."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return outage_page(request, DATABASE_AWAY)
    return HttpResponseServerError(loader.get_template("500.html").render())


def outage_page(request, outage):
    """The page for an outage: no database, no session, no user needed."""
    title, heading, sentence = outage
    body = loader.get_template("outage.html").render(
        {
            "title": title,
            "heading": heading,
            "sentence": sentence,
            "typed": typed_fields(request),
        }  # fmt: skip
    )
    response = HttpResponse(body, status=STATUS[outage])
    response["Retry-After"] = RETRY_AFTER[outage]
    response["Cache-Control"] = "no-store"
    return response


def typed_fields(request):
    """(name, value) for each non-empty field a form post sent, secrets left out."""
    if request.method != "POST":
        return []
    try:
        posted = request.POST
    except Exception:  # an unreadable body: there is nothing to give back
        return []
    return [
        (name, value)
        for name, values in posted.lists()
        if not any(secret in name.lower() for secret in SECRET_FIELDS)
        for value in values
        if value.strip()
    ]
