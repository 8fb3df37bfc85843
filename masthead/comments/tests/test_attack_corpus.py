"""The attack corpus through the real form handler, with Django's test client.

Every case is posted, every stored one approved, and each surface that shows
comments (article page, admin list, moderation screen, the re-rendered form
of a refused post) is parsed as a browser would and audited for markup that
could run. The same corpus drives the Chromium test in test_browser_attacks.py.
"""

import pytest
from django.contrib.auth import get_user_model

from masthead.comments.forms import issued_token
from masthead.comments.models import Comment, CommentSettings
from masthead.testing import make_article

from .audit import audit, load_corpus

pytestmark = pytest.mark.django_db
CORPUS = load_corpus()
VALID = {"comment": "A fair point.", "name": "Ada Reader", "email": "ada@example.com",
         "website": ""}  # fmt: skip
FIELD_NAMES = {"body": "comment"}


@pytest.fixture
def article():
    return make_article(slug="budget-vote")


@pytest.fixture
def open_rules(db):
    """Flood control and the fill timer off: the corpus posts fast, from one test."""
    CommentSettings.objects.update_or_create(
        pk=1, defaults={"flood_seconds": 0, "max_per_hour": 0, "min_fill_seconds": 0}
    )


def post_case(client, article, case, number):
    url = f"/articles/{article.slug}/comments/"
    ip = f"198.51.100.{number % 250 + 1}"
    if "raw" in case:
        body = (f"comment={case['raw']}&name=Raw+Case&email=raw{number}%40example.com"
                f"&issued={issued_token(0)}")
        return client.post(url, body, content_type="application/x-www-form-urlencoded",
                           REMOTE_ADDR=ip)
    data = {**VALID, "email": f"reader{number}@example.com", "issued": issued_token(0),
            "comment": f"A fair point, number {number}."}
    data[FIELD_NAMES.get(case["field"], case["field"])] = case["value"]
    return client.post(url, data, REMOTE_ADDR=ip)


def test_corpus_has_at_least_sixty_cases_across_every_field():
    fields = {case["field"] for case in CORPUS}
    assert len(CORPUS) >= 60
    assert fields == {"name", "email", "website", "body"}


def test_every_case_is_stored_safely_or_refused_with_a_reason(client, article, open_rules):
    for number, case in enumerate(CORPUS):
        response = post_case(client, article, case, number)
        allowed = {"stored": {303}, "refused": {400}, "either": {303, 400}}[case["expect"]]
        assert response.status_code in allowed, (case["id"], case["note"])
        if response.status_code == 400:
            html = response.content.decode()
            assert 'class="field__error"' in html, case["id"]
            assert audit(html) == [], (case["id"], audit(html))


def test_approved_corpus_leaves_no_payload_on_any_surface(client, article, open_rules):
    for number, case in enumerate(CORPUS):
        post_case(client, article, case, number)
    assert Comment.objects.count() >= 40
    Comment.objects.update(status=Comment.Status.APPROVED)
    editor = get_user_model().objects.create_superuser("ed", "ed@example.com", "pw")
    staff = type(client)()
    staff.force_login(editor)
    reply_to = Comment.objects.filter(name__contains="<").first()
    surfaces = {
        "article": client.get(article.get_absolute_url()),
        "reply form": client.get(f"{article.get_absolute_url()}?replytocom={reply_to.pk}"),
        "admin list": staff.get("/admin/comments/comment/"),
        "moderation": staff.get("/admin/comments/comment/moderate/?status=approved"),
        "admin edit": staff.get(f"/admin/comments/comment/{reply_to.pk}/change/"),
    }
    for surface, response in surfaces.items():
        assert response.status_code == 200, surface
        assert audit(response.content.decode()) == [], surface


def test_audit_catches_what_it_looks_for():
    """The audit itself must fail on real payloads, or the tests above prove nothing."""
    assert audit('<img src=x onerror="window.__xss=1">')
    assert audit('<a href="jav&#x09;ascript:alert(1)">x</a>')
    assert audit("<script>window.__xss=1</script>")
    assert audit("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>")
    assert audit('<p>fine <a href="https://example.com">link</a></p>') == []


def test_four_byte_characters_are_stored_whole(client, article, open_rules):
    post_case(client, article, {"field": "name", "value": "Zoë 🦆 𝒜"}, 1)
    post_case(client, article, {"field": "body", "value": "Ducks 🦆🦆 and 😀"}, 2)
    assert Comment.objects.get(name="Zoë 🦆 𝒜").body == "A fair point, number 1."
    assert Comment.objects.filter(body="Ducks 🦆🦆 and 😀").exists()



def test_a_website_set_outside_the_form_never_becomes_a_script_link(client, article):
    from masthead.testing import make_comment

    make_comment(article, name="Imported", website="jav&#x09;ascript:window.__xss=1")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Imported" in html
    assert audit(html) == []
    assert "ascript:window" not in html
