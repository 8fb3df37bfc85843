from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from masthead.accounts import twofactor


class Command(BaseCommand):
    help = (
        "Remove a staff member's two-factor devices (authenticator and recovery "
        "codes), for someone who has lost both: they then sign in with their "
        "password and set up a new app."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user called “{username}”.")
        count = twofactor.reset(user)
        self.stdout.write(f"Removed {count} two-factor device(s) for {username}.")
