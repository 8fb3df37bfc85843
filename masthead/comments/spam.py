"""Content rules for comments: word lists and link counts. No Django import.

WordPress's matching, kept on purpose so editors' existing lists work: each
line is matched case-insensitively as a substring of every field, including
the IP address and user agent, so a line may name a word, an email, a domain
or an IP prefix.
"""

import re

# Bare addresses count as links too: comment Markdown does not turn them into
# anchors, but a spammer's readers can still copy them.
_LINK = re.compile(r"https?://|www\.|mailto:", re.IGNORECASE)


def word_list(text):
    """Lines of an editor's list, trimmed, blanks and duplicates dropped."""
    seen = []
    for line in (text or "").splitlines():
        word = line.strip().casefold()
        if word and word not in seen:
            seen.append(word)
    return seen


def first_match(words, values):
    """The first listed word found in any of the values, or None."""
    folded = [str(value or "").casefold() for value in values]
    for word in words:
        if any(word in value for value in folded):
            return word
    return None


def count_links(text):
    return len(_LINK.findall(text or ""))
