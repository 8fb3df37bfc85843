"""The writing screen's blocks: picker, live preview and checklist (issue 19)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from masthead.articles.models import Article
from masthead.media.models import Embed
from masthead.testing import jpeg_bytes, make_article, make_image

pytestmark = pytest.mark.django_db
PICKER = "admin:articles_article_picker"
PREVIEW = "admin:articles_article_markdown_preview"


def test_the_picker_offers_each_picture_with_the_block_that_shows_it(client, make_user):
    make_image(file=ContentFile(jpeg_bytes(), name="heron-creek.jpg"), alt_text="A heron")
    make_image(file=ContentFile(jpeg_bytes(), name="mill.jpg"), alt_text="The mill")
    make_article(title="Trail reopens", slug="trail-reopens")
    client.force_login(make_user("Contributor"))
    page = client.get(reverse(PICKER), {"q": "heron"}).content.decode()
    assert "::: figure heron-creek.jpg inline" in page
    assert 'data-insert="::: figure heron-creek.jpg inline&#10;:::"' in page
    assert "mill.jpg" not in page
    everything = client.get(reverse(PICKER)).content.decode()
    assert "mill.jpg" in everything and "trail-reopens" in everything


def test_the_picker_is_for_those_who_write(client, make_user):
    assert client.get(reverse(PICKER)).status_code == 302  # to the login page
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_user("visitor", password="pw", is_staff=True))
    assert client.get(reverse(PICKER)).status_code == 403


def test_the_live_preview_renders_blocks_and_names_a_broken_one(client, make_user):
    make_image(file=ContentFile(jpeg_bytes(), name="gauge.jpg"))
    client.force_login(make_user("Contributor"))
    ok = client.post(reverse(PREVIEW), {"body": "Text.\n\n::: figure gauge.jpg wide\n:::"})
    assert '<figure class="story-figure story-figure--wide">' in ok.json()["html"]
    assert ok.json()["errors"] == []
    broken = client.post(reverse(PREVIEW), {"body": "Text.\n\n::: embed javascript:alert(1)\n:::"})
    assert broken.json()["errors"][0].startswith("Line 3:")
    assert "javascript:alert" not in broken.json()["html"].split("<p>", 1)[0]


def test_a_refused_block_keeps_the_editors_text(client, make_user):
    client.force_login(make_user("Editor"))
    body = "My careful paragraph.\n\n::: embed https://www.youtube.com.evil.example/watch?v=aqz-KE-bpKQ\n:::"
    response = client.post(
        reverse("admin:articles_article_add"),
        {"title": "Draft", "slug": "draft", "body": body, "standfirst": "",
         "bylines-TOTAL_FORMS": "0", "bylines-INITIAL_FORMS": "0",
         "corrections-TOTAL_FORMS": "0", "corrections-INITIAL_FORMS": "0",
         "comments_enabled": "on"},
    )  # fmt: skip
    assert response.status_code == 200
    page = response.content.decode()
    assert "Line 3:" in page and "looks like YouTube" in page
    assert "My careful paragraph." in page
    assert not Article.objects.filter(slug="draft").exists()


def test_the_checklist_names_missing_pictures_and_failed_embeds(client, make_user):
    url = "https://vimeo.com/76979871"
    article = make_article(body=f"::: figure nowhere.jpg\n:::\n\n::: embed {url}\n:::")
    Embed.objects.filter(url=url).update(
        status=Embed.Status.FAILED, error="Vimeo could not be reached: connection refused."
    )
    client.force_login(make_user("Editor"))
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "Not found, so not shown: nowhere.jpg" in page
    assert f"{url} (Vimeo could not be reached: connection refused.)" in page
