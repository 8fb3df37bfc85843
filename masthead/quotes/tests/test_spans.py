"""Masking Markdown and pairing quotation marks (spans.py), offsets kept."""

from masthead.quotes.spans import find_spans, mask_markdown, paragraphs


def test_line_marks_are_blanked_at_every_line_start_and_only_there():
    text = "- first item\nVote YES- we need 40+ seats\n> quoted\n## Head"
    masked = mask_markdown(text)
    assert masked == "  first item\nVote YES- we need 40+ seats\n  quoted\n   Head"
    assert len(masked) == len(text)


def test_a_dash_inside_the_first_line_is_text():
    assert mask_markdown("Rates rose - slowly") == "Rates rose - slowly"


def test_underscores_at_a_word_edge_are_emphasis_inside_a_word_text():
    text = "_really_ see snake_case and __bold__ at_ end"
    assert mask_markdown(text) == " really  see snake_case and   bold   at  end"


def test_marks_of_every_kind_are_paired_in_reading_order():
    text = '“Yes,” she said. "No," he said. “Maybe”'
    masked = mask_markdown(text)
    spans = find_spans(masked, paragraphs(masked))
    assert [masked[s.start : s.close] for s in spans] == ["Yes,", "No,", "Maybe"]
    assert all(s.closed for s in spans)
