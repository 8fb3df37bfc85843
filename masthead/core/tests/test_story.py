"""The story body's block grammar (core/story.py): pure, no database."""

import pytest

from masthead.core import story

BODY = """First paragraph.

::: figure harbour-crane.jpg wide
The crane at *first* light.
:::

Middle paragraph.

::: pullquote
We will rebuild it.
-- Maya Okafor
:::

```
::: figure not-a-block.jpg
```
"""


def test_parse_keeps_markdown_and_blocks_in_order():
    pieces = story.parse(BODY)
    kinds = [p.kind if isinstance(p, story.Block) else "markdown" for p in pieces]
    assert kinds == ["markdown", "figure", "markdown", "pullquote", "markdown"]
    figure = story.figure(pieces[1])
    assert figure == story.Figure("harbour-crane.jpg", "wide", "The crane at *first* light.")
    assert pieces[1].line == 3


def test_a_fence_inside_code_is_text():
    assert "not-a-block.jpg" in story.parse(BODY)[-1]


def test_unclosed_block_names_its_line():
    with pytest.raises(story.StoryError, match="Line 3: the figure block is not closed"):
        story.parse("One.\n\n::: figure a.jpg\ncaption")


def test_unknown_block_is_refused_with_the_list():
    with pytest.raises(story.StoryError, match="“video” is not a block"):
        story.parse("::: video x\n:::")


@pytest.mark.parametrize(
    "opening",
    ["::: figure", "::: figure ../etc/passwd", "::: figure a.jpg huge", "::: figure a/b.jpg"],
)
def test_bad_figures_are_refused(opening):
    block = story.blocks(f"{opening}\n:::")[0]
    with pytest.raises(story.StoryError):
        story.figure(block)


def test_figure_size_defaults_to_inline():
    assert story.figure(story.blocks("::: figure a.jpg\n:::")[0]).size == "inline"


def test_gallery_reads_names_and_captions_and_needs_two():
    block = story.blocks("::: gallery\na.jpg First one\n\nb.jpg\n:::")[0]
    assert story.gallery(block) == [("a.jpg", "First one"), ("b.jpg", "")]
    with pytest.raises(story.StoryError, match="two pictures"):
        story.gallery(story.blocks("::: gallery\na.jpg\n:::")[0])


def test_pull_quote_takes_its_attribution_from_the_last_line():
    quote = story.pull_quote(story.blocks("::: pullquote\nWords here\nand here.\n— A. Person\n:::")[0])
    assert quote == story.PullQuote("Words here and here.", "A. Person")


def test_related_accepts_slugs_and_story_addresses():
    block = story.blocks("::: related\nbudget-vote\nhttps://news.example/news/mill-fire/\n:::")[0]
    assert story.related_slugs(block) == ["budget-vote", "mill-fire"]
    with pytest.raises(story.StoryError):
        story.related_slugs(story.blocks("::: related\n<script>\n:::")[0])


def test_embed_is_one_address_on_the_fence_or_inside():
    assert story.embed_url(story.blocks("::: embed https://a.example/x\n:::")[0]) == "https://a.example/x"
    assert story.embed_url(story.blocks("::: embed\nhttps://a.example/y\n:::")[0]) == "https://a.example/y"
    with pytest.raises(story.StoryError):
        story.embed_url(story.blocks("::: embed\n:::")[0])


def test_blank_blocks_keeps_offsets_and_hides_pull_quotes():
    blanked = story.blank_blocks(BODY)
    assert len(blanked) == len(BODY)
    assert "We will rebuild it" not in blanked
    assert "The crane at *first* light." in blanked  # a caption is the story's text
    assert "harbour-crane.jpg" not in blanked
    assert blanked.index("Middle paragraph.") == BODY.index("Middle paragraph.")


def test_blank_blocks_leaves_plain_bodies_alone():
    assert story.blank_blocks("No blocks here.") == "No blocks here."
