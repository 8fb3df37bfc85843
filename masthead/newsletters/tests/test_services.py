from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.newsletters import services, tokens
from masthead.newsletters.models import Subscriber, Subscription
from masthead.testing import make_newsletter, make_subscribers

pytestmark = pytest.mark.django_db


@pytest.fixture
def lists():
    return make_newsletter("Morning Briefing"), make_newsletter("Breaking news")


def test_a_sign_up_is_pending_until_confirmed(lists):
    subscriber = services.sign_up(email=" Ada@Example.com ", newsletters=lists)
    assert subscriber.email == "ada@example.com"
    assert set(subscriber.subscriptions.values_list("status", flat=True)) == {"pending"}
    assert Subscriber.objects.get().confirmation_due
    assert services.confirm(subscriber=subscriber) == 2
    assert set(subscriber.subscriptions.values_list("status", flat=True)) == {"active"}
    assert Subscriber.objects.get().confirmed_at is not None


def test_signing_up_again_keeps_one_row_and_active_lists(lists):
    briefing, breaking = lists
    first = services.sign_up(email="ada@example.com", newsletters=[briefing])
    services.confirm(subscriber=first)
    second = services.sign_up(email="ADA@example.com", newsletters=[briefing, breaking])
    assert second.pk == first.pk and Subscriber.objects.count() == 1
    statuses = dict(second.subscriptions.values_list("newsletter__name", "status"))
    assert statuses == {"Morning Briefing": "active", "Breaking news": "pending"}


def test_resubscribing_after_unsubscribing_needs_a_new_confirmation(lists):
    briefing, _ = lists
    subscriber = services.sign_up(email="ada@example.com", newsletters=[briefing])
    services.confirm(subscriber=subscriber)
    services.unsubscribe(subscriber=subscriber, newsletter=briefing)
    assert Subscription.objects.get().status == "unsubscribed"
    services.sign_up(email="ada@example.com", newsletters=[briefing])
    assert Subscription.objects.get().status == "pending"


def test_one_click_token_unsubscribes_from_its_list_only(lists):
    briefing, breaking = lists
    subscriber = services.sign_up(email="ada@example.com", newsletters=lists)
    services.confirm(subscriber=subscriber)
    token = tokens.unsubscribe_token(subscriber.pk, subscriber.key, briefing.pk)
    assert services.unsubscribe_by_token(token) == (subscriber, briefing)
    statuses = dict(subscriber.subscriptions.values_list("newsletter_id", "status"))
    assert statuses == {briefing.pk: "unsubscribed", breaking.pk: "active"}


def test_forged_or_rekeyed_tokens_do_nothing(lists):
    subscriber = services.sign_up(email="ada@example.com", newsletters=lists)
    token = tokens.unsubscribe_token(subscriber.pk, "wrong-key", lists[0].pk)
    assert services.unsubscribe_by_token(token) is None
    assert services.unsubscribe_by_token("not-a-token") is None
    assert (
        services.subscriber_for(
            tokens.confirm_token(subscriber) + "x", salt=tokens.CONFIRM
        )
        is None
    )


def test_choosing_lists_ends_unticked_and_asks_to_confirm_new_ones(lists):
    briefing, breaking = lists
    subscriber = services.sign_up(email="ada@example.com", newsletters=[briefing])
    services.confirm(subscriber=subscriber)
    assert services.choose_lists(subscriber=subscriber, wanted=[breaking.pk]) == 1
    statuses = dict(subscriber.subscriptions.values_list("newsletter_id", "status"))
    assert statuses == {briefing.pk: "unsubscribed", breaking.pk: "pending"}


def test_suppressed_addresses_are_not_recipients(lists):
    briefing, _ = lists
    readers = make_subscribers(briefing, 3)
    assert services.suppress(email=readers[0].email.upper(), reason="550\r\nno") == 1
    recipients = Subscriber.objects.recipients_of(briefing)
    assert readers[0] not in recipients and recipients.count() == 2
    assert Subscriber.objects.get(pk=readers[0].pk).suppressed_reason == "550 no"


def test_unconfirmed_sign_ups_are_forgotten_after_the_days(lists, settings):
    settings.MASTHEAD_NEWSLETTER_UNCONFIRMED_DAYS = 7
    services.sign_up(email="old@example.com", newsletters=lists)
    Subscriber.objects.update(created_at=timezone.now() - timedelta(days=8))
    services.sign_up(email="new@example.com", newsletters=lists)
    assert services.purge_unconfirmed() == 1
    assert list(Subscriber.objects.values_list("email", flat=True)) == [
        "new@example.com"
    ]


def test_a_confirmation_link_expires(lists, settings):
    subscriber = services.sign_up(email="ada@example.com", newsletters=lists)
    token = tokens.confirm_token(subscriber)
    assert services.subscriber_for(token, salt=tokens.CONFIRM, max_age=60) == subscriber
    assert services.subscriber_for(token, salt=tokens.CONFIRM, max_age=-1) is None
