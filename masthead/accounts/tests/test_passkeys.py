"""Passkeys belong to the address the admin is reached on (accounts/passkeys.py)."""

from django.test import RequestFactory

from masthead.accounts.passkeys import PasskeyHelper, relying_party_id, relying_party_name


def test_the_relying_party_is_the_requests_own_host(settings):
    settings.ALLOWED_HOSTS = ["news.example.org", "[::1]"]
    request = RequestFactory().get("/admin/", HTTP_HOST="news.example.org:8443")
    assert relying_party_id(request) == "news.example.org"
    assert relying_party_id(RequestFactory().get("/", HTTP_HOST="[::1]:8000")) == "::1"
    settings.MASTHEAD_SITE_NAME = "The Ledger"
    assert relying_party_name(request) == "The Ledger"


def test_only_the_requests_origin_and_configured_ones_are_allowed(settings):
    settings.ALLOWED_HOSTS = ["news.example.org"]
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["https://news.example.org"]
    request = RequestFactory().get("/admin/", HTTP_HOST="news.example.org", secure=True)
    assert PasskeyHelper(request=request).get_allowed_origins() == [
        "https://news.example.org", "https://news.example.org"]
