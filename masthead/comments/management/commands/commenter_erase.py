from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from masthead.comments import privacy


class Command(BaseCommand):
    help = (
        "Anonymize every comment by an email address: name becomes “Anonymous”, "
        "email, website and user agent are cleared, the IP truncated. Threads stay."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an email address: {email!r}") from error
        count = privacy.erase_commenter(email)
        if not count:
            self.stdout.write(f"No comments by {email}; nothing to erase.")
            return
        self.stdout.write(f"Anonymized {count} comment(s) by {email}.")
