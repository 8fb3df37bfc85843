from datetime import UTC, datetime

import pytest

from masthead.core import text


def test_counts_words_with_apostrophes_and_hyphens_as_one():
    assert text.count_words("The mayor’s forty-two-page plan isn't done.") == 6


@pytest.mark.parametrize(
    ("images", "seconds"),
    [(0, 0), (1, 12), (2, 23), (3, 33), (10, 12 + 11 + 10 + 9 + 8 + 7 + 6 + 5 + 4 + 3),
     (12, 75 + 3 + 3)],
)
def test_image_time_follows_ghosts_declining_rule(images, seconds):
    assert text.image_seconds(images) == seconds


def test_reading_time_is_275_words_per_minute():
    assert text.reading_minutes("word " * 275) == 1
    assert text.reading_minutes("word " * 825) == 3
    # 3.5 minutes of words rounds to 4, as Ghost's Math.round does.
    assert text.reading_minutes("word " * 963) == 4


def test_hero_image_adds_its_twelve_seconds():
    words = "word " * 640  # 139.6 s alone (2 min); 151.6 s with the hero (3 min)
    assert text.reading_minutes(words) == 2
    assert text.reading_minutes(words, image_count=1) == 3


def test_half_minutes_round_up_like_javascript():
    assert text.reading_minutes("word " * 573) == 2  # 125.02 s is 2.08 min
    assert text.reading_minutes("word " * 688) == 3  # 150.1 s is 2.502 min


def test_under_a_minute_still_reads_one_min():
    assert text.reading_minutes("just a few words") == 1
    assert text.reading_time_label(0) == "1 Min Read"
    assert text.reading_time_label(3) == "3 Min Read"


def test_posted_at_reads_like_djangos_date_filter(settings):
    from django.template.defaultfilters import date

    from masthead.core.markup import iso_datetime, posted_at

    settings.TIME_ZONE = "America/Los_Angeles"
    for hour in (0, 2, 11, 12, 13, 23):
        moment = datetime(2026, 11, 28, hour, 5, tzinfo=UTC)
        from django.utils import timezone

        local = timezone.localtime(moment)
        assert posted_at(moment) == date(local, "F j, Y \\a\\t g:i a")
        assert iso_datetime(moment) == date(local, "c")


def test_iso_datetime_has_no_microseconds_for_html(settings):
    from masthead.core.markup import iso_datetime

    settings.TIME_ZONE = "UTC"

    moment = datetime(2026, 11, 28, 14, 5, 9, 123456, tzinfo=UTC)
    assert iso_datetime(moment) == "2026-11-28T14:05:09+00:00"
