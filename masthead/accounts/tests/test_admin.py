"""Staff see lockouts and lift them in the admin (issue 21, item 1)."""

import pytest
from django.contrib.auth import get_user_model

from masthead.accounts import throttle
from masthead.accounts.models import Lockout

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    boss = get_user_model().objects.create_superuser(
        "boss", "boss@ledger.example", "pw"
    )
    client.force_login(boss)
    return client


def lock_out(username="editor"):
    for _ in range(5):
        throttle.record_failure(username=username, ip="192.0.2.1")


def test_lockouts_in_force_are_listed_with_when_they_end(admin_client):
    lock_out()
    page = admin_client.get("/admin/accounts/lockout/?active=yes")
    assert page.status_code == 200
    assert "editor" in page.text and "Locked until" in page.text


def test_clearing_a_lockout_lets_the_account_in_at_once(admin_client):
    lock_out()
    lockout = Lockout.objects.get()
    response = admin_client.post(
        "/admin/accounts/lockout/",
        {"action": "clear_lockouts", "_selected_action": [lockout.pk]},
        follow=True,
    )
    assert "1 lockout(s) cleared." in response.text
    assert throttle.refusal_for(username="editor", ip=None) is None
    lockout.refresh_from_db()
    assert lockout.cleared_by.username == "boss" and not lockout.is_active
    assert (
        admin_client.get("/admin/accounts/lockout/?active=yes").text.count(
            "field-identifier"
        )
        == 0
    )


def test_lockouts_cannot_be_added_by_hand(admin_client):
    assert admin_client.get("/admin/accounts/lockout/add/").status_code == 403
