import os

from django.core.management.base import BaseCommand, CommandError

from masthead.demo.loader import (
    CONTENT_PATH,
    ensure_administrator,
    ensure_editor,
    load_demo,
    read_content,
)


class Command(BaseCommand):
    help = "Load the demo newsroom (The Alder Valley Ledger). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--content", default=str(CONTENT_PATH))
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args, content, url, **options):
        try:
            data = read_content(content)
        except (OSError, ValueError) as err:
            raise CommandError(f"Cannot read demo content {content}: {err}") from err
        created = load_demo(data, progress=self.stdout.write)
        password = os.environ.get("MASTHEAD_DEMO_PASSWORD", "ledger-demo")
        ensure_editor(password)
        ensure_administrator(password)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({created} new articles)."))
        self.stdout.write(f"Site:   {url}")
        self.stdout.write(f"Admin:  {url.rstrip('/')}/admin/")
        self.stdout.write(f"Editor login: username 'editor', password '{password}' (Editor role)")
        self.stdout.write(f"Settings and accounts: username 'admin', password '{password}'")
