import pytest

from masthead.newsletters import compose
from masthead.newsletters.models import Edition
from masthead.testing import make_article, make_image, make_newsletter

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(site):
    edition = Edition.objects.create(
        newsletter=make_newsletter("Morning Briefing"),
        subject="Tuesday\r\nBcc: x@y",
        intro="A **long** week. " * 80,
    )
    edition.edition_stories.create(
        article=make_article(
            title="Mill reopens", hero_image=make_image(alt_text="The mill at dawn")
        ),
        position=0,
    )
    edition.edition_stories.create(article=make_article(title="Dam opens"), position=1)
    return edition


def test_an_edition_renders_its_stories_in_text_and_inlined_html(edition):
    rendered = compose.render(edition)
    assert rendered.subject == "Tuesday Bcc: x@y"  # one line: no header of its own
    assert rendered.html.index("Mill reopens") < rendered.html.index("Dam opens")
    assert 'alt="The mill at dawn"' in rendered.html
    assert "<style" not in rendered.html and 'style="' in rendered.html
    assert "http://testserver/articles/" in rendered.text
    assert (
        compose.MANAGE_URL in rendered.text and compose.UNSUBSCRIBE_URL in rendered.html
    )


def test_no_tracking_pixel_and_no_link_rewritten(edition):
    html = compose.render(edition).html
    images = html.count("<img")
    assert images == 1  # the hero picture, nothing else
    links = [part.split('"', 1)[0] for part in html.split('href="')[1:]]
    assert all(link.startswith(("http://testserver/", "MASTHEAD")) for link in links)


def test_every_line_stays_short_enough_for_8bit(edition):
    rendered = compose.render(edition)
    assert max(len(line.encode()) for line in rendered.html.splitlines()) < 998
    assert max(len(line) for line in rendered.text.splitlines()) <= 120


def test_folding_html_breaks_only_at_spaces_outside_tags():
    html = "<p>" + " ".join(["word"] * 300) + ' <a href="/x y">z</a></p>'
    folded = compose.fold_html(html, limit=50)
    assert folded.replace("\n", " ") == html
    assert max(len(line) for line in folded.splitlines()) < 60


def test_wrap_text_keeps_long_links_whole():
    link = "https://ledger.example/" + "a" * 120
    assert compose.wrap_text(f"See {link} now") == f"See\n{link}\nnow\n"
