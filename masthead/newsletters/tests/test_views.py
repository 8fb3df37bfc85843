"""The readers' pages: sign-up (origin-checked, flood-controlled), the signed
links, the archive; and no address in any public output."""

import re

import pytest
from django.core import mail

from masthead.newsletters import confirmations, editions, services, tokens
from masthead.newsletters.models import Edition, Subscriber, Subscription
from masthead.testing import make_article, make_newsletter

pytestmark = pytest.mark.django_db
SAME_ORIGIN = {"Origin": "http://testserver"}


@pytest.fixture
def briefing(site):
    return make_newsletter("Morning Briefing", slug="briefing")


def sign_up(client, email, newsletter, **headers):
    return client.post(
        "/newsletters/signup/",
        {"email": email, "newsletters": [newsletter.pk]},
        headers={**SAME_ORIGIN, **headers},
    )


def test_a_sign_up_redirects_to_the_same_page_whether_or_not_the_address_is_known(
    client, briefing, settings
):
    settings.MASTHEAD_NEWSLETTER_FLOOD_SECONDS = 0
    first = sign_up(client, "ada@example.com", briefing)
    again = sign_up(client, "ada@example.com", briefing)
    assert first.status_code == again.status_code == 303
    assert first["Location"] == again["Location"] == "/newsletters/thanks/"
    assert Subscriber.objects.count() == 1
    page = client.get("/newsletters/thanks/")
    assert page.status_code == 200 and b"ada@example.com" not in page.content


def test_a_known_address_is_told_by_email_what_it_already_receives(client, briefing):
    subscriber = services.sign_up(email="ada@example.com", newsletters=[briefing])
    services.confirm(subscriber=subscriber)
    confirmations.send_due()
    services.sign_up(email="ada@example.com", newsletters=[briefing])
    mail.outbox.clear()
    confirmations.send_due()
    [message] = mail.outbox
    assert "You already receive: Morning Briefing" in message.body


def test_a_cross_site_sign_up_is_refused(client, briefing):
    response = sign_up(
        client, "ada@example.com", briefing, Origin="https://evil.example"
    )
    assert response.status_code == 403
    assert not Subscriber.objects.exists()


def test_a_bad_address_comes_back_with_the_reason_and_what_was_typed(client, briefing):
    response = sign_up(client, "ada@@example", briefing)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please enter a valid email address" in html
    assert 'value="ada@@example"' in html
    assert re.search(
        rf'value="{briefing.pk}" id="page-list-{briefing.pk}" checked', html
    )


def test_a_header_injection_attempt_is_refused_as_an_address(client, briefing):
    response = sign_up(client, "ada@example.com\r\nBcc: all@example.com", briefing)
    assert response.status_code == 400
    assert not Subscriber.objects.exists()


def test_a_sign_up_flood_gets_429(client, briefing, settings):
    settings.MASTHEAD_NEWSLETTER_FLOOD_SECONDS = 60
    assert sign_up(client, "ada@example.com", briefing).status_code == 303
    response = sign_up(client, "grace@example.com", briefing)
    assert response.status_code == 429
    assert response["Retry-After"]
    assert "too quickly" in response.content.decode()


def test_the_honeypot_answers_like_a_sign_up_and_stores_nothing(client, briefing):
    response = client.post(
        "/newsletters/signup/",
        {
            "email": "bot@example.com",
            "newsletters": [briefing.pk],
            "homepage": "http://spam.example",
        },
        headers=SAME_ORIGIN,
    )
    assert response.status_code == 303
    assert not Subscriber.objects.exists()


def test_a_confirm_link_shows_a_button_and_the_post_confirms(client, briefing):
    subscriber = services.sign_up(email="ada@example.com", newsletters=[briefing])
    path = f"/newsletters/confirm/{tokens.confirm_token(subscriber)}/"
    page = client.get(path)
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    assert Subscription.objects.get().status == "pending"
    assert client.post(path).status_code == 200
    assert Subscription.objects.get().status == "active"
    assert client.get("/newsletters/confirm/forged/").status_code == 400


def test_the_manage_page_changes_lists_from_its_signed_link(client, briefing):
    breaking = make_newsletter("Breaking news")
    subscriber = services.sign_up(email="ada@example.com", newsletters=[briefing])
    services.confirm(subscriber=subscriber)
    path = f"/newsletters/manage/{tokens.manage_token(subscriber.pk, subscriber.key)}/"
    page = client.get(path).content.decode()
    assert "Morning Briefing" in page and "ada@example.com" not in page
    response = client.post(path, {"newsletters": [breaking.pk]}, headers=SAME_ORIGIN)
    assert response.status_code == 200
    statuses = dict(subscriber.subscriptions.values_list("newsletter_id", "status"))
    assert statuses == {briefing.pk: "unsubscribed", breaking.pk: "pending"}


def test_the_one_click_post_needs_no_origin_and_the_get_changes_nothing(
    client, briefing
):
    subscriber = services.sign_up(email="ada@example.com", newsletters=[briefing])
    services.confirm(subscriber=subscriber)
    token = tokens.unsubscribe_token(subscriber.pk, subscriber.key, briefing.pk)
    path = f"/newsletters/unsubscribe/{token}/"
    assert client.get(path).status_code == 200
    assert Subscription.objects.get().status == "active"
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert Subscription.objects.get().status == "unsubscribed"


def test_the_archive_shows_sent_editions_and_never_an_address(client, briefing):
    subscriber = services.sign_up(email="ada@example.com", newsletters=[briefing])
    services.confirm(subscriber=subscriber)
    sent = Edition.objects.create(
        newsletter=briefing,
        subject="Monday briefing",
        intro="Hello **readers**.",
        status="scheduled",
    )
    sent.edition_stories.create(article=make_article(title="Mill reopens"))
    draft = Edition.objects.create(newsletter=briefing, subject="Secret draft")
    editions.start(sent.pk)
    listing = client.get("/newsletters/briefing/").content.decode()
    assert "Monday briefing" in listing and "Secret draft" not in listing
    page = client.get(sent.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200 and "Mill reopens" in html
    assert "<strong>readers</strong>" in html
    assert client.get(f"/newsletters/briefing/{draft.pk}/").status_code == 404
    for path in ["/newsletters/", "/newsletters/briefing/", sent.get_absolute_url()]:
        assert "ada@example.com" not in client.get(path).content.decode(), path
