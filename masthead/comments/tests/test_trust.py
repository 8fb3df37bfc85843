"""The trust cookie (trust.py): signed, bound to one address, naming none."""

from django.core import signing
from django.http import HttpResponse
from django.test import RequestFactory

from masthead.comments import trust
from masthead.comments.models import Comment


def browser_after(*comments, entries=None):
    """The cookie's entries once a browser has posted these comments in turn."""
    entries = {} if entries is None else entries
    for comment in comments:
        response = HttpResponse()
        trust.remember(response, entries, comment)
        entries = read(response.cookies[trust.TRUST_COOKIE].value)
    return entries


def read(value):
    request = RequestFactory().post("/", HTTP_COOKIE=f"{trust.TRUST_COOKIE}={value}")
    return trust.read(request)


def held(pk, email="ada@example.com"):
    return Comment(pk=pk, email=email, status=Comment.Status.PENDING)


def test_a_held_comment_is_a_claim_on_its_address_only():
    entries = browser_after(held(7))
    assert trust.voucher(entries, "ada@example.com") == trust.Voucher(claims=(7,))
    assert trust.voucher(entries, " ADA@Example.COM ").claims == (7,)  # canonical
    assert trust.voucher(entries, "bo@example.com") == trust.NO_VOUCHER


def test_a_published_or_vouched_comment_makes_the_address_trusted():
    published = Comment(pk=8, email="ada@example.com", status=Comment.Status.APPROVED)
    assert trust.voucher(browser_after(held(7), published), "ada@example.com").trusted
    vouched = held(9)
    vouched.poster_trusted = True  # held for its links, but the claim was proved
    entries = browser_after(held(7), vouched)
    assert trust.voucher(entries, "ada@example.com") == trust.Voucher(trusted=True)
    # Trusted stays trusted when a later comment is held.
    assert trust.voucher(
        browser_after(held(10), entries=entries), "ada@example.com"
    ).trusted


def test_claims_and_addresses_are_bounded():
    entries = browser_after(*(held(pk) for pk in range(1, 9)))
    assert trust.voucher(entries, "ada@example.com").claims == (4, 5, 6, 7, 8)
    family = browser_after(*(held(pk, f"member{pk}@example.com") for pk in range(1, 7)))
    assert len(family) == trust.MAX_ADDRESSES
    assert trust.voucher(family, "member1@example.com") == trust.NO_VOUCHER
    assert trust.voucher(family, "member6@example.com").claims == (6,)


def test_the_cookie_names_no_address():
    response = HttpResponse()
    trust.remember(response, {}, held(7, "ada.reader@example.com"))
    cookie = response.cookies[trust.TRUST_COOKIE]
    payload = signing.loads(cookie.value, salt=trust.SALT)
    assert "ada" not in cookie.value.lower() and "ada" not in str(payload)
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_an_unsigned_forged_or_foreign_cookie_proves_nothing():
    tag = trust.address_tag("ada@example.com")
    assert read(signing.dumps({tag: trust.TRUSTED}, salt="another")) == {}
    assert (
        read(signing.dumps({tag: trust.TRUSTED}, key="guessed", salt=trust.SALT)) == {}
    )
    assert read('{"' + tag + '": 1}') == {}
    assert read(signing.dumps([1, 2], salt=trust.SALT)) == {}
    # A tag for an address can only be made with the site's key.
    assert tag != trust.address_tag("bo@example.com")
    assert len(tag) == 32 and "ada" not in tag
