import mailbox
import sys

from django.core.management.base import BaseCommand

from masthead.newsletters import inbox


class Command(BaseCommand):
    help = (
        "Read mail sent back to MASTHEAD_NEWSLETTER_INBOX: bounces and spam "
        "complaints suppress the address, mailed unsubscribes unsubscribe. One "
        "message on standard input (as a mail server's pipe delivers it), or "
        "every new message of a Maildir."
    )

    def add_arguments(self, parser):
        parser.add_argument("--maildir", help="read new messages here, then file them")

    def handle(self, *args, maildir=None, **options):
        if maildir is None:
            self.stdout.write(inbox.handle(sys.stdin.buffer.read()))
            return
        box = mailbox.Maildir(maildir, create=False)
        for key in list(box.iterkeys()):
            if box.get_message(key).get_subdir() != "new":
                continue
            self.stdout.write(f"{key}: {inbox.handle(box.get_bytes(key))}")
            message = box.get_message(key)
            message.set_subdir("cur")
            box[key] = message
