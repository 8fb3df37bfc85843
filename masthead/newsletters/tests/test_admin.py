"""The editors' screens, signed in as the Editor role."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from masthead.newsletters.models import Edition
from masthead.testing import make_article, make_newsletter, make_subscribers

pytestmark = pytest.mark.django_db


def staff(role, username="ed"):
    user = get_user_model().objects.create_user(
        username, f"{username}@ledger.example", "pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def edition(site):
    briefing = make_newsletter("Morning Briefing", slug="briefing")
    make_subscribers(briefing, 2)
    made = Edition.objects.create(
        newsletter=briefing, subject="Monday briefing", intro="Hello."
    )
    made.edition_stories.create(article=make_article(title="Mill reopens"))
    return made


@pytest.fixture
def editor_client(client):
    client.force_login(staff("Editor"))
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/admin/newsletters/newsletter/",
        "/admin/newsletters/subscriber/",
        "/admin/newsletters/subscriber/?suppressed_at__isempty=0",
        "/admin/newsletters/edition/",
        "/admin/newsletters/edition/add/",
    ],
)
def test_editors_open_the_newsletter_screens(editor_client, edition, path):
    assert editor_client.get(path).status_code == 200


def test_the_preview_is_the_html_exactly_as_sent(editor_client, edition):
    response = editor_client.get(f"/admin/newsletters/edition/{edition.pk}/preview/")
    html = response.content.decode()
    assert response.status_code == 200 and "Mill reopens" in html
    assert "/newsletters/unsubscribe/" in html and "MASTHEAD" not in html
    assert "'unsafe-inline'" in response["Content-Security-Policy"]
    text = editor_client.get(f"/admin/newsletters/edition/{edition.pk}/preview/text/")
    assert "Mill reopens" in text.content.decode()


def test_send_a_test_to_me_then_send_now(editor_client, edition):
    change = f"/admin/newsletters/edition/{edition.pk}/change/"
    assert "Send a test to me" in editor_client.get(change).content.decode()
    editor_client.post(f"/admin/newsletters/edition/{edition.pk}/send-test/")
    assert [m.to for m in mail.outbox] == [["ed@ledger.example"]]
    editor_client.post(f"/admin/newsletters/edition/{edition.pk}/schedule/")
    assert Edition.objects.get().status == "scheduled"
    assert (
        editor_client.get(
            f"/admin/newsletters/edition/{edition.pk}/send-test/"
        ).status_code
        == 405
    )


def test_an_author_cannot_reach_the_newsletters(client, edition):
    client.force_login(staff("Author", "writer"))
    assert client.get("/admin/newsletters/edition/").status_code == 403
    client.post(f"/admin/newsletters/edition/{edition.pk}/schedule/")
    assert Edition.objects.get().status == "draft"
