"""`masthead import-wxr` through the command itself (issue 22, items 1-6):
--author-map, --section-from primary, --dry-run's report, and bad input
refused with the problem, its line and a non-zero exit."""

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from masthead.articles.models import Article
from masthead.people.models import Person
from masthead.wordpress.models import ImportedAuthor, ImportedSite

from . import wxr
from .test_reader import HEADER
from .wxr import THEME, fixture

pytestmark = pytest.mark.django_db
MASTHEAD = str(Path(sys.executable).with_name("masthead"))


def run(*args):
    """The command's report, as the editor sees it."""
    out = io.StringIO()
    call_command("import_wxr", *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def nothing_written():
    return not (Article.objects.exists() or Person.objects.exists()
                or ImportedSite.objects.exists())  # fmt: skip


@pytest.fixture
def newsroom(tmp_path):
    """Three WordPress logins for two people: Jane Doe has two accounts."""
    return wxr.write(
        tmp_path / "site.xml",
        wxr.author("jdoe", "Jane Doe"), wxr.author("jane", "J. Doe"),
        wxr.author("bsmith", "Bob Smith"),
        wxr.item(1, "Council votes", creator="jdoe"),
        wxr.item(2, "Bridge reopens", creator="jane"),
        wxr.item(3, "Market day", creator="bsmith"),
    )  # fmt: skip


def byline(wp_id):
    return Article.objects.get(slug=f"post-{wp_id}").authors.get()


# --author-map


def test_an_author_map_merges_two_logins_and_renames_one(newsroom, tmp_path):
    mapping = tmp_path / "authors.csv"
    mapping.write_text("# login,name[,person-slug]\njdoe,Jane Doe\njane,Jane Doe\n\n"
                       "bsmith,Robert Smith,robert-smith\n")  # fmt: skip
    report = run(newsroom, "--author-map", mapping)
    assert sorted(Person.objects.values_list("name", "slug")) == [
        ("Jane Doe", "jane-doe"), ("Robert Smith", "robert-smith")]  # fmt: skip
    assert byline(1) == byline(2) == Person.objects.get(slug="jane-doe")
    assert byline(3).name == "Robert Smith"
    assert ImportedAuthor.objects.filter(person__slug="jane-doe").count() == 2
    assert "people matched to existing people" in report


def test_a_map_given_after_the_logins_came_in_says_so(newsroom, tmp_path):
    run(newsroom)
    mapping = tmp_path / "authors.csv"
    mapping.write_text("jdoe,Jane Doe\njane,Jane Doe\nbsmith,Robert Smith\n")
    report = run(newsroom, "--author-map", mapping)
    assert Person.objects.count() == 3  # nothing merged behind the editor's back
    listed = report.split("author map lines not applied")[1].split("\n\n")[0]
    assert "jane → Jane Doe" in listed and "bsmith → Robert Smith" in listed
    assert "jdoe" not in listed  # already Jane Doe


def test_without_a_map_each_login_is_its_own_person(newsroom):
    run(newsroom)
    assert sorted(Person.objects.values_list("name", flat=True)) == [
        "Bob Smith", "J. Doe", "Jane Doe"]  # fmt: skip


@pytest.mark.parametrize("content, problem", [
    ("jdoe,Jane Doe\njane\n", "line 2: expected login,name[,person-slug], got “jane”"),
    ("jdoe,\n", "line 1: expected login,name[,person-slug]"),
    (",Jane Doe\n", "line 1: expected login,name[,person-slug]"),
    ("jdoe,Jane,jane-doe,extra\n", "line 1: expected login,name[,person-slug]"),
    ("jdoe,Jane Doe\njdoe,Janet Doe\n", "line 2: “jdoe” is mapped twice, two ways"),
    (b"jdoe,Jos\xe9\n", "not UTF-8 text"),
])  # fmt: skip
def test_a_malformed_author_map_is_refused_before_anything_is_written(
    newsroom, tmp_path, content, problem
):
    mapping = tmp_path / "authors.csv"
    if isinstance(content, bytes):
        mapping.write_bytes(content)
    else:
        mapping.write_text(content)
    with pytest.raises(CommandError) as refused:
        run(newsroom, "--author-map", mapping)
    assert str(refused.value).startswith(f"--author-map {mapping}")
    assert problem in str(refused.value)
    assert nothing_written()


def test_an_author_map_that_is_not_there_is_refused(newsroom, tmp_path):
    with pytest.raises(CommandError, match="authors.csv: no such file"):
        run(newsroom, "--author-map", tmp_path / "authors.csv")
    with pytest.raises(CommandError, match="cannot be read"):
        run(newsroom, "--author-map", tmp_path)  # a folder
    assert nothing_written()


# --section-from


@pytest.fixture
def filed(tmp_path):
    """Posts in two categories; Yoast names the primary one by its term id."""
    both = [("news", "News"), ("sport", "Sport")]
    return wxr.write(
        tmp_path / "site.xml",
        wxr.category(5, "news", "News"), wxr.category(6, "sport", "Sport"),
        wxr.item(10, "Cup final", categories=both,
                 meta=[("_yoast_wpseo_primary_category", "6")]),
        wxr.item(11, "Budget", categories=both),
        wxr.item(12, "Derby", categories=both,
                 meta=[("_yoast_wpseo_primary_category", "99")]),  # no such term
    )  # fmt: skip


def sections():
    return dict(Article.objects.values_list("slug", "section__slug"))


def test_section_from_primary_takes_yoasts_primary_category(filed):
    run(filed, "--section-from", "primary")
    assert sections() == {"post-10": "sport", "post-11": "news", "post-12": "news"}
    cup = Article.objects.get(slug="post-10")
    assert list(cup.tags.values_list("slug", flat=True)) == ["news"]  # not lost


def test_section_from_category_takes_the_first_category(filed):
    run(filed)
    assert sections() == {"post-10": "news", "post-11": "news", "post-12": "news"}


# --dry-run


def report_lines(text):
    """The report without its first line and its timing."""
    return [line for line in text.splitlines()[1:] if not line.startswith("Done in")]


def test_a_dry_run_prints_the_same_report_as_the_real_run():
    theme = fixture(THEME)
    dry = run(theme, "--dry-run")
    assert dry.startswith("Dry run: nothing was written.")
    assert not (Article.objects.exists() or Person.objects.exists())
    real = run(theme)
    assert real.startswith("Import finished.")
    assert report_lines(dry) == report_lines(real)


# Bad input


def bomb(tmp_path):
    entities = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{n} "{("&a" + str(n - 1) + ";") * 10}">' for n in range(1, 8)
    )
    return (
        f"<?xml version='1.0'?><!DOCTYPE rss [{entities}]>{HEADER}<title>&a7;</title>"
    )


def external_entity(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the newsroom's database password")
    return (
        f"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY x SYSTEM 'file://{secret}'>]>"
        f"{HEADER}<item><title>&x;</title></item></channel></rss>"
    )


BAD_FILES = {
    "not-xml.json": (lambda tmp: '{"posts": []}\n', "line 1: the XML is malformed"),
    "empty.xml": (lambda tmp: "", "the XML is malformed"),
    "page.xml": (lambda tmp: '<?xml version="1.0"?>\n<html><body>hi</body></html>',
                 "line 2: this is not a WXR file: its root is <html>, not <rss>"),
    "feed.xml": (lambda tmp: "<rss>\n<channel>\n<item><title>x</title></item>"
                             "</channel></rss>",
                 "line 3: this does not look like a WXR file: there is no wp:wxr_v"),
    # libxml2 stops the amplification itself, or we refuse the DTD: either way.
    "bomb.xml": (bomb, r"line 1: (the file declares a DTD|.*entity amplification)"),
    "xxe.xml": (external_entity, "line 1: the file declares a DTD"),
    # The DTD's own line, not the root's after it.
    "late-dtd.xml": (lambda tmp: f'<?xml version="1.0"?>\n<!-- hi -->\n<!DOCTYPE rss '
                                 f'[<!ENTITY x "y">]>\n{HEADER}</channel></rss>',
                     "line 3: the file declares a DTD"),
}  # fmt: skip


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_is_refused_naming_the_problem_and_the_line(tmp_path, name):
    make, problem = BAD_FILES[name]
    path = tmp_path / name
    path.write_text(make(tmp_path))
    with pytest.raises(CommandError) as refused:
        run(path)
    assert str(refused.value).startswith(f"{path}: ")
    assert re.search(problem, str(refused.value))
    assert "password" not in str(refused.value)
    assert nothing_written()


def test_a_missing_file_or_uploads_folder_is_refused(tmp_path, newsroom):
    with pytest.raises(CommandError, match="nowhere.xml: no such file"):
        run(tmp_path / "nowhere.xml")
    with pytest.raises(CommandError, match="--uploads .*nowhere: no such folder"):
        run(newsroom, "--uploads", tmp_path / "nowhere")
    assert nothing_written()


@pytest.mark.parametrize("args, problem", [
    (["import-wxr", "{tmp}/bomb.xml"], "bomb.xml: line 1: "),
    (["import-wxr", "{tmp}/site.xml", "--author-map", "{tmp}/site.xml"],
     "--author-map {tmp}/site.xml, line 1: expected login,name[,person-slug]"),
])  # fmt: skip
def test_the_real_command_exits_non_zero_with_the_message(
    tmp_path, newsroom, args, problem
):
    """As a shell sees it: the sentence on stderr, exit status 1, no traceback."""
    (tmp_path / "bomb.xml").write_text(bomb(tmp_path))
    unused = tmp_path / "never-used.sqlite3"  # refused before any query
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{unused}",
           "MASTHEAD_VAR_DIR": str(tmp_path / "var")}  # fmt: skip
    env.pop("REDIS_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    argv = [MASTHEAD, *(a.format(tmp=tmp_path) for a in args)]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert problem.format(tmp=tmp_path) in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
