import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from masthead.newsletters import editions
from masthead.newsletters.models import Delivery, Edition
from masthead.testing import make_article, make_newsletter, make_subscribers

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    user = get_user_model().objects.create_user("ed", "ed@ledger.example", "pw")
    user.groups.add(Group.objects.get(name="Editor"))
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def edition(site):
    briefing = make_newsletter(slug="briefing")
    make_subscribers(briefing, 4)
    make_subscribers(briefing, 2, confirmed=False)
    made = Edition.objects.create(newsletter=briefing, subject="Briefing")
    made.edition_stories.create(article=make_article())
    return made


def test_starting_writes_one_ledger_row_per_confirmed_subscriber(edition, editor):
    editions.schedule(edition=edition, user=editor)
    assert editions.start_due() == 1
    assert editions.start_due() == 0  # once only
    edition.refresh_from_db()
    assert edition.status == "sending" and edition.recipients == 4
    assert Delivery.objects.filter(edition=edition, state="queued").count() == 4
    assert "Briefing" in edition.html_body  # frozen as it is sent


def test_an_edition_is_sent_when_its_ledger_is_settled(edition, editor):
    editions.schedule(edition=edition, user=editor)
    editions.start_due()
    Delivery.objects.update(state="sent")
    assert editions.finish_sent() == 1
    assert Edition.objects.get().status == "sent"


def test_a_schedule_in_the_future_waits_and_can_be_cancelled(edition, editor):
    editions.schedule(
        edition=edition,
        user=editor,
        send_at=timezone.now() + timezone.timedelta(hours=1),
    )
    assert editions.start_due() == 0
    assert editions.cancel(edition=edition, user=editor) == 1
    assert Edition.objects.get().status == "draft"


def test_only_users_with_the_permission_send(edition):
    writer = get_user_model().objects.create_user("w", "w@ledger.example", "pw")
    writer.groups.add(Group.objects.get(name="Author"))
    with pytest.raises(PermissionDenied):
        editions.schedule(edition=edition, user=writer)
    with pytest.raises(PermissionDenied):
        editions.send_test(edition=edition, user=writer)


def test_a_test_goes_to_the_editor_only(edition, editor):
    editions.send_test(edition=edition, user=editor)
    [message] = mail.outbox
    assert message.to == ["ed@ledger.example"]
    assert (
        message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    )
    assert not Delivery.objects.exists()
