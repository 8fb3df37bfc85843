"""The comment form's canonical names and addresses (issue 21, item 13),
through the form, the page and the API alike."""

import pytest

from masthead.comments.forms import CommentForm
from masthead.comments.models import Comment, CommentSettings
from masthead.testing import make_article

from .test_comment_flow import post

pytestmark = pytest.mark.django_db
EMAIL_ERROR = "Please enter a valid email address, like name@example.com."


@pytest.fixture
def article():
    CommentSettings.objects.update_or_create(pk=1, defaults={"flood_seconds": 0})
    return make_article(slug="river-walk")


def form(**fields):
    data = {
        "comment": "Hi.",
        "name": "Ada Reader",
        "email": "ada@example.com",
        **fields,
    }
    return CommentForm(data)


def test_invisible_characters_are_stripped_from_the_stored_name(client, article):
    post(client, article, name="\ufeffAda\u200b Rea\u00addér\u202e  ")
    assert Comment.objects.get().name == "Ada Readér"


@pytest.mark.parametrize(
    "name", ["\u200b", "\u200b\u200c\u200d", "\u00ad\ufeff", "\u3164"]
)
def test_a_name_of_invisible_characters_is_refused_with_all_typed_kept(
    client, article, name
):
    response = post(
        client,
        article,
        name=name,
        comment="My considered view.",
        website="https://ada.example.org",
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "This name has no visible letters" in html
    assert f'value="{name}"' in html  # as typed: the reader sees what was sent
    assert "My considered view.</textarea>" in html
    assert 'value="https://ada.example.org"' in html
    assert not Comment.objects.exists()


def test_the_address_is_stored_trimmed_with_its_domain_in_idna(client, article):
    post(client, article, email="  Ada@ÉXAMPLE.com ")
    assert Comment.objects.get().email == "Ada@xn--xample-9ua.com"


@pytest.mark.parametrize("email", ["user@localhost", "a@b", "ada@[192.0.2.1]"])
def test_single_label_and_literal_domains_are_refused_with_all_typed_kept(
    client, article, email
):
    response = post(
        client,
        article,
        email=email,
        name="Ada <Reader>",
        comment="Still here.",
        remember="on",
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert EMAIL_ERROR in html
    assert f'value="{email}"' in html
    assert 'value="Ada &lt;Reader&gt;"' in html
    assert "Still here.</textarea>" in html
    assert 'name="remember" id="id_remember" checked' in html
    assert not Comment.objects.exists()


def test_an_address_too_long_once_in_ascii_is_refused():
    long = form(email="a" * 60 + "@" + "é" * 30 + ".example")
    assert not long.is_valid()
    assert "once its domain is written in ASCII" in long.errors["email"][0]


def test_flood_control_and_duplicates_compare_canonical_forms(client, article):
    CommentSettings.objects.filter(pk=1).update(flood_seconds=15)
    assert post(client, article, email="ada@éxample.com").status_code == 303
    again = post(
        client,
        article,
        comment="Again.",
        email="ADA@ÉXAMPLE.COM ",
        REMOTE_ADDR="198.51.100.9",
    )
    assert again.status_code == 429  # the same address, however it is spelled
    CommentSettings.objects.filter(pk=1).update(flood_seconds=0)
    duplicate = post(
        client,
        article,
        name="Ada\u200b Reader",
        email="x@example.com",
        REMOTE_ADDR="198.51.100.10",
    )
    assert duplicate.status_code == 409  # same text by the same (visible) name


def test_the_api_applies_the_same_forms(client, article):
    def api_post(**fields):
        payload = {
            "name": "Jo Reader",
            "email": "jo@example.com",
            "comment": "Hi.",
            **fields,
        }
        return client.post(
            "/api/articles/river-walk/comments",
            payload,
            content_type="application/json",
        )

    refused = api_post(email="jo@localhost", name="\u200b")
    assert refused.status_code == 400
    assert refused.json()["errors"]["email"] == [EMAIL_ERROR]
    assert "no visible letters" in refused.json()["errors"]["name"][0]
    assert (
        api_post(name="\u2060Jo\u200b Reader", email=" jo@ÉXAMPLE.com").status_code
        == 202
    )
    stored = Comment.objects.get()
    assert (stored.name, stored.email) == ("Jo Reader", "jo@xn--xample-9ua.com")
