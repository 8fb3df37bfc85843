"""prepared.py: what a worker process makes of a post's body."""

import pytest

from masthead.articles.models import Article
from masthead.core.sanitize import render_article_body
from masthead.wordpress import prepared

PROSE = "The council met on Tuesday.\n\nIt voted [five to two](</2013/01/vote/>)."
PULL_QUOTE = f"{PROSE}\n\n::: pullquote\nWe rebuild.\n-- Maya Ortiz\n:::\n\nAfter it."
BROKEN = "Broken ::: block\n::: nope\n:::"
FACT_BOX = f"::: factbox The plan\n- two bridges\n- one weir\n:::\n\n{PROSE}"


@pytest.mark.parametrize("body", [PROSE, PULL_QUOTE, FACT_BOX, "", BROKEN])
def test_a_body_showing_no_other_row_is_rendered_as_the_article_would(body):
    """Issue 22: the worker renders such a body whole, so the writer only
    inserts it; what it sends must be what Article.render_body() makes."""
    rendered, pieces = prepared._render(body)
    article = Article(body=body, slug="story")
    article.render_body(published_stories=Article.objects.none())
    if rendered is None:  # a block it cannot read: the writer's fallback renders it
        assert pieces == {} and article.story == {}
        return
    assert rendered == (article.body_html, article.story, article.body_references_wanted)
    assert pieces == {}


def test_a_body_showing_pictures_is_left_to_the_writer_with_its_prose_rendered():
    body = f"{PROSE}\n\n::: figure crane.jpg wide\nThe crane.\n:::"
    rendered, pieces = prepared._render(body)
    assert rendered is None
    assert pieces == {f"{PROSE}\n\n": render_article_body(f"{PROSE}\n\n")}
