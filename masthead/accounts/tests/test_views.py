"""Every staff login path is throttled over HTTP (issue 21, items 1 and 3)."""

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from masthead.accounts import throttle

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/?next=/admin/"
RIGHT = "the-right-password-42"


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(
        "editor", "editor@ledger.example", RIGHT, is_staff=True
    )


def log_in(client, password, username="editor", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def test_the_sixth_failure_is_refused_with_429_and_the_right_password_too(
    client, editor, settings
):
    settings.MASTHEAD_LOGIN_LOCKOUT_SECONDS = 2
    for _ in range(5):
        response = log_in(client, "wrong")
        assert response.status_code == 200  # an ordinary wrong password
        assert "Please enter the correct username and password" in response.text
    sixth = log_in(client, "wrong")
    assert sixth.status_code == 429
    assert "Too many failed attempts" in sixth.text and "Try again after" in sixth.text
    assert 1 <= int(sixth["Retry-After"]) <= 2
    refused = log_in(client, RIGHT)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session

    time.sleep(2.1)  # the lock has passed
    accepted = log_in(client, RIGHT)
    assert accepted.status_code == 302 and accepted["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_the_lock_holds_from_another_address_and_another_client(client_factory, editor):
    for _ in range(5):
        log_in(client_factory(), "wrong", REMOTE_ADDR="192.0.2.10")
    assert (
        log_in(client_factory(), RIGHT, REMOTE_ADDR="198.51.100.3").status_code == 429
    )


def test_twenty_failures_from_one_address_lock_it_for_every_account(client, editor):
    for n in range(20):
        assert log_in(client, "wrong", username=f"guess-{n}").status_code == 200
    assert log_in(client, RIGHT).status_code == 429
    assert log_in(client, RIGHT, REMOTE_ADDR="198.51.100.3").status_code == 302


def test_a_successful_login_resets_the_count(client_factory, editor):
    for _ in range(4):
        log_in(client_factory(), "wrong")
    assert log_in(client_factory(), RIGHT).status_code == 302
    for _ in range(4):
        log_in(client_factory(), "wrong")
    assert log_in(client_factory(), RIGHT).status_code == 302


def test_the_lockout_page_does_not_say_whether_the_account_exists(client, editor):
    for username in ("editor", "nobody-here"):
        for _ in range(6):
            response = log_in(client, "wrong", username=username)
        assert response.status_code == 429
    assert "editor@ledger.example" not in response.text


def test_reader_pages_never_touch_the_throttle(client, monkeypatch):
    """The counters are read only by login paths: a reader's page costs no
    query and no cache read for them."""

    def explode(*args, **kwargs):
        raise AssertionError("the throttle ran on a reader's page")

    monkeypatch.setattr(throttle, "_cache", explode)
    assert client.get("/").status_code == 200
    assert client.get("/search/?q=vote").status_code == 200


# Password reset (item 3)


def request_reset(client, email, **extra):
    return client.post("/admin/password_reset/", {"email": email}, **extra)


def test_the_login_page_links_to_password_reset(client):
    assert 'href="/admin/password_reset/"' in client.get(LOGIN).text


def test_reset_is_answered_alike_whether_or_not_the_address_exists(client, editor):
    known, unknown = (
        request_reset(client, "editor@ledger.example"),
        request_reset(client, "stranger@example.org"),
    )
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/admin/password_reset/done/"
    assert [m.to for m in mail.outbox] == [["editor@ledger.example"]]


def test_a_reset_link_sets_a_new_password_once(client, editor):
    request_reset(client, "editor@ledger.example")
    link = re.search(r"https?://testserver(/admin/reset/\S+/)", mail.outbox[0].body)[1]
    form = client.get(link, follow=True)
    assert form.status_code == 200 and "new_password1" in form.text
    done = client.post(
        form.redirect_chain[-1][0],
        {
            "new_password1": "a-brand-new-passphrase",
            "new_password2": "a-brand-new-passphrase",
        },
    )
    assert done["Location"] == "/admin/reset/done/"
    editor.refresh_from_db()
    assert editor.check_password("a-brand-new-passphrase")
    assert "invalid" in client.get(link, follow=True).text.lower()  # used up


def test_reset_requests_are_throttled_per_address_typed(client, editor):
    for _ in range(5):
        assert request_reset(client, "editor@ledger.example").status_code == 302
    refused = request_reset(client, "editor@ledger.example")
    assert refused.status_code == 429 and "Try again after" in refused.text
    assert len(mail.outbox) == 5
    assert request_reset(client, "other@example.org").status_code == 302


def test_reset_form_carries_a_csrf_token(client):
    assert "csrfmiddlewaretoken" in client.get("/admin/password_reset/").text


# Two-factor set-up (item 2)


def current_code(secret):
    from base64 import b32decode

    from django_otp.oath import totp

    return f"{totp(b32decode(secret)):06d}"


def test_setting_up_an_app_shows_a_qr_code_then_recovery_codes_once(client, editor):
    client.force_login(editor)
    page = client.get("/admin/two-factor/")
    assert 'src="data:image/svg+xml' in page.text
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page.text)[1]
    wrong = client.post("/admin/two-factor/", {"code": "12345x"})
    assert "Enter the six digits the app shows." in wrong.text
    done = client.post("/admin/two-factor/", {"code": current_code(secret)})
    assert done.text.count("<li><code>") == 10
    again = client.get("/admin/two-factor/")
    assert "Two-factor sign-in is on" in again.text and "<li><code>" not in again.text
    assert "10 recovery codes left." in again.text


def test_the_two_factor_page_is_for_staff_only(client):
    assert client.get("/admin/two-factor/")["Location"].startswith("/admin/login/")
