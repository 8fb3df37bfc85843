"""The review queue and what readers see before and after it (issue #25)."""

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from masthead.testing import make_article, make_person
from masthead.quotes import services
from masthead.quotes.confidence import SHOW_THRESHOLD
from masthead.quotes.models import Quote
from masthead.quotes.review import in_context

pytestmark = pytest.mark.django_db

# One named cue (shown) and one pronoun cue (held for review).
BODY = (
    "Harbormaster Noor Vell spoke at the pier on Friday, beside Sheriff Abe Kroll.\n\n"
    "“The pier opens on Saturday morning,” Vell said.\n\n"
    "“Bring a coat, it will be cold out there,” she added."
)
REVIEW = reverse("admin:quotes_quote_review")


@pytest.fixture
def story():
    article = make_article(body=BODY)
    services.extract_article_quotes(article=article)
    return article


@pytest.fixture
def editor(client):
    client.force_login(User.objects.create_superuser("desk", "desk@example.com", "pw"))
    return client


def held(story):
    return story.quotes.get(text__startswith="Bring a coat")


def test_an_unsure_attribution_waits_and_a_sure_one_does_not(story):
    sure, unsure = story.quotes.order_by("start")
    assert sure.confidence >= SHOW_THRESHOLD > unsure.confidence
    assert list(Quote.objects.awaiting_review()) == [unsure]
    assert set(Quote.objects.attributed()) == {sure}
    assert sure.speaker_is_shown and not unsure.speaker_is_shown


def test_readers_see_the_unsure_quote_without_a_name(client, story):
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Bring a coat" in page  # still marked in the body…
    assert "1 quote<" in page  # …but the panel counts only the named one
    quote = held(story)
    assert f'id="quote-{quote.pk}">Bring a coat' in page  # marked, no data-speaker


def test_the_queue_shows_the_sentence_in_context_with_one_button_each(editor, story):
    page = editor.get(REVIEW).content.decode()
    assert "<mark>Bring a coat, it will be cold out there</mark>" in page
    assert "Vell said." in page  # the paragraph before, where the speaker is named
    assert 'value="confirm"' in page and 'value="reject"' in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_confirming_shows_the_name_and_survives_re_extraction(editor, client, story):
    quote = held(story)
    response = editor.post(REVIEW, {"quote": quote.pk, "action": "confirm"})
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.speaker_fixed and quote.reviewed_by.username == "desk"
    assert quote.speaker_is_shown and not Quote.objects.awaiting_review().exists()
    services.extract_article_quotes(article=story, force=True)
    assert held(story).speaker_fixed and held(story).speaker.name == "Noor Vell"


def test_fixing_attributes_the_quote_to_another_person(editor, story):
    quote = held(story)
    kroll = make_person("Abe Kroll")
    editor.post(REVIEW, {"quote": quote.pk, "action": "fix", "speaker": kroll.pk})
    quote.refresh_from_db()
    assert (quote.speaker, quote.speaker_fixed) == (kroll, True)
    services.extract_article_quotes(article=story, force=True)
    assert held(story).speaker == kroll


def test_rejecting_takes_the_quote_off_every_page(editor, client, story):
    quote = held(story)
    editor.post(REVIEW, {"quote": quote.pk, "action": "reject"})
    quote.refresh_from_db()
    assert quote.status == Quote.Status.REJECTED
    page = client.get(story.get_absolute_url()).content.decode()
    assert f'id="quote-{quote.pk}"' not in page  # the words stay, the mark goes


def test_the_queue_needs_permission_to_change_quotes(client, story):
    user = User.objects.create_user("intern", password="pw", is_staff=True)
    client.force_login(user)
    assert client.get(REVIEW).status_code == 403
    assert (
        client.post(REVIEW, {"quote": held(story).pk, "action": "confirm"}).status_code
        == 403
    )
    assert not held(story).speaker_fixed
    user.user_permissions.add(Permission.objects.get(codename="change_quote"))
    assert client.get(REVIEW).status_code == 200


def test_the_queue_refuses_a_post_without_csrf(story):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(User.objects.create_superuser("boss", "boss@example.com", "pw"))
    assert (
        strict.post(REVIEW, {"quote": held(story).pk, "action": "reject"}).status_code
        == 403
    )
    assert held(story).status == Quote.Status.ACTIVE


def test_the_voices_index_lists_only_names_readers_may_see(client, story):
    page = client.get(reverse("quotes:index")).content.decode()
    assert "Noor Vell" in page and "1 quote" in page
    services.confirm_quote(
        quote=held(story), user=User.objects.create_superuser("e", "e@x.org", "pw")
    )
    assert "2 quotes" in client.get(reverse("quotes:index")).content.decode()


def test_context_escapes_the_body_and_marks_the_quote():
    body = "Intro <b>here</b>.\n\n“Yes,” he said."
    start = body.index("Yes")
    html = in_context(body, start, start + 3)
    assert "&lt;b&gt;here&lt;/b&gt;" in html and "<mark>Yes</mark>" in html


def test_an_organisation_is_stored_as_one_and_never_merged_into_a_person():
    article = make_article(
        body=(
            "“Crews will work all night,” the Varrow County Roads Department said.\n\n"
            "“Drivers should use Route 4 until Friday.”"
        )
    )
    services.extract_article_quotes(article=article)
    kinds = {q.speaker.kind for q in article.quotes.select_related("speaker")}
    assert kinds == {"organisation"}
    assert len({q.speaker_id for q in article.quotes.all()}) == 1
