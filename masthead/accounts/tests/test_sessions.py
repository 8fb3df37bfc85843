"""Changing a password ends the user's other sessions (issue 21, item 4).

Django stores a hash of the password in each session and drops a session
whose hash no longer matches; the admin's password form keeps the session it
was changed in. These tests hold us to that through the real views.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

pytestmark = pytest.mark.django_db
OLD, NEW = "an-old-passphrase-1", "a-new-passphrase-22"


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(
        "ed", "ed@example.org", OLD, is_staff=True
    )


def signed_in(client_factory, password=OLD):
    client = client_factory()
    assert (
        client.post(
            "/admin/login/", {"username": "ed", "password": password}
        ).status_code
        == 302
    )
    return client


def test_changing_the_password_ends_the_other_sessions_only(client_factory, editor):
    desk, laptop = signed_in(client_factory), signed_in(client_factory)
    response = desk.post(
        "/admin/password_change/",
        {"old_password": OLD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302
    assert desk.get("/admin/").status_code == 200
    assert laptop.get("/admin/")["Location"].startswith("/admin/login/")


def test_a_password_reset_ends_every_session(client_factory, editor):
    laptop = signed_in(client_factory)
    stranger = client_factory()
    stranger.post("/admin/password_reset/", {"email": "ed@example.org"})
    link = re.search(r"testserver(/admin/reset/\S+/)", mail.outbox[0].body)[1]
    form = stranger.get(link, follow=True)
    stranger.post(
        form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}
    )
    assert laptop.get("/admin/")["Location"].startswith("/admin/login/")
    signed_in(client_factory, NEW)


def test_the_user_list_shows_each_staff_members_last_login(client_factory, editor):
    boss = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    signed_in(client_factory)
    client = client_factory()
    client.force_login(boss)
    page = client.get("/admin/auth/user/")
    assert "Last login" in page.text
    ed_row = page.text.split(">ed</a>")[1].split("</tr>")[0]
    assert '<td class="field-last_login nowrap">-</td>' not in ed_row
    assert 'class="field-last_login nowrap">' in ed_row
