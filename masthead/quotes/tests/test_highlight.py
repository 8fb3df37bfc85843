import html5lib

from masthead.quotes.highlight import Mark, highlight


def test_highlight_wraps_each_text_piece_and_ids_only_the_first():
    out = highlight("<p>He said <em>very</em> much so.</p>", [Mark("quote-1", "jo", "said very much")])
    assert out == (
        '<p>He <mark class="quote" id="quote-1" data-speaker="jo">said </mark>'
        '<em><mark class="quote" data-speaker="jo">very</mark></em>'
        '<mark class="quote" data-speaker="jo"> much</mark> so.</p>'
    )


def test_highlight_re_escapes_text_and_keeps_tags_as_written():
    source = '<p><a href="https://x.test/?a=1&amp;b=2">A &lt;b&gt; link</a> &amp; more</p>'
    assert highlight(source, [Mark("quote-9", "x", "not present")]) == source
    out = highlight(source, [Mark("quote-9", 'x"><script>', "<b> link")])
    assert "&lt;b&gt; link</mark>" in out and 'data-speaker="x&quot;&gt;&lt;script&gt;"' in out


def test_highlight_spans_paragraphs_without_marking_the_gap_between_blocks():
    source = "<p>It goes on</p>\n<ul>\n<li>and on</li>\n</ul>"
    out = highlight(source, [Mark("quote-2", "", "goes on and on")])
    assert "</p>\n<ul>\n<li>" in out
    html5lib.HTMLParser(strict=True).parseFragment(out)


def test_repeated_words_mark_successive_occurrences():
    out = highlight("<p>yes, yes</p>", [Mark("quote-1", "", "yes"), Mark("quote-2", "", "yes")])
    assert out.index('id="quote-1"') < out.index('id="quote-2"')
