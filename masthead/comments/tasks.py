"""Background jobs of the comments app, run by `masthead worker`.

Emails go out from the worker, not from the reader's request: a slow or
unreachable mail server must not hold up, or fail, the posting of a comment.
"""

from masthead.editorial.jobs import job

EVENTS = ("posted", "approved")


@job()
def send_comment_emails(comment_id, event, base_url=None):
    from . import notifications
    from .models import Comment

    comment = (
        Comment.objects.select_related("article", "parent")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        return 0  # deleted before the worker reached it: nobody needs telling
    if event == "posted":
        notifications.comment_posted(comment, base=base_url)
    elif event == "approved":
        notifications.comment_approved(comment, base=base_url)
    else:
        raise ValueError(f"Unknown comment event {event!r}; expected one of {EVENTS}.")
    return 1
