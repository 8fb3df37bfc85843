"""Background work of the comments app, run by `masthead worker`.

Emails go out from the worker, not from the reader's request: a slow or
unreachable mail server must not hold up, or fail, the posting of a comment.

A new comment is stored with `emails_due` set, and `send_due_emails` sends
what it calls for: the comment row is its own outbox, so a post writes one
row, and its emails exist exactly when it does. Approvals, rarer and made by
editors, queue a job (`send_comment_emails`) with the host they were made on;
its "posted" event still runs the jobs queued before comments had an outbox.
"""

import smtplib

from django.db import DatabaseError, transaction

from masthead.jobs.queue import job

from . import notifications
from .models import Comment
from .privacy import truncate_old_ips

EVENTS = ("posted", "approved")
BATCH = 100


def send_due_emails(*, log=lambda line: None):
    """Send the emails about newly stored comments; returns how many comments.

    Each batch is claimed (flag cleared) before it is sent, under row locks
    other workers skip: two workers never email about the same comment. A
    refusal of one address is logged, not retried; a mail server that cannot
    be reached (or answers 4xx) gives the flag back to the comment and to the
    rest of the batch, which wait for the next tick (issue 24: stopping the
    SMTP server lost every email due meanwhile). A comment whose first email
    left before the server went may send that one twice: never none.
    The database going away mid-batch is the same: the flags are given back,
    by the next call if the database cannot take them now.
    """
    _give_back_owed()
    done = 0
    while True:
        with transaction.atomic():
            claimed = list(
                Comment.objects.filter(emails_due=True)
                .select_related("article", "parent")
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("pk")[:BATCH]
            )
            Comment.objects.filter(pk__in=[c.pk for c in claimed]).update(emails_due=False)
        if not claimed:
            return done
        for position, comment in enumerate(claimed):
            if not _send_logged(comment, "posted", None, log):
                waiting = [c.pk for c in claimed[position:]]
                _owed_flags.update(waiting)
                log(f"mail server or database away: emails about {len(waiting)} "
                    "comments wait")
                _give_back_owed()
                return done + position
        done += len(claimed)


# Comments whose emails were claimed but not sent, while the database could
# not take their flag back: this process gives it back on its next call.
_owed_flags = set()


def _give_back_owed():
    if _owed_flags:
        Comment.objects.filter(pk__in=list(_owed_flags)).update(emails_due=True)
        _owed_flags.clear()


@job()
def send_comment_emails(comment_id, event, base_url=None):
    comment = (
        Comment.objects.select_related("article", "parent")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        return 0  # deleted before the worker reached it: nobody needs telling
    if event not in EVENTS:
        raise ValueError(f"Unknown comment event {event!r}; expected one of {EVENTS}.")
    _send(comment, event, base_url)
    return 1


def _send(comment, event, base_url):
    if event == "posted":
        notifications.comment_posted(comment, base=base_url)
    else:
        notifications.comment_approved(comment, base=base_url)


def _send_logged(comment, event, base_url, log):
    """Send; False when the mail server is away (try again later)."""
    try:
        _send(comment, event, base_url)
    except DatabaseError:
        return False  # the recipients could not be read: later, not never
    except Exception as error:  # one bad address must not stop the others
        if mail_server_away(error):
            return False
        log(f"emails about comment {comment.pk} failed: {error!r}")
    return True


def mail_server_away(error):
    """Not this message's fault: no connection, a dropped one, or a 4xx
    ("try again later") reply."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        temporary = 400 <= error.smtp_code < 500
        return temporary or isinstance(error, smtplib.SMTPConnectError)
    return isinstance(error, (ConnectionError, TimeoutError,
                              smtplib.SMTPServerDisconnected))


def send_due_emails_chore(*, log):
    """The worker's chore (jobs/chores.py): every tick, the new comments' emails."""
    sent = send_due_emails(log=log)
    if sent:
        log(f"emails sent about new comments: {sent}")


def truncate_old_ips_chore(*, log):
    """The worker's daily privacy chore, so it needs no cron job."""
    truncated = truncate_old_ips()
    if truncated:
        log(f"truncated {truncated} commenter IP addresses past retention")
