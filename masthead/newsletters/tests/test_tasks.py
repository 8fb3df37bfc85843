"""The worker's chore does the whole round: confirmations, due editions, sending."""

import pytest
from django.core import mail

from masthead.jobs import chores
from masthead.newsletters import services, tasks
from masthead.newsletters.models import Edition, Subscriber
from masthead.testing import make_article, make_newsletter, make_subscribers

pytestmark = pytest.mark.django_db


def test_the_chores_are_registered():
    names = {chore.name for chore in chores.registered()}
    assert "masthead.newsletters.tasks.newsletters_chore" in names
    assert "masthead.newsletters.tasks.purge_unconfirmed_chore" in names


def test_one_tick_confirms_starts_and_sends(site):
    briefing = make_newsletter(slug="briefing")
    make_subscribers(briefing, 3)
    services.sign_up(email="new@example.com", newsletters=[briefing])
    edition = Edition.objects.create(newsletter=briefing, subject="Briefing",
                                     status="scheduled")
    edition.edition_stories.create(article=make_article())
    lines = []
    tasks.newsletters_chore(log=lines.append)
    assert len(mail.outbox) == 4  # one confirmation, three editions
    assert Edition.objects.get().status == "sent"
    assert "newsletter messages sent: 3" in lines
    assert not Subscriber.objects.filter(confirmation_due=True).exists()


def test_worker_names_differ_between_processes():
    assert tasks.worker_name().count("-") >= 2
