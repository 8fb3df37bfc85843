"""The admin login asks enrolled staff for a code (accounts/forms.py)."""

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import totp

from masthead.accounts import throttle, twofactor

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-editor-passphrase"


@pytest.fixture
def enrolled():
    user = get_user_model().objects.create_user(
        "ed", "ed@example.org", PASSWORD, is_staff=True
    )
    device = twofactor.pending_app(user)
    codes = twofactor.confirm_app(device, f"{totp(device.bin_key):06d}")
    return user, device, codes


def log_in(client, code=""):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "ed", "password": PASSWORD, "otp_token": code},
    )


def test_the_login_page_has_a_code_field(client):
    page = client.get("/admin/login/")
    assert (
        'name="otp_token"' in page.text and 'autocomplete="one-time-code"' in page.text
    )


def test_the_right_password_without_a_code_is_refused(client, enrolled):
    response = log_in(client)
    assert response.status_code == 200
    assert "current authentication code" in response.text
    assert "_auth_user_id" not in client.session


def test_the_right_code_signs_in_and_verifies_the_session(client, enrolled):
    _, device, _ = enrolled
    # the enrolment used this time step's code: django-otp accepts each once
    device.refresh_from_db()
    device.last_t = -1
    device.save()
    assert log_in(client, f"{totp(device.bin_key):06d}").status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_signs_in(client, enrolled):
    _, _, codes = enrolled
    assert log_in(client, codes[3]).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_wrong_codes_count_towards_the_lockout(client, enrolled):
    for _ in range(5):
        log_in(client, "000000x")
    assert throttle.refusal_for(username="ed", ip="127.0.0.1") is not None


def test_staff_without_two_factor_sign_in_with_a_password(client):
    get_user_model().objects.create_user(
        "ed", "ed@example.org", PASSWORD, is_staff=True
    )
    assert log_in(client).status_code == 302
