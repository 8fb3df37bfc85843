"""Bounces and complaints that a mail provider reports by webhook.

django-anymail parses the webhooks of Amazon SES, Brevo, Mailgun, Mailjet,
Postmark, Resend, SendGrid, SparkPost and the rest into one tracking signal;
this receives it. A bounce, a provider's rejection or a spam complaint
suppresses the address; a provider-side unsubscribe ends every list. The
webhook URLs are under /anymail/ (e.g. /anymail/postmark/tracking/),
guarded by ANYMAIL_WEBHOOK_SECRET as HTTP basic auth ("user:password" in the
URL the provider is given); without it no request can pass (settings/base.py).
"""

from anymail.signals import EventType, tracking

from . import services
from .models import Subscriber

SUPPRESSING = {
    EventType.BOUNCED: "Bounced",
    EventType.REJECTED: "Refused by the provider",
    EventType.COMPLAINED: "Reported as spam",
}


def provider_event(sender, event, esp_name, **kwargs):
    if not event.recipient:
        return
    reason = SUPPRESSING.get(event.event_type)
    if reason:
        detail = event.description or event.mta_response or event.reject_reason or ""
        services.suppress(
            email=event.recipient,
            reason=f"{reason} ({esp_name}){': ' + detail if detail else ''}",
        )
    elif event.event_type == EventType.UNSUBSCRIBED:
        for subscriber in Subscriber.objects.by_email(event.recipient):
            services.unsubscribe(subscriber=subscriber)


def connect():
    tracking.connect(
        provider_event, dispatch_uid="masthead-newsletters-provider-events"
    )
