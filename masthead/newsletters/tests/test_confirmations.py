import pytest
from django.core import mail
from django.utils import timezone

from masthead.newsletters import confirmations, services
from masthead.newsletters.models import Subscriber
from masthead.testing import make_newsletter

pytestmark = pytest.mark.django_db


def test_the_confirmation_lists_the_pending_lists_and_a_link(site):
    services.sign_up(email="ada@example.com", newsletters=[
        make_newsletter("Morning Briefing"), make_newsletter("Breaking news")])
    assert confirmations.send_due() == 1
    [message] = mail.outbox
    assert message.to == ["ada@example.com"]
    assert message.from_email == "The Ledger <newsroom@ledger.example>"
    assert "* Morning Briefing" in message.body and "* Breaking news" in message.body
    assert "http://testserver/newsletters/confirm/" in message.body
    assert confirmations.send_due() == 0  # sent once: the flag was cleared


def test_a_suppressed_address_is_not_written_to(site):
    services.sign_up(email="ada@example.com", newsletters=[make_newsletter()])
    Subscriber.objects.update(suppressed_at=timezone.now())
    confirmations.send_due()
    assert mail.outbox == []
