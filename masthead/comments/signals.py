from django.dispatch import Signal

# Sent after a comment is stored; kwargs: comment, request.
comment_was_posted = Signal()
# Sent after a moderator changes a comment's status; kwargs: comment, previous_status.
comment_was_moderated = Signal()
