import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from masthead.newsletters import privacy


class Command(BaseCommand):
    help = "Write everything held about a newsletter subscriber's address as JSON."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--output", "-o", help="file to write (default: stdout)")

    def handle(self, *args, email, output=None, **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an email address: {email!r}") from error
        data = privacy.export_subscriber(email)
        if data is None:
            self.stderr.write(f"No subscriber {email}; nothing to export.")
            return
        text = json.dumps(data, indent=2, ensure_ascii=False)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            self.stderr.write(f"Wrote {output}.")
        else:
            self.stdout.write(text)
