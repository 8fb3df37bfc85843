"""One JSON line per request, with a request id, in production (issue 24, item 7).

`RequestLog` is a WSGI layer outside everything else (masthead/wsgi.py), so
pages the page cache's fast path answers are logged like the rest. Each
request gets an id: the `X-Request-ID` a proxy or load balancer sent (when it
looks like one), or a new one; it goes back in the response's `X-Request-ID`,
to Django as `request.META["HTTP_X_REQUEST_ID"]`, and onto every log line
written while the request runs, so an error's traceback and its request's
line share it.

The path is logged without its query string: signed links (unsubscribe,
previews, confirmations) carry their tokens there. The standard library's
logging does it all; python-json-logger or structlog would add a dependency
for a formatter of twenty lines.
"""

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

log = logging.getLogger("masthead.requests")
request_id = contextvars.ContextVar("request_id", default=None)
# What a request id from outside may look like: a UUID, a trace id, a ULID.
ACCEPTED_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
# Attributes every LogRecord has; anything else was passed in `extra`.
STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message"}


def incoming_id(environ):
    sent = environ.get("HTTP_X_REQUEST_ID", "")
    return sent if ACCEPTED_ID.fullmatch(sent) else uuid.uuid4().hex


class RequestLog:
    """WSGI middleware: a request id on every request, and a log line after it."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        rid = environ["HTTP_X_REQUEST_ID"] = incoming_id(environ)
        token = request_id.set(rid)
        seen = {}

        def start_response_with_id(status, headers, exc_info=None):
            seen["status"] = int(status[:3])
            headers.append(("X-Request-ID", rid))
            return start_response(status, headers, exc_info)

        try:
            return self.application(environ, start_response_with_id)
        finally:
            if log.isEnabledFor(logging.INFO):
                log.info("%s %s %s", environ.get("REQUEST_METHOD"),
                         environ.get("PATH_INFO"), seen.get("status", 500), extra={
                    "method": environ.get("REQUEST_METHOD"),
                    "path": environ.get("PATH_INFO", ""),
                    "status": seen.get("status", 500),  # the app raised: a 500
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                })  # fmt: skip
            request_id.reset(token)


class JsonFormatter(logging.Formatter):
    """Each record as one JSON object: time, level, logger, message, request id,
    the fields passed in `extra`, and the traceback if there is one."""

    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        rid = request_id.get()
        if rid:
            line["request_id"] = rid
        # Plain values only: django.request passes the request object, whose
        # text would carry the query string and its tokens.
        line.update(
            (key, value) for key, value in vars(record).items()
            if key not in STANDARD and isinstance(value, (str, int, float, bool))
        )
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)
