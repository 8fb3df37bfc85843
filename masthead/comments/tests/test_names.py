"""Names and addresses in canonical form (names.py): no database, no Django."""

import pytest

from masthead.comments.names import (
    AddressRefused,
    clean_name,
    email_key,
    has_visible,
    name_key,
    normalise_email,
)

INVISIBLE = {
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "soft hyphen": "\u00ad",
    "byte-order mark": "\ufeff",
    "right-to-left override": "\u202e",
    "left-to-right isolate": "\u2066",
    "Hangul filler": "\u3164",
}


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_characters_are_stripped_from_names(char):
    assert clean_name(f"{char}Ada{char} Re{char}ader{char}") == "Ada Reader"


@pytest.mark.parametrize(
    "typed",
    ["\u200b", "\u200b\u200d\u00ad\ufeff", " \u3164 ", "\u2800", "\u0301\u0308", ""],
)
def test_a_name_with_nothing_visible_left_is_empty(typed):
    assert clean_name(typed) == ""
    assert not has_visible(typed.replace("\u200b", ""))


def test_names_are_nfc_with_white_space_collapsed():
    assert clean_name("  Jose\u0301   Ruiz\u3000") == "José Ruiz"
    assert clean_name("Zoë") == "Zoë"  # visible letters stay as typed
    assert clean_name("Ada 😀") == "Ada 😀"


@pytest.mark.parametrize(
    ("look_alike", "staff"),
    [
        ("Jо Editor", "Jo Editor"),  # Cyrillic о
        ("Jo Εditor", "Jo Editor"),  # Greek Epsilon
        ("JO EDITOR", "Jo Editor"),
        ("Ｊｏ　Ｅｄｉｔｏｒ", "Jo Editor"),  # full-width, NFKC
        ("𝐉𝐨 𝐄𝐝𝐢𝐭𝐨𝐫", "Jo Editor"),  # mathematical bold, NFKC
        ("Jo\u200b Editor", "Jo Editor"),
        ("jo.editor", "Jo Editor"),  # a username's spelling
        ("JoEditor", "Jo Editor"),
        ("Jane EIlis", "Jane Ellis"),  # capital I for l
        ("Jane E11is", "Jane Ellis"),  # digits one for l
        ("J0hn Smith", "John Smith"),
        ("José Ruiz", "Jose Ruiz"),
        ("Maria Bums", "Maria Burns"),  # rn read as m
    ],
)
def test_look_alike_names_share_a_key(look_alike, staff):
    assert name_key(look_alike) == name_key(staff)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Jo Editor", "Jo Edison"), ("Ada Reader", "Ida Reader"), ("Ann Lee", "Anne Lee")],
)
def test_different_names_keep_different_keys(one, other):
    assert name_key(one) != name_key(other)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  ada@example.com\t", "ada@example.com"),
        ("Ada@EXAMPLE.com", "Ada@example.com"),  # the local part is the owner's
        ("ada@ÉXAMPLE.com", "ada@xn--xample-9ua.com"),
        ("ada@éxample.com", "ada@xn--xample-9ua.com"),
        ("ada@xn--xample-9ua.com", "ada@xn--xample-9ua.com"),
        ("ada@straße.de", "ada@xn--strae-oqa.de"),  # IDNA 2008, as browsers resolve it
        ("ada@example.com.", "ada@example.com"),
        ("ada@exa\u200bmple.com", "ada@example.com"),
    ],
)
def test_addresses_have_one_canonical_form(typed, stored):
    assert normalise_email(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "user@localhost",
        "a@b",
        "a@b.",
        "a@[192.0.2.1]",
        "no-domain@",
        "@example.com",
        "plain",
        "a@☃.net",
        "a@-bad-.example",
    ],  # fmt: skip
)
def test_single_label_literal_and_invalid_domains_are_refused(typed):
    with pytest.raises(AddressRefused):
        normalise_email(typed)


def test_addresses_compare_by_their_canonical_lowercase_form():
    assert email_key(" ADA@ÉXAMPLE.com ") == email_key("ada@xn--xample-9ua.com")
    assert email_key("ada@example.com") != email_key("ada@example.org")
    assert email_key("editor@invalid") == "editor@invalid"  # kept, still comparable
