"""How an edition's messages leave: built once, filled in per recipient, handed over.

`PreparedEdition` asks Django for one message with placeholders (recipient,
Message-ID, date, links) and keeps its bytes; each recipient's message is
those bytes with the placeholders filled in. Django took ~2.3 ms to build
and encode one such message; filling one in takes microseconds, which is
what lets one worker send more than 1,000 a second (issue 23's bar). A backend
that is not SMTP (a django-anymail provider) gets an ordinary
EmailMultiAlternatives with the same subject, parts and headers.

`HandoverSMTPBackend` is Django's SMTP backend with two changes: the one write
that ends the message (its text and the final "." after which the server
accepts it) happens inside the transaction that marks the ledger row, which
commits right after it (sending.py explains why); and MAIL, RCPT and DATA are
pipelined when the server allows.
"""

import smtplib
import socket
from email.utils import formataddr, formatdate, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.smtp import EmailBackend
from django.core.mail.message import sanitize_address

from .compose import MANAGE_URL, UNSUBSCRIBE_URL
from .dkim import signer

TO = "masthead-recipient@placeholder.invalid"
MESSAGE_ID = "<masthead-message-id@placeholder.invalid>"
DATE = "Thu, 01 Jan 1970 00:00:00 -0000"
MAILTO = "MASTHEADMAILTOTOKEN"
ONE_CLICK_URL = "MASTHEADONECLICKURL"
PLACEHOLDERS = [TO, MESSAGE_ID, DATE, MAILTO, ONE_CLICK_URL, MANAGE_URL,
                UNSUBSCRIBE_URL]  # fmt: skip


def sender_address():
    """The site's name as the sender's name, at DEFAULT_FROM_EMAIL's address."""
    return formataddr(
        (settings.MASTHEAD_SITE_NAME, parseaddr(settings.DEFAULT_FROM_EMAIL)[1])
    )


def inbox_address():
    """Where bounces and mailto unsubscribes go (`masthead newsletter-inbox`)."""
    return (
        settings.MASTHEAD_NEWSLETTER_INBOX or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    )


def envelope_address(email):
    """The address as SMTP and headers carry it (an IDN domain in punycode);
    Django's sanitize_address costs ~0.2 ms, so ASCII passes as it is."""
    return email if email.isascii() else sanitize_address(email, "utf-8")


class Recipient:
    """One recipient's values for the placeholders."""

    __slots__ = ("email", "message_id", "one_click_url", "mailto_token",
                 "manage_url", "unsubscribe_url")  # fmt: skip

    def __init__(
        self,
        email,
        message_id,
        one_click_url,
        mailto_token,
        manage_url,
        unsubscribe_url,
    ):
        self.email, self.message_id = email, message_id
        self.one_click_url, self.mailto_token = one_click_url, mailto_token
        self.manage_url, self.unsubscribe_url = manage_url, unsubscribe_url

    def values(self):
        return {
            TO: envelope_address(self.email),
            MESSAGE_ID: self.message_id,
            DATE: formatdate(localtime=settings.EMAIL_USE_LOCALTIME),
            MAILTO: self.mailto_token,
            ONE_CLICK_URL: self.one_click_url,
            MANAGE_URL: self.manage_url,
            UNSUBSCRIBE_URL: self.unsubscribe_url,
        }


class PreparedEdition:
    """An edition's message with a hole for everything that is a recipient's."""

    def __init__(self, rendered, *, list_id):
        self.rendered, self.list_id = rendered, list_id
        self.from_email = sender_address()
        template = self._message(
            TO,
            self._headers(MESSAGE_ID, ONE_CLICK_URL, MAILTO),
            rendered.text,
            rendered.html,
        )
        template.extra_headers["Date"] = DATE
        self.segments = _split(template.message().as_bytes(linesep="\r\n"))
        self.sign = signer()

    def _headers(self, message_id, one_click_url, mailto_token):
        mailto = f"mailto:{inbox_address()}?subject=unsubscribe%20{mailto_token}"
        return {
            "Message-ID": message_id,
            "List-Id": self.list_id,
            "List-Unsubscribe": f"<{one_click_url}>, <{mailto}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }

    def _message(self, to, headers, text, html):
        message = EmailMultiAlternatives(
            self.rendered.subject,
            text,
            inbox_address(),
            [to],
            headers={"From": self.from_email, **headers},
        )
        message.attach_alternative(html, "text/html")
        return message

    def message_for(self, recipient):
        """The recipient's message: its bytes for SMTP, its parts for any backend."""
        values = recipient.values()
        raw = b"".join(
            values[part].encode() if index % 2 else part
            for index, part in enumerate(self.segments)
        )
        return PreparedMessage(
            self, recipient, values, self.sign(raw) + raw if self.sign else raw
        )


class PreparedMessage:
    """One recipient's message, as bytes; `as_email()` for other backends."""

    __slots__ = ("edition", "recipient", "values", "raw")

    def __init__(self, edition, recipient, values, raw):
        self.edition, self.recipient, self.values, self.raw = (
            edition,
            recipient,
            values,
            raw,
        )

    @property
    def from_email(self):
        return inbox_address()

    @property
    def to(self):
        return [self.recipient.email]

    @property
    def message_id(self):
        return self.recipient.message_id

    def as_email(self):
        """An EmailMultiAlternatives with the same subject, parts and headers
        (a django-anymail provider reads these, not the bytes)."""
        edition, recipient = self.edition, self.recipient
        message = edition._message(
            recipient.email,
            edition._headers(
                recipient.message_id, recipient.one_click_url, recipient.mailto_token
            ),
            _fill(edition.rendered.text, self.values),
            _fill(edition.rendered.html, self.values),
        )
        message.raw = self.raw
        message.message = lambda: _RawMessage(self.raw)
        return message

    def send(self):
        """Through the default backend (a test to an editor)."""
        return self.as_email().send()


class _RawMessage:
    """What Django's SMTP backend asks of message(): its bytes."""

    def __init__(self, raw):
        self.raw = raw

    def as_bytes(self, linesep="\r\n"):
        return self.raw


def _split(raw):
    """[bytes, placeholder, bytes, placeholder, ..., bytes]."""
    segments = [raw]
    for placeholder in PLACEHOLDERS:
        marker = placeholder.encode()
        split = []
        for index, part in enumerate(segments):
            if index % 2:
                split.append(part)
                continue
            pieces = part.split(marker)
            for n, piece in enumerate(pieces):
                if n:
                    split.append(placeholder)
                split.append(piece)
        segments = split
    found = {part for index, part in enumerate(segments) if index % 2}
    if found != set(PLACEHOLDERS):
        # Django chose an encoding that hides a placeholder (a line over 998
        # bytes): compose.py's folding is meant to make that impossible.
        raise ValueError(f"Placeholders lost in encoding: {set(PLACEHOLDERS) - found}")
    return segments


def _fill(text, values):
    for placeholder in (MANAGE_URL, UNSUBSCRIBE_URL):
        text = text.replace(placeholder, values[placeholder])
    return text


class HandoverError(Exception):
    """The ledger refused the hand-over (the row is no longer this worker's)."""


class _Handover:
    handover = None  # a context manager the message's final write happens in

    def _get_socket(self, host, port, timeout):
        sock = super()._get_socket(host, port, timeout)
        # The final "." goes in a segment of its own: without this, Nagle's
        # algorithm holds it until the server acknowledges the message.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    def sendmail(self, from_addr, to_addrs, msg, mail_options=(), rcpt_options=()):
        """smtplib's sendmail, with RFC 2920 pipelining when the server offers it:
        MAIL, RCPT and DATA go in one write and their replies are read after,
        one round trip instead of three (every large mail server offers it)."""
        self.ehlo_or_helo_if_needed()
        if not self.has_extn("pipelining") or mail_options or rcpt_options:
            return super().sendmail(
                from_addr, to_addrs, msg, mail_options, rcpt_options
            )
        size = f" SIZE={len(msg)}" if self.has_extn("size") else ""
        commands = [f"MAIL FROM:{smtplib.quoteaddr(from_addr)}{size}"]
        commands += [f"RCPT TO:{smtplib.quoteaddr(to)}" for to in to_addrs]
        self.send(("\r\n".join([*commands, "DATA"]) + "\r\n").encode())
        sender = self.getreply()
        refused = {}
        for to in to_addrs:
            code, reply = self.getreply()
            if code not in (250, 251):
                refused[to] = (code, reply)
        code, reply = self.getreply()  # to DATA
        if sender[0] != 250 or len(refused) == len(to_addrs) or code != 354:
            if code == 354:
                self.send(b"." + smtplib.bCRLF)  # end the empty message unsent
                self.getreply()
            self._rset()
            if sender[0] != 250:
                raise smtplib.SMTPSenderRefused(sender[0], sender[1], from_addr)
            if refused:
                raise smtplib.SMTPRecipientsRefused(refused)
            raise smtplib.SMTPDataError(code, reply)
        code, reply = self._send_data(msg)
        if code != 250:
            self._rset()
            raise smtplib.SMTPDataError(code, reply)
        return refused

    def data(self, msg):
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        return self._send_data(msg)

    def _send_data(self, msg):
        """The message and its final "." in one write, inside the hand-over.

        ``handover`` is a context manager: it marks the ledger row in a
        transaction that commits only after this write (sending.py explains
        why). If the mark is refused, the message is never ended: the server
        drops a message whose connection closes before its final line.
        """
        quoted = smtplib._quote_periods(msg)
        if quoted[-2:] != smtplib.bCRLF:
            quoted += smtplib.bCRLF
        if self.handover is None:
            self.send(quoted + b"." + smtplib.bCRLF)
            return self.getreply()
        try:
            with self.handover():
                self.send(quoted + b"." + smtplib.bCRLF)
        except HandoverError:
            self.close()
            raise
        return self.getreply()


class _SMTP(_Handover, smtplib.SMTP):
    pass


class _SMTPSSL(_Handover, smtplib.SMTP_SSL):
    pass


class HandoverSMTPBackend(EmailBackend):
    """Django's SMTP backend, recording the hand-over before the final line."""

    @property
    def connection_class(self):
        return _SMTPSSL if self.use_ssl else _SMTP

    def send_handing_over(self, message, handover):
        """Send one message, its final write inside ``handover()`` (a context
        manager), so the ledger's mark commits only once the server has it all.

        Raises what smtplib raises (never fails silently): sending.py sorts
        temporary from permanent failures by the SMTP code.
        """
        if self.connection is None:
            self.open()
        self.connection.handover = handover
        try:
            self.connection.sendmail(
                envelope_address(message.from_email),
                [envelope_address(to) for to in message.to],
                message.raw,
            )
        except (smtplib.SMTPServerDisconnected, OSError, HandoverError):
            self.connection = None  # closed or broken: open afresh next time
            raise
        finally:
            if self.connection is not None:
                self.connection.handover = None
