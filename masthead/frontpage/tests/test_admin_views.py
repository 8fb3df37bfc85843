"""The front-page screen: who may open it, what each form does, and how a
refusal comes back (with its reason and what was typed)."""

from datetime import timedelta

import html5lib
import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django.utils import timezone

from masthead.articles.models import Article
from masthead.core.tests.nu_checker import nu_check
from masthead.frontpage.models import Banner, Pin, SectionLayout
from masthead.testing import make_article, make_section

pytestmark = pytest.mark.django_db
SCREEN = "/admin/frontpage/"


def later(**kwargs):
    """A datetime-local value, as the browser sends it."""
    moment = timezone.localtime(timezone.now() + timedelta(**kwargs))
    return moment.strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def post(client, action, **data):
    return client.post(SCREEN, {"action": action, **data})


def test_the_screen_is_for_editors(client, make_user):
    assert reverse("admin:frontpage_screen") == SCREEN
    assert client.get(SCREEN).status_code == 302  # to the login page
    client.force_login(make_user("Contributor"))
    assert client.get(SCREEN).status_code == 403
    assert (
        post(client, "pin_lead", **{"lead-story": make_article().slug}).status_code
        == 403
    )
    assert not Pin.objects.exists()
    client.force_login(make_user("Editor"))
    assert client.get(SCREEN).status_code == 200
    assert (
        'href="/admin/frontpage/">Front page</a>'
        in client.get("/admin/").content.decode()
    )


def test_the_screen_shows_the_lead_top_stories_layouts_and_banner(desk, tmp_path):
    make_section("Local News")
    lead, top = make_article(title="Budget passes"), make_article(title="Bridge opens")
    Pin.objects.create(article=lead, slot="lead")
    Pin.objects.create(article=top, slot="top")
    Banner.objects.create(
        text="Roads closed", expires_at=timezone.now() + timedelta(hours=1)
    )
    response = desk.get(SCREEN)
    html = response.content.decode()
    html5lib.HTMLParser(strict=True).parse(html)
    for shown in ("Lead: <a", "Budget passes", "Bridge opens", "Local News",
                  "Grid with pictures", "Roads closed", "Unpin the lead",
                  "Remove the banner", 'list="frontpage-stories"'):  # fmt: skip
        assert shown in html, shown
    assert nu_check({SCREEN: response.content}, tmp_path) == []


def test_an_editor_pins_a_lead_by_its_address(desk):
    story = make_article(title="Flood crest passes", slug="flood-crest")
    address = "http://testserver/articles/flood-crest/"
    response = post(
        desk, "pin_lead", **{"lead-story": address, "lead-expires_at": later(hours=3)}
    )
    assert response.status_code == 302
    pin = Pin.objects.get()
    assert (pin.article, pin.slot) == (story, "lead")
    assert abs(pin.expires_at - (timezone.now() + timedelta(hours=3))) < timedelta(
        minutes=2
    )
    html = desk.get(SCREEN).content.decode()
    assert "is pinned as the lead story" in html and "Shown" in html
    assert post(desk, "unpin", pin=pin.pk).status_code == 302
    assert not Pin.objects.exists()
    html = desk.get(SCREEN).content.decode()
    assert "Nothing pinned: the newest story leads." in html


def test_a_refused_pin_names_its_reason_and_keeps_what_was_typed(desk):
    response = post(desk, "pin_lead", **{"lead-story": "no-such-story"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "No story has the address or slug “no-such-story”." in html
    assert 'value="no-such-story"' in html
    story = make_article()
    response = post(
        desk,
        "pin_lead",
        **{"lead-story": story.slug, "lead-expires_at": later(hours=-1)},
    )
    assert "This time has passed" in response.content.decode()
    assert not Pin.objects.exists()


def test_a_pin_on_a_draft_is_kept_and_waits_for_the_story(desk):
    draft = make_article(status=Article.Status.DRAFT, title="Not yet")
    post(desk, "pin_top", **{"top-story": draft.slug})
    assert "Not shown until the story is published" in desk.get(SCREEN).content.decode()


def test_top_stories_are_reordered_by_number_or_by_up_and_down(desk):
    a, b, c = (make_article(title=t) for t in ("Alpha", "Bravo", "Charlie"))
    for story in (a, b, c):
        assert post(desk, "pin_top", **{"top-story": story.slug}).status_code == 302
    pins = {p.article.title: p.pk for p in Pin.objects.select_related("article")}

    def order():
        return list(
            Pin.objects.filter(slot="top").values_list("article__title", flat=True)
        )

    table = {f"position_{pins['Alpha']}": 3, f"position_{pins['Bravo']}": 1,
             f"position_{pins['Charlie']}": 2}  # fmt: skip
    assert post(desk, "save_top", **table).status_code == 302
    assert order() == ["Bravo", "Charlie", "Alpha"]
    table = {f"position_{pins['Bravo']}": 1, f"position_{pins['Charlie']}": 2,
             f"position_{pins['Alpha']}": 3, "move": f"{pins['Alpha']}:up"}  # fmt: skip
    assert post(desk, "save_top", **table).status_code == 302
    assert order() == ["Bravo", "Alpha", "Charlie"]
    table.update({f"position_{pins['Alpha']}": 2, f"position_{pins['Charlie']}": 3})
    table[f"remove_{pins['Bravo']}"] = "on"
    table[f"expires_{pins['Charlie']}"] = later(hours=-2)
    del table["move"]
    response = post(desk, "save_top", **table)
    assert "This time has passed" in response.content.decode()  # nothing saved
    del table[f"expires_{pins['Charlie']}"]
    post(desk, "save_top", **table)
    assert order() == ["Alpha", "Charlie"]


def test_section_layouts_are_chosen_per_section(desk):
    local, sport = make_section("Local"), make_section("Sport")
    data = {f"layout_{local.pk}": "grid", f"layout_{sport.pk}": "lead_list"}
    assert post(desk, "layouts", **data).status_code == 302
    assert SectionLayout.objects.get().layout == "lead_list"
    response = post(desk, "layouts", **{f"layout_{local.pk}": "mosaic"})
    assert "Select a valid choice" in response.content.decode()


def test_the_banner_links_a_published_story_or_an_address(desk):
    story, draft = make_article(slug="storm"), make_article(status=Article.Status.DRAFT)
    fields = {"text": "Storm warning", "expires_at": later(hours=4)}
    html = post(desk, "banner", **fields, story=draft.slug).content.decode()
    assert "is not published: readers would find nothing there" in html
    html = post(desk, "banner", **fields, story="storm", url="/x/").content.decode()
    assert "Link a story or an address, not both." in html
    html = post(desk, "banner", **fields, url="javascript:alert(1)").content.decode()
    assert "An address starts with https://, http:// or /." in html
    assert not Banner.objects.exists()
    assert post(desk, "banner", **fields, story="storm").status_code == 302
    assert Banner.objects.get().url == story.get_absolute_url()
    assert "Storm warning" in desk.get("/").content.decode()
    assert post(desk, "clear_banner").status_code == 302
    assert not Banner.objects.exists()


def test_each_action_checks_its_own_permission(client, make_user):
    """A curator who may pin but not announce gets no banner form, and a
    banner posted anyway is refused on the server."""
    curator = User.objects.create_user("curator", password="pw", is_staff=True)
    curator.user_permissions.add(Permission.objects.get(codename="change_pin"))
    client.force_login(curator)
    html = client.get(SCREEN).content.decode()
    assert "Lead story" in html and "Breaking-news banner" not in html
    response = post(client, "banner", text="x", expires_at=later(hours=1))
    assert response.status_code == 403 and not Banner.objects.exists()
    assert post(client, "no_such_action").status_code == 400
