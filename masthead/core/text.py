"""Plain text helpers with no Django import: word counts and reading time."""

import math
import re

WORDS_PER_MINUTE = 275
_WORD = re.compile(r"[\w’'-]+", re.UNICODE)


def count_words(text):
    return len(_WORD.findall(text or ""))


def image_seconds(image_count):
    """Ghost's rule: 12 s for the first image, 11 s for the second, down to 3 s each."""
    return sum(max(12 - index, 3) for index in range(image_count))


def reading_seconds(text, image_count=0):
    return count_words(text) / WORDS_PER_MINUTE * 60 + image_seconds(image_count)


def reading_minutes(text, image_count=0):
    """Whole minutes, rounded half up as Ghost's Math.round does; at least one."""
    return reading_minutes_for(count_words(text), image_count)


def reading_minutes_for(word_count, image_count=0):
    """reading_minutes() for words counted already (an import counts them in
    its worker processes, issue 22)."""
    seconds = word_count / WORDS_PER_MINUTE * 60 + image_seconds(image_count)
    return max(1, math.floor(seconds / 60 + 0.5))


def reading_time_label(minutes):
    return f"{max(1, minutes)} Min Read"
