"""Issue 19's bar in Chromium: an editor writes a story with two figures, a
gallery, a pull quote, a fact box and a YouTube embed, publishes it; a reader
sees the figures with srcset, caption and credit, and the embed as a card that
loads nothing from another origin until it is clicked.

The worker resolves the embed against a fake YouTube on loopback (there is no
internet here), and copies its thumbnail into the media library.
"""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from masthead.articles.models import Article
from masthead.jobs.queue import run_pending
from masthead.media import renditions
from masthead.media.models import Embed
from masthead.media.tests.fakeprovider import fake_provider_fixture  # noqa: F401 (fixture)
from masthead.testing import jpeg_bytes, make_image, make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-editor-passphrase"
VIDEO = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"


def library_picture(name, credit):
    image = make_image(file=ContentFile(jpeg_bytes(1600, 900), name=name), credit=credit)
    return renditions.make(image)


def sign_in(page, url):
    page.goto(url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")


def type_block(page, text):
    body = page.locator("#id_body")
    body.press("End")
    body.press("Control+End")
    page.keyboard.insert_text(text)


def write_story(page, url, section):
    page.goto(url + "/admin/articles/article/add/")
    page.fill("#id_title", "River rises toward flood stage")
    # Leaving the headline fills the slug from it; the editor then shortens it.
    page.fill("#id_standfirst", "Emergency managers ask Millrace to prepare.")
    page.fill("#id_slug", "river-rises")
    page.evaluate(
        "([id, name]) => document.querySelector('#id_section')"
        ".add(new Option(name, id, true, true))",
        [section.pk, section.name],
    )
    body = page.locator("#id_body")
    body.fill("The river read 8.4 feet on Monday.\n\n")
    # Two figures from the picker: no file name typed.
    for name in ("gauge.jpg", "sandbags.jpg"):
        page.get_by_role("toolbar", name="Story blocks").get_by_role("button", name="Figure").click()
        page.locator(f".editor-picker [data-name='{name}']").click()
    page.get_by_role("button", name="Pull quote", exact=True).click()
    type_block(page, "::: gallery\nfield.jpg The south bank\nyard.jpg\n:::\n\n")
    type_block(page, "::: factbox The numbers\n- **12 feet**: flood stage\n:::\n\n")
    type_block(page, f"::: embed {VIDEO}\n:::\n\nThe county opens sandbags on Saturday.\n")
    # The live preview: the article page itself, in a frame beside the form.
    page.frame_locator(".desk__frame").locator(".story__body figure.story-figure").first.wait_for()
    with page.expect_navigation():
        page.click("input[name=_continue]")
    assert page.locator(".errornote").count() == 0, page.content()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish now").click()


def test_editor_writes_a_rich_story_and_a_reader_asks_for_the_embed(
    browser, live_server, fake_provider, settings
):
    settings.MASTHEAD_EMBED_ENDPOINTS = {"youtube": fake_provider.url("/oembed")}
    get_user_model().objects.create_superuser("editor", "ed@example.org", PASSWORD)
    for name in ("gauge.jpg", "sandbags.jpg", "field.jpg", "yard.jpg"):
        library_picture(name, credit=f"Credit for {name}")
    section = make_section("Local", slug="local")

    editor = browser.new_context().new_page()
    sign_in(editor, live_server.url)
    write_story(editor, live_server.url, section)
    article = Article.objects.get(slug="river-rises")
    assert article.is_published
    run_pending()  # the worker resolves the embed and copies its thumbnail
    embed = Embed.objects.get(url=VIDEO)
    assert embed.status == Embed.Status.READY and embed.thumbnail is not None

    context = browser.new_context()
    reader = context.new_page()
    requests = []
    reader.on("request", lambda request: requests.append(request.url))
    context.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(body="<p>the player</p>", content_type="text/html"),
    )
    reader.goto(live_server.url + article.get_absolute_url())

    figures = reader.locator(".story__body figure.story-figure")
    assert figures.count() == 2
    for index, name in enumerate(("gauge.jpg", "sandbags.jpg")):
        figure = figures.nth(index)
        assert figure.locator("picture source[srcset]").count() >= 1
        assert "w" in figure.locator("img").get_attribute("srcset")
        assert figure.locator("figcaption .credit").text_content() == f"Credit for {name}"
    assert reader.locator(".story-gallery figure").count() == 2
    assert reader.locator(".story-gallery figcaption").first.inner_text().startswith("The south bank")
    assert reader.locator(".pull-quote blockquote").count() == 1
    assert reader.locator(".fact-box h2").text_content() == "The numbers"

    card = reader.locator("figure.embed")
    assert card.locator(".embed__title").inner_text() == embed.title
    assert card.locator(".embed__thumbnail img").count() == 1
    own = urlsplit(live_server.url).netloc
    assert all(urlsplit(url).netloc == own for url in requests), requests
    assert reader.locator("iframe").count() == 0

    reader.get_by_role("button", name="Load content from YouTube").click()
    frame = reader.locator("figure.embed iframe")
    frame.wait_for()
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ")
    assert "allow-scripts" in frame.get_attribute("sandbox")
    assert any(urlsplit(url).netloc == "www.youtube-nocookie.com" for url in requests)

    plain = browser.new_context(java_script_enabled=False).new_page()
    plain.goto(live_server.url + article.get_absolute_url())
    assert plain.locator("figure.embed a.embed__card").get_attribute("href") == VIDEO
    assert not plain.get_by_role("button", name="Load content from YouTube").is_visible()
    for page in (editor, reader, plain):
        page.context.close()


def test_the_demo_story_with_every_block_has_no_axe_violations(browser, live_server):
    """WCAG 2.1 AA (axe-core) on the demo's story that uses every block, before
    and after its embed is loaded, and on a phone's width."""
    from masthead.core.tests.axe import violations
    from masthead.demo.loader import load_demo, read_content

    load_demo(read_content())
    url = live_server.url + "/articles/county-warns-elevated-flood-risk-alder-river/"
    for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        context = browser.new_context(viewport=viewport)
        context.route(
            "https://www.youtube-nocookie.com/**",
            lambda route: route.fulfill(body="<p>player</p>", content_type="text/html"),
        )
        page = context.new_page()
        page.goto(url)
        for kind in ("figure.story-figure", ".story-gallery", ".pull-quote", ".fact-box",
                     ".related-stories", "figure.embed"):
            assert page.locator(kind).count() >= 1, kind
        assert violations(page) == []
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{width}px wide at {viewport['width']}px"
        page.get_by_role("button", name="Load content from YouTube").click()
        page.locator("figure.embed iframe").wait_for()
        assert violations(page) == []
        context.close()
