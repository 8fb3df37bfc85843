from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from masthead.api import services


class Command(BaseCommand):
    help = (
        "Create a personal API token for a user and print it (it is shown only once)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--name", default="API token", help="What the token is for."
        )

    def handle(self, *args, username, name, **options):
        user = (
            get_user_model().objects.filter(username=username, is_active=True).first()
        )
        if user is None:
            raise CommandError(f"There is no active user called “{username}”.")
        token, key = services.create_token(user=user, name=name)
        self.stdout.write(
            f"Token “{token.name}” for {username}. Copy it now; it is not stored:"
        )
        self.stdout.write(key)
