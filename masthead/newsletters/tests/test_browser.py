"""Issue 23's screens in Chromium: 0 axe-core WCAG 2.1 A/AA violations on the
public sign-up and manage pages and on the editors' newsletter screens."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from masthead.core.tests.axe import violations
from masthead.newsletters import editions, services, tokens
from masthead.newsletters.models import Edition
from masthead.testing import make_article, make_image, make_newsletter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-editor-passphrase"


@pytest.fixture
def world(settings, live_server):
    settings.MASTHEAD_SITE_URL = live_server.url
    settings.MASTHEAD_NEWSLETTER_FLOOD_SECONDS = 0
    briefing = make_newsletter(
        "Morning Briefing", slug="briefing", description="The day's news at 7"
    )
    make_newsletter("Breaking news", slug="breaking")
    subscriber = services.sign_up(email="ada@example.com", newsletters=[briefing])
    services.confirm(subscriber=subscriber)
    edition = Edition.objects.create(
        newsletter=briefing,
        subject="Monday briefing",
        intro="Good **morning**.",
        status="scheduled",
    )
    story = make_article(title="Mill reopens", hero_image=make_image())
    edition.edition_stories.create(article=story)
    editions.start(edition.pk)
    return {
        "subscriber": subscriber,
        "edition": edition,
        "story": story,
        "newsletter": briefing,
    }


def public_paths(world):
    subscriber, edition = world["subscriber"], world["edition"]
    manage = tokens.manage_token(subscriber.pk, subscriber.key)
    unsubscribe = tokens.unsubscribe_token(
        subscriber.pk, subscriber.key, world["newsletter"].pk
    )
    return [
        "/",
        world["story"].get_absolute_url(),
        "/newsletters/",
        "/newsletters/thanks/",
        f"/newsletters/manage/{manage}/",
        f"/newsletters/unsubscribe/{unsubscribe}/",
        f"/newsletters/confirm/{tokens.confirm_token(subscriber)}/",
        "/newsletters/briefing/",
        edition.get_absolute_url(),
    ]


def test_public_newsletter_pages_have_no_axe_violations(browser, live_server, world):
    page = browser.new_context().new_page()
    for path in public_paths(world):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert violations(page) == [], path
    page.goto(live_server.url + "/newsletters/")
    page.fill("#page-email", "not an address")
    with page.expect_navigation():
        page.click(".signup--page button[type=submit]")
    assert "valid email address" in page.content()
    assert violations(page) == [], "the sign-up form with its errors"
    page.context.close()


def test_the_footer_form_signs_up_without_javascript(browser, live_server, world):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.fill("#signup-footer-email", "grace@example.com")
    with page.expect_navigation():
        page.click(".signup--footer button[type=submit]")
    assert page.url.endswith("/newsletters/thanks/")
    context.close()


def test_editors_newsletter_screens_have_no_axe_violations(browser, live_server, world):
    user = get_user_model().objects.create_user(
        "editor", "editor@ledger.example", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editor"))
    draft = Edition.objects.create(newsletter=world["newsletter"], subject="Tuesday")
    draft.edition_stories.create(article=world["story"])
    page = browser.new_context().new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    for path in [
        "/admin/newsletters/newsletter/",
        "/admin/newsletters/subscriber/",
        "/admin/newsletters/edition/",
        f"/admin/newsletters/edition/{draft.pk}/change/",
        f"/admin/newsletters/edition/{world['edition'].pk}/change/",
        f"/admin/newsletters/edition/{draft.pk}/preview/",
        f"/admin/newsletters/subscriber/{world['subscriber'].pk}/change/",
        "/admin/newsletters/newsletter/add/",
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert violations(page) == [], path
    page.context.close()
