"""Staff sessions end after an idle time (issue 21, item 4)."""

import pytest
from django.contrib.auth import get_user_model

from masthead.accounts import middleware

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    editor = get_user_model().objects.create_user(
        "ed", "ed@example.org", "pw", is_staff=True, is_superuser=True
    )
    client.force_login(editor)
    return client


def age_session(client, seconds):
    session = client.session
    session[middleware.SEEN] -= seconds
    session.save()


def a_minute_later(client):
    """What the two-factor rule last saw is re-read after a minute."""
    session = client.session
    at, state = session[middleware.TWO_FACTOR_STATE]
    session[middleware.TWO_FACTOR_STATE] = (at - 61, state)
    session.save()


def test_an_idle_staff_session_is_signed_out(editor_client, settings):
    settings.MASTHEAD_STAFF_IDLE_SECONDS = 600
    assert editor_client.get("/admin/").status_code == 200
    age_session(editor_client, 601)
    response = editor_client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/admin/login/")
    assert "signed out after 10 idle minutes" in response.text
    assert "_auth_user_id" not in editor_client.session


def test_an_active_staff_session_stays(editor_client, settings):
    settings.MASTHEAD_STAFF_IDLE_SECONDS = 600
    editor_client.get("/admin/")
    age_session(editor_client, 599)
    assert editor_client.get("/admin/").status_code == 200
    # and that request counted as activity
    age_session(editor_client, 300)
    assert editor_client.get("/admin/").status_code == 200


def test_reader_pages_leave_the_session_alone(editor_client):
    """Outside /admin/ the middleware reads neither session nor user."""
    editor_client.get("/admin/")
    seen = editor_client.session[middleware.SEEN]
    editor_client.get("/")
    assert editor_client.session[middleware.SEEN] == seen


def test_requests_without_a_session_cookie_cost_no_query(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert client.get("/admin/login/").status_code == 200


def test_a_role_that_requires_two_factor_sends_its_members_to_enrol(editor_client):
    from django.contrib.auth.models import Group

    from masthead.accounts.models import TwoFactorRequirement

    editors = Group.objects.create(name="Desk editors")
    get_user_model().objects.get(username="ed").groups.add(editors)
    assert editor_client.get("/admin/").status_code == 200
    TwoFactorRequirement.objects.create(group=editors)
    a_minute_later(editor_client)
    response = editor_client.get("/admin/articles/article/")
    assert response.status_code == 302 and response["Location"] == "/admin/two-factor/"
    page = editor_client.get("/admin/two-factor/")
    assert "Your role requires two-factor sign-in" in page.text


def test_a_session_from_before_enrolment_must_sign_in_again(editor_client):
    from django_otp.oath import totp

    from masthead.accounts import twofactor

    user = get_user_model().objects.get(username="ed")
    device = twofactor.pending_app(user)
    twofactor.confirm_app(device, f"{totp(device.bin_key):06d}")  # from another session
    a_minute_later(editor_client)
    response = editor_client.get("/admin/")
    assert response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in editor_client.session


def test_a_new_login_meets_the_requirement_at_once(client):
    from django.contrib.auth.models import Group

    from masthead.accounts.models import TwoFactorRequirement

    editors = Group.objects.create(name="Desk editors")
    TwoFactorRequirement.objects.create(group=editors)
    user = get_user_model().objects.create_user(
        "ed", "ed@example.org", "pw", is_staff=True
    )
    user.groups.add(editors)
    client.force_login(user)
    assert client.get("/admin/")["Location"] == "/admin/two-factor/"


def test_admin_pages_pay_no_query_for_these_rules_within_the_minute(
    editor_client, django_assert_num_queries
):
    """Session and user (Django's own), and the admin index's queries:
    the idle clock and the two-factor state were set at login."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    editor_client.get("/admin/")
    with CaptureQueriesContext(connection) as first:
        editor_client.get("/admin/")
    assert not any(
        "otp_" in q["sql"] or "accounts_" in q["sql"] or "UPDATE" in q["sql"]
        for q in first.captured_queries
    )
    with django_assert_num_queries(len(first)):
        editor_client.get("/admin/")
