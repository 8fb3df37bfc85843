import html5lib

from masthead.quotes import charts


def test_a_bar_chart_is_an_accessible_image_with_escaped_labels():
    svg = charts.bar_chart([("<b>Bass</b> & co", 4), ("Ortiz", 2)], title="Per <speaker>", chart_id="c")
    assert 'role="img"' in svg and 'aria-labelledby="c-title c-desc"' in svg
    assert "<title id=\"c-title\">Per &lt;speaker&gt;</title>" in svg
    assert "&lt;b&gt;Bass&lt;/b&gt; &amp; co: 4; Ortiz: 2." in svg
    assert "<b>" not in svg
    html5lib.HTMLParser(strict=True).parseFragment(svg)


def test_bars_are_scaled_to_the_largest_value():
    svg = charts.bar_chart([("a", 10), ("b", 5)], title="t", chart_id="x")
    full = charts.CHART_WIDTH - charts.LABEL_WIDTH - 60
    assert f'width="{float(full)}"' in svg and f'width="{full / 2}"' in svg


def test_an_empty_chart_says_so():
    assert "No data." in charts.bar_chart([], title="t", chart_id="x")
