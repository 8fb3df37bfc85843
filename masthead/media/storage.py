"""Where uploads and renditions are kept: a local folder, or an S3 bucket.

Every write goes through default_storage (uploads, renditions, crops, embed
thumbnails, imported attachments), so one setting moves them all
(core/media_storage.py reads it). Pages never ask the store anything: links
are strings built from the public address, and the facts a page shows (size,
dimensions, which renditions exist) are columns written with the file
(issue 24, item 2).
"""

import logging
import mimetypes
import os
from pathlib import Path

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from storages.backends.s3 import S3Storage

log = logging.getLogger(__name__)

YEAR = 365 * 24 * 3600
# Rendition names change whenever their picture does (renditions.py: "same
# name must mean same picture"), so browsers and CDNs may keep them a year.
IMMUTABLE = f"public, max-age={YEAR}, immutable"


class S3MediaStorage(S3Storage):
    """django-storages' S3 backend with the headers our pages count on and
    short timeouts, so a store that stops answering fails an upload quickly
    instead of holding a worker."""

    def __init__(self, **options):
        options.setdefault(
            "client_config",
            Config(
                connect_timeout=5,
                read_timeout=30,
                retries={"max_attempts": 3, "mode": "standard"},
                s3={"addressing_style": options.get("addressing_style")},
            ),
        )
        super().__init__(**options)

    def get_object_parameters(self, name):
        # name is the object's key, under the URL's prefix (location).
        relative = name.removeprefix(f"{self.location}/") if self.location else name
        params = super().get_object_parameters(name)
        params.setdefault("CacheControl", cache_control(relative))
        # From the name, not the browser's word (an upload's content_type is
        # whatever the client sent): images are served with their own type.
        guessed = mimetypes.guess_type(relative)[0]
        if guessed:
            params.setdefault("ContentType", guessed)
        return params


def cache_control(name):
    """The Cache-Control an object is stored with, as the app would serve it
    (core/uploads.py): a year for renditions, a day for originals."""
    if name.startswith("renditions/"):
        return IMMUTABLE
    return f"public, max-age={getattr(settings, 'MASTHEAD_MEDIA_MAX_AGE', 86400)}"


def is_local(storage=None):
    return isinstance(storage or default_storage, FileSystemStorage)


def is_reachable(storage=None):
    """Whether uploads can be stored now: the bucket answers, or the local
    folder exists (or can be made) and is writable. For /readyz; one request."""
    storage = storage or default_storage
    if isinstance(storage, S3Storage):
        try:
            storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
        except (BotoCoreError, ClientError) as err:
            log.warning("media storage unreachable: %s", err)
            return False
        return True
    location = getattr(storage, "location", None)
    if location is None:  # another backend: listing it is the check
        try:
            storage.listdir("")
        except OSError:
            return False
        return True
    return _writable_folder(Path(location))


def _writable_folder(path):
    # Django makes MEDIA_ROOT on the first upload, so a new site has none yet.
    while not path.exists():
        path = path.parent
    return path.is_dir() and os.access(path, os.W_OK | os.X_OK)
