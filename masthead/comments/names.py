"""Commenters' names and addresses in one canonical form (issue 21, item 13).

No Django import: tested without a database. Three uses:

- ``clean_name``: what is stored and shown. Invisible characters are removed
  (zero-width spaces and joiners, soft hyphens, a byte-order mark, bidi
  controls: every format character, and the Hangul fillers that render as
  nothing), white space is collapsed, and the result is NFC. A name with
  nothing visible left is "" and the form refuses it.
- ``name_key``: how names are compared with staff names. NFKC, case-folded,
  accents dropped, look-alike letters from other scripts mapped to the Latin
  letter they imitate (a small table after Unicode's confusables.txt, UTS #39),
  spaces and dots dropped, so "Jо Εditor" with a Cyrillic о and a Greek Ε,
  "jo.editor" and "JoEditor" have one key.
- ``normalise_email`` / ``email_key``: an address trimmed, its domain in one
  form (IDNA 2008 with UTS #46 mapping, as browsers resolve it: lowercase
  ASCII, "xn--" labels), single-label domains refused.
"""

import unicodedata
from functools import lru_cache

import idna

# Default-ignorable letters that render as nothing: Hangul fillers are the
# classic invisible "name" in games and chats. Format characters (Cf) go too.
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u034f\u17b4\u17b5")
# Characters that draw nothing on their own (with spaces and combining marks).
_BLANK = frozenset("\u2800")
# Spaces and the punctuation usernames use in their place: "jo.editor",
# "Jo_Editor" and "JoEditor" are all "Jo Editor".
_SEPARATORS = frozenset(" ._-\u2010\u2011")

# Letters people mistake for Latin ones, keyed by the case-folded letter with
# its accents dropped (so "ё" is "е" is "e").
# Cyrillic and Greek look-alikes, Latin variants and digits; after
# confusables.txt, restricted to what survives NFKC and case folding.
_CONFUSABLES = {
    # Cyrillic
    "а": "a", "в": "b", "г": "r", "е": "e", "з": "3", "к": "k",
    "м": "m", "н": "h", "о": "o", "п": "n", "р": "p", "с": "c", "т": "t", "у": "y",
    "х": "x", "ь": "b", "ѕ": "s", "і": "l", "ј": "j", "һ": "h", "ԁ": "d", "ԛ": "q",
    "ԝ": "w", "ӏ": "l", "ү": "y",
    # Greek
    "α": "a", "β": "b", "γ": "y", "ε": "e", "η": "n", "ι": "l", "κ": "k", "ν": "v",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c", "ϳ": "j",
    # Latin variants, digits and signs
    "ı": "l", "ȷ": "j", "ł": "l", "ɩ": "l", "ɑ": "a", "ɡ": "g", "ʋ": "u",
    "0": "o", "1": "l", "|": "l", "!": "l", "$": "s", "@": "a", "5": "s",
    # Case is folded away, so a capital I (which is an l in most sans-serif
    # faces) can only be caught by reading every i, I and l as one letter.
    "i": "l",
}  # fmt: skip
# Pairs of letters read as one (UTS #39 maps "rn" to "m"); applied after the
# single letters, so "гn" (Cyrillic) is caught as well.
_LIGATURE_LOOKALIKES = (("rn", "m"), ("vv", "w"))


class AddressRefused(ValueError):
    """An email address that cannot be put in canonical form."""


def is_invisible(char):
    return unicodedata.category(char) == "Cf" or char in _INVISIBLE_LETTERS


def strip_invisible(text):
    return "".join(char for char in text if not is_invisible(char))


def has_visible(text):
    """Whether anything in text draws on screen (not spaces or lone marks)."""
    return any(
        unicodedata.category(char)[0] not in "ZMC"
        and char not in _BLANK
        and char not in _INVISIBLE_LETTERS
        for char in text
    )


def clean_name(text):
    """The stored form of a typed name; "" when nothing visible remains."""
    name = " ".join(strip_invisible(unicodedata.normalize("NFC", text or "")).split())
    return name if has_visible(name) else ""


@lru_cache(maxsize=4096)  # a post compares one name and one address several times
def name_key(text):
    """The form in which two names that look alike are equal."""
    text = strip_invisible(unicodedata.normalize("NFKC", text or "")).casefold()
    # Accents dropped: "José" and "Jose" are one name to the eye of a reader.
    text = "".join(
        char
        for char in unicodedata.normalize("NFD", text)
        if not unicodedata.combining(char)
    )
    text = "".join(_CONFUSABLES.get(char, char) for char in text)
    text = "".join(c for c in text if c not in _SEPARATORS and not c.isspace())
    for pair, letter in _LIGATURE_LOOKALIKES:
        text = text.replace(pair, letter)
    return text


def normalise_email(address):
    """The address as stored: trimmed, its domain in IDNA ASCII, lowercase.

    The local part is kept as typed (it is the mailbox owner's to interpret).
    Raises AddressRefused for a missing, literal or single-label domain.
    """
    local, at, domain = strip_invisible((address or "").strip()).rpartition("@")
    if not at or not local or not domain:
        raise AddressRefused("no domain")
    if domain.startswith("["):
        raise AddressRefused("an address literal is not a domain")
    domain = _ascii_domain(domain.rstrip("."))
    if "." not in domain:
        # user@localhost, a@b: no mail reaches a reader there.
        raise AddressRefused("a single-label domain")
    return f"{local}@{domain}"


@lru_cache(maxsize=4096)
def email_key(address):
    """How addresses are compared (trust, flood control, staff addresses)."""
    try:
        address = normalise_email(address)
    except AddressRefused:
        address = strip_invisible((address or "").strip())
    return address.lower()


def _ascii_domain(domain):
    try:
        return idna.encode(domain, uts46=True).decode("ascii").lower()
    except (idna.IDNAError, UnicodeError) as err:
        raise AddressRefused(f"the domain is not a valid name: {err}") from err
