from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from masthead.newsletters import privacy


class Command(BaseCommand):
    help = (
        "Delete a newsletter subscriber: the address, their lists and their rows "
        "in the send ledger. Links in emails already sent stop working."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an email address: {email!r}") from error
        if not privacy.erase_subscriber(email):
            self.stdout.write(f"No subscriber {email}; nothing to erase.")
            return
        self.stdout.write(f"Erased subscriber {email}.")
