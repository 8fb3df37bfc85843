"""Strict text for comment fields. No Django import: tested without a database.

Django decodes a form post with errors="replace", so invalid UTF-8 quietly
becomes U+FFFD and a reader's text changes without anyone noticing. We read
the raw body instead and refuse what cannot be stored exactly as typed.
"""

import unicodedata
from urllib.parse import unquote_to_bytes

# Newline and tab are text in a comment body; in a name, email or web address
# they are a header-injection or layout trick, so they are refused there.
BODY_WHITESPACE = frozenset("\n\t")
NONCHARACTERS = frozenset("\ufffe\uffff")


def undecodable_fields(body):
    """Names of fields in an urlencoded body whose value is not valid UTF-8."""
    bad = set()
    for pair in (body or b"").split(b"&"):
        name, _, value = pair.partition(b"=")
        raw_name = unquote_to_bytes(name.replace(b"+", b" "))
        raw_value = unquote_to_bytes(value.replace(b"+", b" "))
        try:
            raw_value.decode("utf-8")
            field = raw_name.decode("utf-8")
        except UnicodeDecodeError:
            field = raw_name.decode("utf-8", "replace")
            bad.add(field)
    return bad


def normalise_newlines(text):
    """Browsers send a textarea's line breaks as CRLF; store them as LF."""
    return text.replace("\r\n", "\n")


def character_problem(text, *, multiline=False):
    """A sentence naming the first character that may not be stored, or None."""
    allowed = BODY_WHITESPACE if multiline else frozenset()
    for position, char in enumerate(text, start=1):
        if char in allowed:
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cs") or char in NONCHARACTERS:
            return (
                f"This contains a character that cannot be stored "
                f"(U+{ord(char):04X} {_char_name(char)}, character {position}). "
                f"Please remove it."
            )
    return None


def byte_length(text):
    # surrogatepass: a lone surrogate is refused by character_problem, but the
    # byte count must not crash before that message can be shown.
    return len(text.encode("utf-8", "surrogatepass"))


def _char_name(char):
    if 0xD800 <= ord(char) <= 0xDFFF:
        return "lone surrogate"
    return unicodedata.name(char, "control character")
