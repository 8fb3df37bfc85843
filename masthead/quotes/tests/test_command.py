from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from masthead.articles.models import Article
from masthead.quotes.models import Quote
from masthead.testing import make_article

DEVSET = Path(__file__).parent / "data" / "devset.jsonl"


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_quotes_eval_prints_scores_overall_and_per_cue_type():
    report = run("quotes_eval", str(DEVSET))
    assert "overall" in report and "speaker" in report
    assert "pronoun" in report and "continuation" in report


def test_quotes_eval_refuses_a_missing_file():
    with pytest.raises(CommandError, match="Cannot read"):
        run("quotes_eval", "/nonexistent/devset.jsonl")


def test_quotes_eval_refuses_records_of_the_wrong_shape(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "x", "quotes": [{"speaker": "no quote"}]}\n')
    with pytest.raises(CommandError, match="Record 1"):
        run("quotes_eval", str(path))
    path.write_text("{not json\n")
    with pytest.raises(CommandError, match="not JSON Lines"):
        run("quotes_eval", str(path))


@pytest.mark.django_db
def test_extract_quotes_reads_every_published_article_once():
    make_article(body="“We are open for business today,” Jo Smith said.")
    make_article(body="“Not yet public at all,” Jo Smith said.", status=Article.Status.DRAFT)
    assert "Read 1 of 1 published articles" in run("extract_quotes")
    assert Quote.objects.count() == 1
    assert "Read 0 of 1 published articles (1 unchanged)" in run("extract_quotes")
    assert "Read 1 of 1" in run("extract_quotes", "--force")


@pytest.mark.django_db
def test_the_demo_shows_voices_as_soon_as_it_is_loaded():
    from masthead.demo.loader import load_demo, read_content

    load_demo(read_content())
    assert Quote.objects.public().exists()
    assert Quote.objects.public().speakers().count() >= 3
