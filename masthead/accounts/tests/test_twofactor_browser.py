"""Two-factor sign-in end to end in Chromium: enrol, log out, log in with a code."""

from base64 import b32decode

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-editor-passphrase"


def code(secret, drift=0):
    return f"{totp(b32decode(secret), drift=drift):06d}"


def sign_in(page, url, code=""):
    page.goto(url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    if code:
        page.fill("#id_otp_token", code)
    with page.expect_navigation():
        page.click("input[type=submit]")


def test_enrol_log_out_and_log_in_with_a_code(browser, live_server):
    get_user_model().objects.create_superuser("editor", "ed@example.org", PASSWORD)
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, live_server.url)
    assert page.url == live_server.url + "/admin/"

    page.goto(live_server.url + "/admin/two-factor/")
    assert page.locator("img[alt='QR code for your authenticator app']").is_visible()
    secret = page.locator("#totp-secret").inner_text()
    page.fill("#id_code", code(secret))
    with page.expect_navigation():
        page.click("#enrol-form input[type=submit]")
    assert page.locator("#recovery-codes li").count() == 10

    with page.expect_navigation():
        page.click("#logout-form button")
    sign_in(page, live_server.url)  # the password alone is no longer enough
    assert page.url.startswith(live_server.url + "/admin/login/")
    assert "current authentication code" in page.locator(".errornote").inner_text()

    # The enrolment spent this time step's code; an app shows the next one soon
    # (django-otp accepts one step either side, each code once).
    sign_in(page, live_server.url, code(secret, drift=1))
    assert page.url == live_server.url + "/admin/"
    page.goto(live_server.url + "/admin/two-factor/")
    assert "Two-factor sign-in is on" in page.locator("#two-factor-status").inner_text()
    context.close()


def test_add_a_passkey_then_sign_in_with_it_alone(browser, live_server):
    """Chromium's virtual authenticator stands in for a phone's passkey."""
    from playwright.sync_api import expect

    get_user_model().objects.create_superuser("editor", "ed@example.org", PASSWORD)
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True,
        "automaticPresenceSimulation": True}})
    sign_in(page, live_server.url)
    page.goto(live_server.url + "/admin/two-factor/")
    page.click("#passkey-register-button")
    expect(page.locator("#passkey-register-status-message")).to_contain_text(
        "Registration successful!", timeout=15000)
    page.goto(live_server.url + "/admin/two-factor/")
    assert "1 passkey." in page.locator("#passkey-count").inner_text()

    with page.expect_navigation():
        page.click("#logout-form button")
    page.goto(live_server.url + "/admin/login/")
    with page.expect_navigation(url=live_server.url + "/admin/"):
        page.click("#passkey-verification-button")
    page.goto(live_server.url + "/admin/two-factor/")
    assert "Two-factor sign-in is on" in page.locator("#two-factor-status").inner_text()
    context.close()
