"""JSON request logs with a request id (issue 24, item 7)."""

import json
import logging
import subprocess
import sys
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from masthead.core.requestlog import JsonFormatter, RequestLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def app():
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield RequestLog(WSGIHandler())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def lines():
    """What the JSON formatter writes, one parsed object per line."""
    written = []

    class Keep(logging.Handler):
        def emit(self, record):
            written.append(json.loads(self.format(record)))

    handler = Keep()
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("masthead.requests")
    logger.addHandler(handler)
    level, logger.level = logger.level, logging.INFO
    yield written
    logger.removeHandler(handler)
    logger.setLevel(level)


def call(app, path, **extra):
    environ = {"PATH_INFO": path, "HTTP_HOST": "testserver", **extra}
    setup_testing_defaults(environ)
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    b"".join(app(environ, start_response))
    return seen["status"], seen["headers"]


def test_each_request_is_one_json_line_with_its_id_and_duration(app, lines):
    status, headers = call(app, "/healthz", QUERY_STRING="token=s3cret")
    assert status.startswith("200")
    [line] = lines
    assert (
        line["request_id"] == headers["X-Request-ID"] and len(line["request_id"]) == 32
    )
    assert (line["method"], line["path"], line["status"]) == ("GET", "/healthz", 200)
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["logger"] == "masthead.requests" and line["level"] == "INFO"
    assert "s3cret" not in json.dumps(
        line
    )  # the query string (and its tokens) stays out


def test_an_incoming_request_id_is_kept_and_echoed(app, lines):
    _, headers = call(app, "/healthz", HTTP_X_REQUEST_ID="lb-7f3a.42")
    assert headers["X-Request-ID"] == "lb-7f3a.42"
    assert lines[0]["request_id"] == "lb-7f3a.42"


def test_a_request_id_that_is_not_one_is_replaced(app, lines):
    _, headers = call(app, "/healthz", HTTP_X_REQUEST_ID='x"\n{"level": "forged"}')
    assert (
        len(headers["X-Request-ID"]) == 32 and "forged" not in headers["X-Request-ID"]
    )


def test_a_404_is_logged_with_its_status(app, lines):
    status, _ = call(app, "/articles/nothing-here/")
    assert status.startswith("404") and lines[-1]["status"] == 404


def settings_logging(env_format):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
        "SECRET_KEY": "x" * 60,
        "MASTHEAD_ALLOW_CONSOLE_EMAIL": "1",
        "DATABASE_URL": "sqlite:////tmp/unused.sqlite3",
    }
    if env_format is not None:
        env["MASTHEAD_LOG_FORMAT"] = env_format
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "import json; print(json.dumps(settings.LOGGING))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_logs_json_unless_told_text():
    production = json.loads(settings_logging(None).stdout)
    assert production["handlers"]["console"]["formatter"] == "json"
    assert production["loggers"]["masthead.requests"]["level"] == "INFO"
    text = json.loads(settings_logging("text").stdout)
    assert "formatter" not in text["handlers"]["console"]


def test_a_mistyped_log_format_stops_with_a_sentence():
    result = settings_logging("jsn")
    assert result.returncode != 0
    assert "MASTHEAD_LOG_FORMAT must be text or json, not 'jsn'" in result.stderr
