import csv
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import User
from django.urls import reverse

from masthead.people.models import Person
from masthead.quotes import services
from masthead.quotes.audit import safe_cell
from masthead.quotes.models import Quote
from masthead.testing import make_article, make_person, make_section

pytestmark = pytest.mark.django_db

BODY = "“We will not back down from this,” Karen Bass said.\n\nThe county said work would go on."


@pytest.fixture
def editor(client):
    user = User.objects.create_superuser("chief", "chief@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def story():
    article = make_article(body=BODY, section=make_section("City"))
    services.extract_article_quotes(article=article)
    return article


def change_url(quote):
    return reverse("admin:quotes_quote_change", args=[quote.pk])


def form_data(quote, **changes):
    data = {"article": quote.article_id, "text": quote.text, "speaker": quote.speaker_id or "",
            "speaker_role": quote.speaker_role, "status": quote.status}
    return {**data, **changes}


def test_changing_the_speaker_marks_it_as_an_editors_fix(editor, story):
    quote = story.quotes.get()
    right = make_person("Karen R. Bass")
    response = editor.post(change_url(quote), form_data(quote, speaker=right.pk))
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.speaker == right and quote.speaker_fixed


def test_adding_a_missed_quote_records_where_it_is(editor, story):
    county = make_person("Alder County")
    response = editor.post(reverse("admin:quotes_quote_add"), {
        "article": story.pk, "text": "work would go on", "speaker": county.pk,
        "speaker_role": "", "status": "active",
    })
    assert response.status_code == 302
    added = Quote.objects.get(origin=Quote.Origin.EDITOR)
    assert story.body[added.start : added.end] == "work would go on"


def test_a_missed_quote_must_be_words_from_the_article(editor, story):
    response = editor.post(reverse("admin:quotes_quote_add"), {
        "article": story.pk, "text": "words nobody wrote", "speaker": "", "status": "active",
    })
    assert response.status_code == 200
    assert "These words are not in the article" in response.content.decode()
    assert "words nobody wrote" in response.content.decode()  # nothing lost


def test_not_a_quote_action_rejects_the_selected_quotes(editor, story):
    quote = story.quotes.get()
    editor.post(reverse("admin:quotes_quote_changelist"),
                {"action": "mark_not_a_quote", ACTION_CHECKBOX_NAME: [quote.pk]})
    quote.refresh_from_db()
    assert quote.status == Quote.Status.REJECTED


def test_the_quote_list_filters_by_article_and_speaker(editor, story):
    other = make_article(body="“Something else entirely here,” Jo Smith said.")
    services.extract_article_quotes(article=other)
    url = reverse("admin:quotes_quote_changelist")
    page = editor.get(url, {"article": story.pk}).content.decode()
    assert "We will not back down" in page and "Something else" not in page
    speaker = Person.objects.get(name="Jo Smith")
    page = editor.get(url, {"speaker": speaker.pk}).content.decode()
    assert "Something else" in page and "We will not" not in page


def test_merging_people_from_the_admin(editor, story):
    kept = story.quotes.get().speaker
    duplicate = make_person("Mayor Bass", is_staff_author=False)
    url = reverse("admin:people_person_changelist")
    chosen = {"action": "merge_people", ACTION_CHECKBOX_NAME: [kept.pk, duplicate.pk]}
    confirm = editor.post(url, chosen)
    assert "Keep which record?" in confirm.content.decode()
    assert editor.post(url, {**chosen, "keep": kept.pk, "confirm": "1"}).status_code == 302
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert services.find_person("Mayor Bass") == kept


def test_the_audit_is_for_staff_only(client, story):
    url = reverse("admin:quotes_quote_audit")
    assert client.get(url).status_code == 302  # to the login page
    User.objects.create_user("reader", password="pw")
    client.login(username="reader", password="pw")
    assert client.get(url).status_code == 302


def test_the_audit_shows_charts_and_tables(editor, story):
    page = editor.get(reverse("admin:quotes_quote_audit")).content.decode()
    for title in ("Quotes per speaker", "Quotes per section", "Quotes per author", "Quotes per month"):
        assert title in page
    assert page.count('role="img"') == 5
    assert "<td>Karen Bass</td><td class=\"num\">1</td>" in page


def test_the_audit_filters_by_section_and_refuses_reversed_dates(editor, story):
    url = reverse("admin:quotes_quote_audit")
    other = make_section("Sport")
    page = editor.get(url, {"section": other.pk}).content.decode()
    assert "0 quotes" in page
    bad = editor.get(url, {"start": "2026-05-01", "end": "2026-04-01"})
    assert bad.status_code == 400
    assert "start date must be on or before" in bad.content.decode()


def test_the_csv_export_defuses_formulas(editor):
    article = make_article(body="“=HYPERLINK(1) is the plan for us,” Jo Smith said.")
    services.extract_article_quotes(article=article)
    response = editor.get(reverse("admin:quotes_quote_audit"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "published"
    assert rows[1][-1] == "'=HYPERLINK(1) is the plan for us"
    assert [safe_cell(v) for v in ("+1", "-1", "@x", "ok")] == ["'+1", "'-1", "'@x", "ok"]
