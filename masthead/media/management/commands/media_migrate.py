"""`masthead media-migrate --to s3`: local media into the configured bucket."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError
from storages.backends.s3 import S3Storage

from masthead.core.progress import Progress
from masthead.media import transfer


class Command(BaseCommand):
    help = (
        "Copy uploads and renditions from the local media folder to the S3 bucket "
        "MASTHEAD_MEDIA_STORAGE_URL names, then check every file. Files already "
        "there (same size and checksum) are skipped, so it can be run again to "
        "finish a copy that stopped. Local files are left in place."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", choices=["s3"], required=True,
                            help="Where to copy: the configured S3 bucket.")
        parser.add_argument("--from", dest="source", type=Path, default=None,
                            help="The local media folder (default: MEDIA_ROOT).")

    def handle(self, *, to, source, **options):
        source = Path(source or settings.MEDIA_ROOT)
        if not source.is_dir():
            raise CommandError(f"{source}: no such folder, nothing to copy.")
        bucket = storages["default"]
        if not isinstance(bucket, S3Storage):
            raise CommandError(
                "Media is stored locally: set MASTHEAD_MEDIA_STORAGE_URL to the "
                "bucket (s3://BUCKET/PREFIX?endpoint_url=...) and run this again."
            )
        files = transfer.local_files(source)
        try:
            report = self._copy(files, bucket)
            mismatched = self._verify(files, bucket)
        except transfer.TransferError as err:
            raise CommandError(str(err)) from err
        self.stdout.write(
            f"{report.copied} file(s) copied ({report.bytes:,} bytes), "
            f"{report.skipped} already in the bucket, from {source} "
            f"to {bucket.bucket_name}."
        )
        if mismatched:
            shown = ", ".join(mismatched[:10])
            raise CommandError(
                f"Verification failed: {len(mismatched)} file(s) differ in the "
                f"bucket: {shown}. Run the command again to copy them."
            )
        self.stdout.write(self.style.SUCCESS(f"Verified: all {len(files)} file(s)."))

    def _copy(self, files, bucket):
        progress = Progress("Copying", len(files), stream=self.stderr)
        try:
            return transfer.copy_to_bucket(files, bucket, progress=progress)
        finally:
            progress.close()

    def _verify(self, files, bucket):
        progress = Progress("Verifying", len(files), stream=self.stderr)
        try:
            return transfer.verify(files, bucket, progress=progress)
        finally:
            progress.close()
