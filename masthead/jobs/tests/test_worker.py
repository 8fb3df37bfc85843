from datetime import timedelta
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.utils import timezone

from masthead.articles.models import Article
from masthead.editorial.models import Transition
from masthead.jobs import queue as jobs
from masthead.testing import make_article

pytestmark = pytest.mark.django_db


@jobs.job()
def remember(value):
    cache.set("masthead-test-job", value)
    return value


def run_worker_once():
    out = StringIO()
    call_command("worker", "--once", stdout=out)
    return out.getvalue()


def test_a_queued_job_waits_for_the_worker_and_then_runs():
    jobs.enqueue(remember, "hello")
    assert cache.get("masthead-test-job") is None
    output = run_worker_once()
    assert cache.get("masthead-test-job") == "hello"
    assert "test_worker.remember successful" in output


def test_a_job_held_until_later_is_not_run_early():
    jobs.enqueue(remember, "later", run_after=timezone.now() + timedelta(hours=1))
    assert jobs.run_pending() == 0
    assert cache.get("masthead-test-job") is None


def test_the_worker_publishes_scheduled_articles_when_their_time_comes():
    due = make_article(
        status=Article.Status.SCHEDULED,
        title="Budget passes",
        published_at=timezone.now() - timedelta(seconds=30),
    )
    output = run_worker_once()
    assert Article.objects.get(pk=due.pk).status == Article.Status.PUBLISHED
    assert "published scheduled article" in output and "Budget passes" in output
    assert Transition.objects.filter(article=due, user=None, name="publish").exists()


def test_the_worker_sends_the_emails_about_new_comments(mailoutbox):
    from django.contrib.auth import get_user_model

    from masthead.comments import services

    get_user_model().objects.create_user("ed", "ed@ledger.example", "pw", is_staff=True)
    services.post_comment(article=make_article(), name="Ada", email="ada@example.com",
                          body="When is the vote?", user=None)
    assert mailoutbox == []
    output = run_worker_once()
    assert [m.to for m in mailoutbox] == [["ed@ledger.example"]]
    assert "emails sent about new comments: 1" in output
    run_worker_once()
    assert len(mailoutbox) == 1


def test_the_worker_refuses_a_nonsense_interval():
    with pytest.raises(CommandError, match="positive number"):
        call_command("worker", "--once", "--interval", "0")
