"""A recipient's message: Django's message with the placeholders filled in."""

import base64
import subprocess
from email import policy
from email.parser import BytesParser

import dkim
import pytest
from django.core import mail

from masthead.newsletters import editions
from masthead.newsletters.models import Edition
from masthead.testing import make_article, make_newsletter

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(site):
    edition = Edition.objects.create(
        newsletter=make_newsletter("Morning Briefing", slug="briefing"),
        subject="Tuesday’s briefing\nX-Evil: yes",
    )
    edition.edition_stories.create(article=make_article(title="Mill “reopens”"))
    return edition


def message_for(edition, email="ada@example.com", pk=7):
    return editions.prepared(edition).message_for(
        editions.recipient(
            edition_id=edition.pk,
            delivery_pk=pk,
            email=email,
            subscriber_pk=pk,
            key="k",
            newsletter_id=edition.newsletter_id,
        )
    )


def parsed(message):
    return BytesParser(policy=policy.default).parsebytes(message.raw)


def test_each_recipient_gets_their_own_address_links_and_message_id(edition):
    ada, grace = (
        parsed(message_for(edition)),
        parsed(message_for(edition, "grace@example.org", pk=8)),
    )
    assert ada["To"] == "ada@example.com" and grace["To"] == "grace@example.org"
    assert ada["Message-ID"] != grace["Message-ID"]
    assert ada["List-Unsubscribe"] != grace["List-Unsubscribe"]
    assert ada["Subject"] == "Tuesday’s briefing X-Evil: yes"
    assert ada["X-Evil"] is None  # CR/LF never reaches a header
    html = ada.get_body(preferencelist=("html",)).get_content()
    assert "Mill “reopens”" in html and "MASTHEAD" not in html
    assert (
        "/newsletters/manage/" in ada.get_body(preferencelist=("plain",)).get_content()
    )


def test_the_message_id_is_the_same_on_every_attempt(edition):
    assert message_for(edition).message_id == message_for(edition).message_id


def test_other_backends_get_the_same_parts_and_headers(edition):
    email = message_for(edition).as_email()
    assert email.to == ["ada@example.com"]
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "MASTHEAD" not in email.body and "MASTHEAD" not in email.alternatives[0][0]
    email.send()
    assert len(mail.outbox) == 1


def test_an_international_domain_is_sent_in_punycode(edition):
    assert parsed(message_for(edition, "ada@bücher.example"))["To"] == (
        "ada@xn--bcher-kva.example"
    )


def test_a_configured_key_signs_the_list_headers_too(edition, site, tmp_path):
    key = tmp_path / "dkim.pem"
    subprocess.run(
        ["openssl", "genrsa", "-out", str(key), "2048"], check=True, capture_output=True
    )
    public = subprocess.run(
        ["openssl", "rsa", "-in", str(key), "-pubout", "-outform", "DER"],
        check=True,
        capture_output=True,
    ).stdout
    site.MASTHEAD_DKIM_KEY_FILE, site.MASTHEAD_DKIM_SELECTOR = str(key), "news"
    raw = message_for(edition).raw
    assert raw.startswith(b"DKIM-Signature:")
    signed = parsed(message_for(edition))["DKIM-Signature"]
    assert "list-unsubscribe-post" in signed.replace(" ", "").lower()
    record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)
    assert dkim.verify(raw, dnsfunc=lambda name, timeout=5: record)
