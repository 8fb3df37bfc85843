from django.core.management.base import BaseCommand, CommandError

from masthead.comments import privacy


class Command(BaseCommand):
    help = (
        "Truncate commenters' IP addresses to /24 (IPv4) or /64 (IPv6) once they "
        "are older than MASTHEAD_COMMENTS_IP_RETENTION_DAYS (default 30). Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="override the retention setting")

    def handle(self, *args, days=None, **options):
        if days is not None and days < 0:
            raise CommandError("--days must be 0 or more.")
        changed = privacy.truncate_old_ips(days=days)
        self.stdout.write(f"Truncated {changed} comment IP address(es).")
