"""reader.py: WXR as plain records, and every way a file is refused."""

import pytest

from masthead.wordpress.reader import Author, Item, Site, Term, WXRError, read

from .wxr import THEME, fixture

HEADER = (
    '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
    "<wp:wxr_version>1.2</wp:wxr_version>"
)


def records(name, kind=None):
    found = list(read(fixture(name)))
    return [r for r in found if kind is None or isinstance(r, kind)]


@pytest.mark.parametrize(
    "name, problem, line",
    [
        ("importer-malformed-simple.xml", "malformed", 14),
        ("importer-malformed.xml", "malformed", 90),
        ("importer-crazy-cdata.xml", "malformed", 18),
        ("importer-missing-version-tag.xml", "no wp:wxr_version", 35),
        ("importer-invalid-version-tag.xml", "unknown WXR version “abc”", 33),
    ],
)
def test_broken_files_are_refused_with_the_problem_and_its_line(name, problem, line):
    with pytest.raises(WXRError) as refused:
        list(read(fixture(name)))
    assert problem in str(refused.value)
    assert refused.value.line == line
    assert str(refused.value).startswith(f"line {line}:")


def test_an_xml_bomb_is_refused_before_anything_expands(tmp_path):
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10)
    )
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(f"<?xml version='1.0'?><!DOCTYPE rss [{entities}]>"
                    f"{HEADER}<title>&lol9;</title></channel></rss>")
    # libxml2 stops the amplification itself, or we refuse the DTD: refused either way.
    with pytest.raises(WXRError, match="DTD|entity amplification"):
        list(read(bomb))


def test_an_external_entity_is_refused_and_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me")
    xxe = tmp_path / "xxe.xml"
    xxe.write_text(f"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY x SYSTEM "
                   f"'file://{secret}'>]>{HEADER}<item><title>&x;</title></item>"
                   "</channel></rss>")
    with pytest.raises(WXRError, match="DTD") as refused:
        list(read(xxe))
    assert "do not read me" not in str(refused.value)


def test_a_file_that_is_not_wxr_is_refused(tmp_path):
    page = tmp_path / "page.xml"
    page.write_text("<html><body>hello</body></html>")
    with pytest.raises(WXRError, match="root is <html>"):
        list(read(page))


def test_both_namespace_spellings_are_read():
    site, *rest = records(THEME)
    assert isinstance(site, Site) and site.version == "1.2"  # https://wordpress.org/…
    assert any(isinstance(r, Author) and r.login == "themedemos" for r in rest)
    slashes = records("importer-slashes.xml")  # http://wordpress.org/export/1.1/
    assert [r.login for r in slashes if isinstance(r, Author)] == ["admin"]


def test_cdata_values_are_exactly_what_wordpress_wrote():
    (item,) = records("importer-crazy-cdata-escaped.xml", Item)
    assert item.content == "Content with nested <![CDATA[ tags ]]> :)"
    assert dict(item.meta) == {
        "Plain string": "Foo", "Closing CDATA": "]]>",
        "Alot of CDATA": "This has <![CDATA[ opening and ]]> closing <![CDATA[ tags like this: ]]>",
    }  # fmt: skip
    (edge,) = records("importer-cdata-edge.xml", Item)
    assert edge.content == "ends with sequence ]] >"
    (multiple,) = records("importer-multiple-cdata.xml", Item)
    assert multiple.content == "line oneline twoline three"


def test_slashes_and_blank_lines_are_kept():
    (item,) = records("importer-slashes.xml", Item)
    assert item.content == 'Slashes aren\\\'t \\"cool\\"'
    assert item.comments[0].content == "\\o/ ¯\\_(ツ)_/¯"
    (blank,) = records("importer-post-content-blank-lines.xml", Item)
    assert blank.content.count("\n") == 3
    (backslashes,) = records("importer-backslashes.xml", Item)
    assert backslashes.content == "C:\\xampp\\htdocs\\wp-content"


def test_serialized_meta_is_kept_as_exported():
    (item,) = records("importer-test-serialized-comment-meta.xml", Item)
    assert item.comments[0].meta == [
        ("string", "¯\\_(ツ)_/¯"), ("array", 'a:1:{s:3:"key";s:13:"¯\\_(ツ)_/¯";}')
    ]
    (post,) = records("importer-test-serialized-postmeta-no-cdata.xml", Item)
    assert post.meta_value("post-options").startswith('a:2:{s:18:"special_post_title"')


def test_multiline_and_many_authors():
    authors = records("importer-authors-multiline.xml", Author)
    assert [(a.login, a.wp_id) for a in authors] == [("alice", 1), ("bob", 2), ("carol", 3)]
    assert len(records("importer-large-authors.xml", Author)) == 300


def test_term_formats_and_term_meta():
    terms = records("importer-term-formats.xml", Term)
    assert [t.taxonomy for t in terms].count("category") == 2
    assert [t.taxonomy for t in terms].count("post_tag") == 3
    assert {t.slug for t in terms if t.taxonomy not in ("category", "post_tag")} == {
        "custom-taxonomy-item", "menu"}
    (news,) = records("importer-term-meta.xml", Term)
    assert (news.slug, news.meta) == ("news", [("legacy_id", "42")])


def test_only_the_files_own_wordpress_namespace_counts():
    found = records("importer-namespace-edge-cases.xml")
    assert [a.login for a in found if isinstance(a, Author)] == ["real_user"]
    items = [r for r in found if isinstance(r, Item)]
    assert [i.wp_id for i in items] == [1, 2, 3, 4, None, 6]  # 5 rebinds wp: to another
    assert dict(items[0].meta) == {"normal_key": "normal_value"}
    assert items[-1].content.startswith("&lol1;")  # text in CDATA, not an entity
    assert [t.slug for t in found if isinstance(t, Term)] == ["new-version"]


def test_items_are_streamed_and_let_go():
    seen = []
    for record in read(fixture(THEME)):
        if isinstance(record, Item):
            seen.append(record.wp_id)
    assert len(seen) == 180
