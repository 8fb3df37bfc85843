"""The soft lock: who has a story open, until their heartbeats stop."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from masthead.articles.models import Article
from masthead.editorial import locks
from masthead.testing import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(status=Article.Status.DRAFT)


def test_the_first_heartbeat_claims_a_free_story(make_user, article):
    ana = make_user("Editor")
    lock = locks.heartbeat(article=article, user=ana)
    assert lock.user == ana and locks.holder(article).user == ana


def test_another_editors_live_lock_stands(make_user, article):
    ana, ben = make_user("Editor"), make_user("Editor")
    locks.heartbeat(article=article, user=ana)
    lock = locks.heartbeat(article=article, user=ben)
    assert lock.user == ana


def test_a_lock_without_heartbeats_lapses_and_passes_on(make_user, article, settings):
    settings.MASTHEAD_EDIT_LOCK_SECONDS = 180
    ana, ben = make_user("Editor"), make_user("Editor")
    start = timezone.now()
    locks.heartbeat(article=article, user=ana, now=start)
    later = start + timedelta(seconds=179)
    assert locks.holder(article, now=later).user == ana
    gone = start + timedelta(seconds=181)
    assert locks.holder(article, now=gone) is None
    lock = locks.heartbeat(article=article, user=ben, now=gone)
    assert lock.user == ben and lock.since == gone


def test_heartbeats_keep_the_lock_and_its_start(make_user, article, settings):
    settings.MASTHEAD_EDIT_LOCK_SECONDS = 180
    ana, ben = make_user("Editor"), make_user("Editor")
    start = timezone.now()
    for minute in range(5):
        locks.heartbeat(
            article=article, user=ana, now=start + timedelta(minutes=minute)
        )
    lock = locks.heartbeat(article=article, user=ben, now=start + timedelta(minutes=5))
    assert lock.user == ana and lock.since == start


def test_take_over_moves_the_lock(make_user, article):
    ana, ben = make_user("Editor"), make_user("Editor")
    locks.heartbeat(article=article, user=ana)
    locks.take_over(article=article, user=ben)
    assert locks.holder(article).user == ben
    assert locks.heartbeat(article=article, user=ana).user == ben  # told, not retaken


def test_leaving_frees_the_story_only_for_its_holder(make_user, article):
    ana, ben = make_user("Editor"), make_user("Editor")
    locks.heartbeat(article=article, user=ana)
    locks.release(article=article, user=ben)
    assert locks.holder(article).user == ana
    locks.release(article=article, user=ana)
    assert locks.holder(article) is None


def test_only_those_who_may_edit_the_story_hold_it(make_user, article):
    contributor = make_user("Contributor")  # not their article
    with pytest.raises(PermissionDenied):
        locks.heartbeat(article=article, user=contributor)
    with pytest.raises(PermissionDenied):
        locks.take_over(article=article, user=contributor)
