"""A provider's bounce webhook, through django-anymail (Postmark's format)."""

import base64
import json

import pytest

from masthead.newsletters.models import Subscriber, Subscription
from masthead.testing import make_newsletter, make_subscribers

pytestmark = pytest.mark.django_db
URL = "/anymail/postmark/tracking/"


@pytest.fixture
def reader(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "postmark:hook-secret"}
    return make_subscribers(make_newsletter(), 1)[0]


def post(client, payload, secret="postmark:hook-secret"):
    auth = "Basic " + base64.b64encode(secret.encode()).decode()
    return client.post(
        URL,
        json.dumps(payload),
        content_type="application/json",
        headers={"Authorization": auth},
    )


def test_a_hard_bounce_reported_by_the_provider_suppresses_the_address(client, reader):
    response = post(
        client,
        {
            "RecordType": "Bounce",
            "Type": "HardBounce",
            "Email": reader.email,
            "Description": "Unknown user",
            "MessageID": "abc",
            "BouncedAt": "2026-12-04T10:00:00Z",
        },
    )
    assert response.status_code == 200
    reader.refresh_from_db()
    assert (
        reader.is_suppressed
        and "Bounced (Postmark): Unknown user" == reader.suppressed_reason
    )


def test_a_complaint_suppresses_and_an_unsubscribe_ends_the_lists(client, reader):
    post(
        client,
        {
            "RecordType": "SubscriptionChange",
            "Recipient": reader.email,
            "SuppressSending": True,
            "SuppressionReason": "ManualSuppression",
            "ChangedAt": "2026-12-04T10:00:00Z",
            "MessageID": "abc",
        },
    )
    assert Subscription.objects.get().status == "unsubscribed"
    post(
        client,
        {
            "RecordType": "SpamComplaint",
            "Type": "SpamComplaint",
            "Email": reader.email,
            "MessageID": "abc",
            "BouncedAt": "2026-12-04T10:00:00Z",
        },
    )
    assert Subscriber.objects.get().suppressed_reason.startswith("Reported as spam")


def test_a_webhook_without_the_secret_changes_nothing(client, reader):
    response = post(
        client,
        {
            "RecordType": "Bounce",
            "Type": "HardBounce",
            "Email": reader.email,
            "MessageID": "abc",
            "BouncedAt": "2026-12-04T10:00:00Z",
        },
        secret="x:y",
    )
    assert response.status_code in (400, 401, 403)
    assert not Subscriber.objects.get().is_suppressed
