"""A media store that does not answer is a 503 saying so, not a 500 (issue 24,
item 8).

Found by bench/faults.py's s3 fault: with the bucket stopped, every upload
through the admin was a 500 and a traceback. The image form now asks the store
first and comes back with what was typed (media/forms.py); this catches what
that check cannot see, a store that fails between the check and the write
(a server stopping or starting answers HeadBucket and then 500s a PutObject).
The admin saves in a transaction, so the row went with the file: nothing is
half-stored. The reason goes to the log, never to the response.
"""

import logging

from botocore.exceptions import ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as StoreConnectionError
from django.http import HttpResponse

log = logging.getLogger(__name__)

PAGE = (
    "<!doctype html><title>Media store unavailable</title>"
    "<h1>The media store does not answer</h1>"
    "<p>The picture could not be stored, so nothing was saved. Go back, and "
    "save again in a minute.</p>"
)
RETRY_AFTER = "30"  # seconds: a store restarting answers again in well under a minute


class StorageOutageMiddleware:
    """Turns a media store's outage, raised by any view, into a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_outage(exception):
            return None  # a bug or a misconfiguration: Django's 500, as before
        log.warning("media store did not answer: %s", exception)
        response = HttpResponse(PAGE, status=503)
        response["Retry-After"] = RETRY_AFTER
        response["Cache-Control"] = "no-store"
        return response


def is_outage(exception):
    """No connection, a dropped or timed-out one, or the store's own 5xx; a
    refusal (403, 404: keys or bucket wrong) is not an outage."""
    if isinstance(exception, StoreConnectionError | HTTPClientError):
        return True
    if isinstance(exception, ClientError):
        status = exception.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        return (status or 0) >= 500
    return False
