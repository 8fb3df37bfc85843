import pytest
from django.db import transaction

from masthead.articles.models import Article, ArticleAuthor
from masthead.people.models import Person, PersonAlias
from masthead.people.services import merge_people
from masthead.quotes import services
from masthead.quotes.models import Extraction, Quote
from masthead.testing import make_article, make_person

pytestmark = pytest.mark.django_db

BODY = (
    "Mayor Karen Bass spoke at City Hall on Tuesday.\n\n"
    "“We will not back down from this fight,” Bass said.\n\n"
    "Ray Ortiz, who runs a bakery on Main Street, was less sure. "
    "“I just want the road open again,” Ortiz said.\n\n"
    "The county said in a statement that crews would work through the weekend."
)


def extract(article):
    return services.extract_article_quotes(article=article)


def test_each_quote_is_stored_with_offsets_into_the_body_and_a_speaker():
    article = make_article(body=BODY)
    assert extract(article) == 2
    bass, ortiz = article.quotes.order_by("start")
    assert bass.text == "We will not back down from this fight"
    assert article.body[bass.start : bass.end] == bass.text
    assert (bass.speaker.name, bass.cue, bass.cue_type) == ("Karen Bass", "said", "after")
    assert ortiz.speaker.name == "Ray Ortiz"
    assert bass.origin == Quote.Origin.EXTRACTED and 0 < bass.confidence <= 1


def test_new_speakers_are_people_without_an_author_page_and_with_unique_slugs():
    make_person("Someone Else", slug="karen-bass")
    article = make_article(body=BODY)
    extract(article)
    speaker = article.quotes.order_by("start").first().speaker
    assert speaker.is_staff_author is False
    assert speaker.slug == "karen-bass-2"


def test_a_speaker_who_is_also_an_author_is_the_same_person_record():
    author = make_person("karen bass", is_staff_author=True)
    article = make_article(body=BODY)
    extract(article)
    assert article.quotes.order_by("start").first().speaker == author
    assert Person.objects.filter(name__iexact="karen bass").count() == 1


def test_an_alias_resolves_to_the_person_it_names():
    kept = make_person("K. Bass")
    PersonAlias.objects.create(person=kept, name="KAREN  BASS")
    article = make_article(body=BODY)
    extract(article)
    assert article.quotes.order_by("start").first().speaker == kept


def test_an_unchanged_body_is_not_read_twice():
    article = make_article(body=BODY)
    extract(article)
    assert extract(article) is None
    assert Extraction.objects.get(article=article).quote_count == 2


def test_quote_ids_survive_an_edit_elsewhere_in_the_story():
    article = make_article(body=BODY)
    extract(article)
    ids = list(article.quotes.order_by("start").values_list("pk", flat=True))
    article.body = "A new first paragraph.\n\n" + BODY
    article.save()
    extract(article)
    moved = list(article.quotes.order_by("start"))
    assert [q.pk for q in moved] == ids
    assert all(article.body[q.start : q.end] == q.text for q in moved)


def test_an_editors_speaker_is_kept_when_the_article_is_edited():
    article = make_article(body=BODY)
    extract(article)
    right = make_person("Raymond Ortiz")
    quote = article.quotes.get(text__startswith="I just want")
    quote.speaker, quote.speaker_fixed = right, True
    quote.save()
    article.body = BODY.replace("road open again", "road open again soon")
    article.save()
    extract(article)
    quote = article.quotes.get(text__startswith="I just want")
    assert quote.speaker == right
    assert quote.text == "I just want the road open again soon"


def test_not_a_quote_stays_rejected_after_reextraction():
    article = make_article(body=BODY)
    extract(article)
    article.quotes.filter(text__startswith="We will").update(status=Quote.Status.REJECTED)
    article.body = BODY + "\n\nMore later."
    article.save()
    extract(article)
    assert article.quotes.get(text__startswith="We will").status == Quote.Status.REJECTED
    assert article.quotes.filter(status=Quote.Status.ACTIVE).count() == 1


def test_an_editor_added_quote_survives_and_leaves_with_its_words():
    article = make_article(body=BODY)
    extract(article)
    county = make_person("Alder County")
    Quote.objects.create(
        article=article, speaker=county, text="crews would work through the weekend",
        origin=Quote.Origin.EDITOR,
    )
    article.body = "Intro.\n\n" + BODY
    article.save()
    extract(article)
    added = article.quotes.get(origin=Quote.Origin.EDITOR)
    assert article.body[added.start : added.end] == added.text
    article.body = BODY.replace("crews would work through the weekend", "work continues")
    article.save()
    extract(article)
    assert not article.quotes.filter(origin=Quote.Origin.EDITOR).exists()


def test_a_quote_removed_from_the_story_is_removed():
    article = make_article(body=BODY)
    extract(article)
    article.body = BODY.split("\n\nRay Ortiz")[0]
    article.save()
    extract(article)
    assert list(article.quotes.values_list("speaker__name", flat=True)) == ["Karen Bass"]


def test_organisations_are_recorded_as_organisations():
    article = make_article(
        body="“We are reviewing the footage,” the Alder County Sheriff's Office said in a statement."
    )
    extract(article)
    speaker = article.quotes.get().speaker
    assert speaker.kind == Person.Kind.ORGANISATION, speaker.name


def test_merging_moves_quotes_and_bylines_and_remembers_the_alias():
    kept = make_person("Karen Bass")
    duplicate = make_person("Mayor Bass", job_title="Mayor")
    article = make_article(body=BODY, authors=[duplicate])
    extract(article)
    Quote.objects.filter(article=article).update(speaker=duplicate)
    merge_people(keep=kept, others=[duplicate])
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert set(article.quotes.values_list("speaker", flat=True)) == {kept.pk}
    assert ArticleAuthor.objects.get(article=article).person == kept
    kept.refresh_from_db()
    assert kept.job_title == "Mayor"
    assert services.find_person("mayor bass") == kept


def test_merging_people_who_share_a_byline_keeps_one_byline():
    kept, duplicate = make_person("Jo Writer"), make_person("Joanna Writer")
    article = make_article(authors=[kept, duplicate])
    merge_people(keep=kept, others=[duplicate])
    assert list(article.bylines.values_list("person", flat=True)) == [kept.pk]


def queued_extractions():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path__endswith="extract_quotes_task")


def test_publishing_queues_the_reading_for_the_worker(django_capture_on_commit_callbacks):
    from masthead.quotes.tasks import extract_quotes_task

    article = make_article(body=BODY, status=Article.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    assert not queued_extractions().exists()  # drafts are not read
    article.status = Article.Status.PUBLISHED
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            article.save()
    assert not article.quotes.exists()  # the editor's save did not do the work
    job = queued_extractions().get()
    assert job.args_kwargs["args"] == [article.pk]
    extract_quotes_task.call(*job.args_kwargs["args"])  # what the worker runs
    assert article.quotes.count() == 2


def test_a_queued_article_unpublished_meanwhile_is_skipped():
    article = make_article(body=BODY, status=Article.Status.UNPUBLISHED)
    assert services.extract_by_id(article_id=article.pk) is None
    assert not article.quotes.exists()


def test_locate_allows_any_white_space_and_prefers_the_nearest():
    body = "one two\nthree ... one   two three"
    assert services.locate(body, "one two three") == (0, 13)
    assert services.locate(body, "one two three", near=20) == (18, 33)
    assert services.locate(body, "absent words") is None


def test_a_pull_quote_is_not_a_second_quote(db):
    """A pull quote repeats the story's words (issue 19): Voices finds them once,
    at their place in the story, and offsets still point into the body."""
    quoted = "“We will rebuild the bridge before the ice comes,” said Maya Okafor."
    body = (
        f"The county met on Monday.\n\n::: pullquote\n“We will rebuild the bridge"
        f" before the ice comes.”\n-- Maya Okafor\n:::\n\n{quoted}\n"
    )
    article = make_article(body=body)
    assert services.extract_article_quotes(article=article) == 1
    quote = article.quotes.get()
    assert body[quote.start:quote.end].strip("“”") in quoted
    assert quote.start > body.index(":::\n\n")
