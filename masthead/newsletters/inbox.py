"""Mail that comes back: bounces, spam complaints and mailed unsubscribes.

Newsletters leave with MASTHEAD_NEWSLETTER_INBOX as their envelope sender and
as the `mailto:` of List-Unsubscribe, so all three arrive there;
`masthead newsletter-inbox` reads them (piped from the mail server one at a
time, or a Maildir) and acts:

- a delivery status notification (RFC 3464) saying a recipient failed
  permanently (status 5.x.x) suppresses that address; a delay (4.x.x) does not;
- a complaint (an ARF feedback report, RFC 5965, as providers' feedback
  loops send) suppresses the address it names;
- "unsubscribe TOKEN" in the subject, which a mail client writes from the
  mailto: link, unsubscribes the token's reader from its list.

Suppressed addresses are shown to editors (Subscribers, filtered by
"suppressed"), with the reason.
"""

import re
from email import policy
from email.parser import BytesParser

from . import services

TOKEN = re.compile(r"unsubscribe\s+(\S+)", re.IGNORECASE)


def handle(raw):
    """Act on one message; returns a line saying what was done."""
    message = BytesParser(policy=policy.compat32).parsebytes(raw)
    if message.get_content_type() == "multipart/report":
        kind = message.get_param("report-type", "").lower()
        if kind == "delivery-status":
            return _bounce(message)
        if kind == "feedback-report":
            return _complaint(message)
    found = TOKEN.search(" ".join(str(message.get("Subject", "")).split()))
    if found:
        done = services.unsubscribe_by_token(found.group(1))
        return "unsubscribed by email" if done else "unsubscribe token not valid"
    return "ignored: not a bounce, complaint or unsubscribe"


def _bounce(message):
    failed = []
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        for block in _status_blocks(part):
            status = block.get("Status", "")
            recipient = _address(block.get("Final-Recipient", ""))
            if block.get("Action", "").lower() == "failed" and status.startswith("5"):
                reason = block.get("Diagnostic-Code", "") or f"status {status}"
                services.suppress(email=recipient, reason=f"Bounced: {reason}")
                failed.append(recipient)
    return (
        f"bounce: suppressed {len(failed)}" if failed else "bounce: nothing permanent"
    )


def _complaint(message):
    for part in message.walk():
        if part.get_content_type() in ("message/rfc822", "text/rfc822-headers"):
            payload = part.get_payload()
            original = payload[0] if isinstance(payload, list) else _headers(payload)
            recipient = _address(original.get("To", ""))
            if recipient:
                services.suppress(email=recipient, reason="Reported as spam")
                return "complaint: suppressed 1"
    return "complaint: no recipient found"


def _status_blocks(part):
    """The per-recipient field groups of a message/delivery-status part."""
    payload = part.get_payload()
    if isinstance(payload, list):  # parsed into one Message per field group
        return payload[1:] if len(payload) > 1 else payload
    return [
        _headers(group) for group in str(payload).split("\n\n")[1:] if group.strip()
    ]


def _headers(text):
    return BytesParser(policy=policy.compat32).parsebytes(
        str(text).encode(), headersonly=True
    )


def _address(field):
    """'rfc822; ada@example.com' or 'Ada <ada@example.com>' -> the address."""
    value = str(field).split(";", 1)[-1].strip()
    found = re.search(r"<([^>]+)>", value)
    return (found.group(1) if found else value).strip().lower()
