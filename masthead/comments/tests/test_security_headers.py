"""The headers that make an injected script useless even if one got through."""

import subprocess
import sys

import pytest

from masthead.testing import make_article


@pytest.mark.django_db
def test_article_page_sends_a_strict_csp_and_companion_headers(client):
    response = client.get(make_article().get_absolute_url())
    csp = response["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in csp.split(";") if part.strip()
    )
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_production_cookies_are_secure_and_httponly(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY)"
    )
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
           "MASTHEAD_VAR_DIR": str(tmp_path), "SECRET_KEY": "x" * 50,
           "MASTHEAD_ALLOW_CONSOLE_EMAIL": "1",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}"}
    result = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + code],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.stdout.split() == ["True", "True", "True"], result.stderr


@pytest.mark.django_db
def test_remember_me_cookie_follows_the_secure_setting(client, settings):
    from .test_comment_flow import post

    settings.SESSION_COOKIE_SECURE = True
    post(client, make_article(), remember="on")
    assert client.cookies["masthead_commenter"]["secure"]
