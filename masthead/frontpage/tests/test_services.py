"""Curating the front page: pins and their order, layouts, the banner, who may."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from masthead.frontpage import services
from masthead.frontpage.models import Banner, Pin, SectionLayout
from masthead.testing import make_article, make_section

pytestmark = pytest.mark.django_db
LEAD, TOP = Pin.Slot.LEAD, Pin.Slot.TOP


def top_titles():
    return [p.article.title for p in services.top_pins()]


def pin_top(editor, title, **kwargs):
    article = make_article(title=title)
    return services.pin(article=article, slot=TOP, user=editor, **kwargs)


def test_pinning_a_lead_replaces_the_lead_before(editor):
    first, second = make_article(), make_article()
    services.pin(article=first, slot=LEAD, user=editor)
    services.pin(article=second, slot=LEAD, user=editor)
    assert list(Pin.objects.values_list("article", "slot")) == [(second.pk, "lead")]
    assert Pin.objects.get().pinned_by == editor


def test_a_story_has_one_slot_so_pinning_it_again_moves_it(editor):
    story = make_article()
    services.pin(article=story, slot=LEAD, user=editor)
    services.pin(article=story, slot=TOP, user=editor)
    assert list(Pin.objects.values_list("slot", flat=True)) == ["top"]


def test_top_stories_go_where_they_are_asked_and_stay_numbered(editor):
    pin_top(editor, "A")
    pin_top(editor, "B")
    pin_top(editor, "C", position=1)
    assert top_titles() == ["C", "A", "B"]
    assert [p.position for p in services.top_pins()] == [0, 1, 2]
    services.unpin(pin=Pin.objects.get(article__title="A"), user=editor)
    assert top_titles() == ["C", "B"]
    assert [p.position for p in services.top_pins()] == [0, 1]


def test_up_and_down_move_a_top_story_one_place(editor):
    for title in "ABC":
        pin_top(editor, title)
    services.move(pin=Pin.objects.get(article__title="C"), user=editor, by=-1)
    assert top_titles() == ["A", "C", "B"]
    services.move(pin=Pin.objects.get(article__title="A"), user=editor, by=-1)
    assert top_titles() == ["A", "C", "B"]  # the first stays first
    services.move(pin=Pin.objects.get(article__title="A"), user=editor, by=1)
    assert top_titles() == ["C", "A", "B"]


def test_the_table_saves_order_expiries_and_removals_at_once(editor):
    a, b, c = (pin_top(editor, title) for title in "ABC")
    ends = timezone.now() + timedelta(days=1)
    services.update_top(
        user=editor,
        positions={a.pk: 3, b.pk: 1, c.pk: 1},  # a tie keeps the order it had
        expiries={a.pk: ends},
        removed={c.pk},
    )
    assert top_titles() == ["B", "A"]
    assert Pin.objects.get(pk=a.pk).expires_at == ends


def test_pinned_top_stories_are_capped_but_expired_pins_do_not_count(editor):
    gone = pin_top(editor, "Old")
    Pin.objects.filter(pk=gone.pk).update(expires_at=timezone.now())
    for n in range(services.MAX_TOP_PINS):
        pin_top(editor, f"Story {n}")
    with pytest.raises(services.PinError, match="unpin one first"):
        pin_top(editor, "One too many")


def test_layouts_are_saved_only_where_they_change(editor):
    """An unchanged layout writes nothing, so it purges nothing."""
    local, sport = make_section(), make_section()
    services.set_layouts(user=editor, layouts={local: "grid", sport: "list"})
    assert dict(SectionLayout.objects.values_list("section", "layout")) == {
        sport.pk: "list"
    }
    with CaptureQueriesContext(connection) as queries:
        services.set_layouts(user=editor, layouts={local: "grid", sport: "list"})
    writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE"))]
    assert writes == []


def test_a_banner_replaces_the_one_before_and_keeps_a_story_address(editor):
    ends = timezone.now() + timedelta(hours=2)
    services.set_banner(user=editor, text="Roads closed", expires_at=ends, url="/x/")
    story = make_article(slug="flood-warning")
    services.set_banner(
        user=editor, text="Flood warning", expires_at=ends, article=story
    )
    banner = Banner.objects.get()
    assert (banner.text, banner.url, banner.article) == (
        "Flood warning", "/articles/flood-warning/", story,
    )  # fmt: skip
    services.clear_banner(user=editor)
    assert not Banner.objects.exists()


@pytest.mark.parametrize("role", ["Contributor", "Author"])
def test_only_editors_curate_the_front_page(make_user, role):
    writer, story = make_user(role), make_article()
    ends = timezone.now() + timedelta(hours=1)
    for write in (
        lambda: services.pin(article=story, slot=LEAD, user=writer),
        lambda: services.set_layouts(user=writer, layouts={}),
        lambda: services.set_banner(user=writer, text="x", expires_at=ends),
        lambda: services.clear_banner(user=writer),
    ):
        with pytest.raises(PermissionDenied):
            write()
    assert not Pin.objects.exists()


def test_the_editor_role_holds_the_front_page_permissions(editor):
    assert editor.has_perms(
        [services.CURATE, services.ARRANGE, services.ANNOUNCE, "frontpage.delete_pin"]
    )
