from datetime import timedelta

import html5lib
import pytest
from django.urls import reverse

from masthead.articles.models import Article
from masthead.quotes import services
from masthead.quotes.models import Quote
from masthead.testing import make_article, make_person

pytestmark = pytest.mark.django_db

BODY = (
    "Mayor Karen Bass spoke on Tuesday.\n\n"
    "“We will *not* back down from this fight,” Bass said.\n\n"
    "“I just want the road open again,” said Ray Ortiz, a baker."
)


def valid_html(response):
    content = response.content.decode()
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(content)
    return content


@pytest.fixture
def story():
    article = make_article(body=BODY, authors=[make_person(email="writer@example.com")])
    services.extract_article_quotes(article=article)
    return article


def test_the_article_page_lists_its_voices_with_roles_and_counts(client, story):
    page = valid_html(client.get(story.get_absolute_url()))
    assert "Voices in this story" in page
    bass = Quote.objects.get(text__startswith="We will").speaker
    assert reverse("quotes:voice", kwargs={"slug": bass.slug}) in page
    assert "Karen Bass</a><span class=\"voices-panel__role\">, Mayor</span>" in page
    assert "1 quote<" in page


def test_quotes_are_marked_in_the_body_even_across_emphasis(client, story):
    page = valid_html(client.get(story.get_absolute_url()))
    quote = Quote.objects.get(text__startswith="We will")
    assert f'<mark class="quote" id="quote-{quote.pk}" data-speaker="{quote.speaker.slug}">We will </mark><em><mark class="quote"' in page


def test_choosing_a_voice_highlights_only_their_quotes(client, story):
    bass = Quote.objects.get(text__startswith="We will").speaker
    page = valid_html(client.get(story.get_absolute_url(), {"voice": bass.slug}))
    assert page.count("quote--selected") == 3  # three text pieces around the <em>
    assert "Stop highlighting" in page


def test_marking_cannot_inject_markup(client):
    article = make_article(body="“<script>alert(1)</script> is what we found,” Jo Smith said.")
    services.extract_article_quotes(article=article)
    page = valid_html(client.get(article.get_absolute_url(), {"voice": '"><script>'}))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_article_page_query_count_does_not_grow_with_quotes(client, django_assert_num_queries):
    """The panel and the marks come from one query whether there are 0 or 40 quotes.

    One of the seven reads the breaking-news banner (issue 20), as every
    page does with the row memo off; in production the memo keeps it."""
    article = make_article(body="No quotes here.")
    client.get(article.get_absolute_url())
    with django_assert_num_queries(7) as empty:
        client.get(article.get_absolute_url())
    article.body = "\n\n".join(
        f"“Quote number {n} is right here,” said Speaker Number{n}." for n in range(40)
    )
    article.save()
    services.extract_article_quotes(article=article)
    assert article.quotes.count() == 40
    with django_assert_num_queries(len(empty.captured_queries)):
        page = client.get(article.get_absolute_url()).content.decode()
    assert page.count('class="voices-panel__item') == 40


def test_a_voice_page_lists_quotes_newest_first_linking_into_the_story(client, story):
    bass = Quote.objects.get(text__startswith="We will").speaker
    newer = make_article(
        body="“A newer thing to say,” Karen Bass said.",
        published_at=story.published_at + timedelta(minutes=5),
    )
    services.extract_article_quotes(article=newer)
    page = valid_html(client.get(reverse("quotes:voice", kwargs={"slug": bass.slug})))
    quotes = list(Quote.objects.filter(speaker=bass))
    assert len(quotes) == 2
    assert page.index("A newer thing") < page.index("We will not back down")
    first = Quote.objects.get(text__startswith="We will")
    assert f'{story.get_absolute_url()}#quote-{first.pk}' in page
    assert "@" not in page.split("<main", 1)[1]  # no email on a public page


def test_quotes_in_unpublished_stories_are_not_shown(client, story):
    Article.objects.filter(pk=story.pk).update(status=Article.Status.UNPUBLISHED)
    bass = Quote.objects.get(text__startswith="We will").speaker
    assert client.get(reverse("quotes:voice", kwargs={"slug": bass.slug})).status_code == 404
    assert "Karen Bass" not in client.get(reverse("quotes:index")).content.decode()


def test_rejected_quotes_are_not_shown(client, story):
    Quote.objects.filter(text__startswith="We will").update(status=Quote.Status.REJECTED)
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Karen Bass</a>" not in page and "Ray Ortiz</a>" in page


def test_the_index_ranks_people_by_how_often_they_are_quoted_and_searches(client, story):
    for n in range(3):
        services.extract_article_quotes(
            article=make_article(body=f"“Here is statement {n} in full,” Ray Ortiz said.")
        )
    page = valid_html(client.get(reverse("quotes:index")))
    assert page.index("Ray Ortiz") < page.index("Karen Bass")
    assert "4 quotes" in page
    found = valid_html(client.get(reverse("quotes:index"), {"q": "bass"}))
    assert "Karen Bass" in found and "Ray Ortiz" not in found
    nothing = valid_html(client.get(reverse("quotes:index"), {"q": "<b>nobody</b>"}))
    assert "Nobody quoted matches “&lt;b&gt;nobody&lt;/b&gt;”" in nothing


def test_the_index_query_count_does_not_grow_with_people(client, django_assert_num_queries):
    """Counts and roles are annotations: a fixed number of queries per page
    (one of the four is the breaking-news banner, kept by the row memo in
    production: issue 20)."""
    services.extract_article_quotes(article=make_article(body=BODY))
    client.get(reverse("quotes:index"))
    with django_assert_num_queries(4) as few:
        client.get(reverse("quotes:index"))
    for n in range(30):
        services.extract_article_quotes(
            article=make_article(body=f"“Statement {n} in full,” said Person Number{n}.")
        )
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("quotes:index"))


def test_the_voice_page_query_count_does_not_grow_with_quotes(client, django_assert_num_queries):
    services.extract_article_quotes(article=make_article(body="“One thing said here,” Jo Smith said."))
    url = reverse("quotes:voice", kwargs={"slug": "jo-smith"})
    client.get(url)
    with django_assert_num_queries(5) as few:  # 5th: the banner (issue 20)
        client.get(url)
    for n in range(20):
        services.extract_article_quotes(article=make_article(body=f"“Thing {n} said here,” Jo Smith said."))
    with django_assert_num_queries(len(few.captured_queries)):
        assert "Quoted 21 times" in client.get(url).content.decode()


def test_an_unknown_voice_is_a_404(client):
    assert client.get(reverse("quotes:voice", kwargs={"slug": "nobody"})).status_code == 404
    assert client.get(reverse("quotes:index"), {"page": "99"}).status_code == 404
