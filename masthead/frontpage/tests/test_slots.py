"""Which stories fill the top of the home page: pure Python, no database."""

from masthead.frontpage.slots import Pinned


def arranged(pins, found, newest, slots=3):
    """(lead, top) as ids, teasers being the ids themselves."""
    return pins.arrange({pk: pk for pk in found}, newest, slots)


def test_rows_become_the_lead_and_the_top_stories_in_order():
    pins = Pinned.from_rows([(7, "lead"), (3, "top"), (5, "top")])
    assert (pins.lead, pins.top, pins.ids) == (7, (3, 5), (7, 3, 5))
    assert Pinned.from_rows([(3, "top")]).ids == (3,)


def test_unpinned_slots_fill_with_the_newest_stories():
    assert arranged(Pinned(), [], [9, 8, 7, 6, 5]) == (9, [8, 7, 6])
    assert Pinned().fill(3) == 4


def test_pinned_stories_take_their_slots_and_the_newest_fill_the_rest():
    pins = Pinned(lead=2, top=(4,))
    assert pins.fill(3) == 2
    assert arranged(pins, [2, 4], [9, 8]) == (2, [4, 9, 8])


def test_a_pin_whose_story_is_not_public_gives_up_its_slot():
    pins = Pinned(lead=2, top=(4, 6))
    assert arranged(pins, [6], [9, 8, 7]) == (9, [6, 8, 7])


def test_more_top_pins_than_slots_are_all_shown():
    pins = Pinned(top=(1, 2, 3, 4))
    assert pins.fill(3) == 1
    assert arranged(pins, [1, 2, 3, 4], [9]) == (9, [1, 2, 3, 4])


def test_nothing_published_leaves_no_lead():
    assert arranged(Pinned(lead=2), [], []) == (None, [])
