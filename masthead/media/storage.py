"""Where uploads and renditions are kept: a local folder, or an S3 bucket.

Every write goes through default_storage (uploads, renditions, crops, embed
thumbnails, imported attachments), so one setting moves them all
(core/media_storage.py reads it). Pages never ask the store anything: links
are strings built from the public address, and the facts a page shows (size,
dimensions, which renditions exist) are columns written with the file
(issue 24, item 2).
"""

import contextvars
import errno
import logging
import mimetypes
import os
import shutil
from pathlib import Path

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from storages.backends.s3 import S3Storage

log = logging.getLogger(__name__)

YEAR = 365 * 24 * 3600
PROBE_SECONDS = 2
PROBE_CONFIG = Config(
    connect_timeout=PROBE_SECONDS / 2,
    read_timeout=PROBE_SECONDS / 2,
    retries={"max_attempts": 1, "mode": "standard"},
)
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

    def answers(self):
        """One HeadBucket, given PROBE_SECONDS in all. For /readyz and the
        upload form: a load balancer waits a few seconds for /readyz, and a
        store that accepts connections and then hangs held it for a minute and
        a half (30 s read timeout, 3 attempts), taking every app server out."""
        self.probe_client.head_bucket(Bucket=self.bucket_name)
        return True

    @property
    def probe_client(self):
        """A client of the same store with PROBE_CONFIG's short deadlines."""
        client = getattr(self, "_probe_client", None)
        if client is None:
            client = self._probe_client = self._create_session().client(
                "s3",
                region_name=self.region_name,
                use_ssl=self.use_ssl,
                endpoint_url=self.endpoint_url,
                config=self.client_config.merge(PROBE_CONFIG),
                verify=self.verify,
            )
        return client

    def save_over(self, name, content):
        # The bucket keeps one object a key, so the name is used as given;
        # uploads still go through save(), which never replaces (file_overwrite
        # off: two pictures called crane.jpg are two files).
        return self._save(name, content)

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


class LocalMediaStorage(FileSystemStorage):
    """Django's folder storage that leaves no partial file behind when the disk
    fills during a write (found by bench/faults.py's disk fault, issue 24,
    item 8): the admin's transaction drops the row, and a truncated original
    would have stayed on the full disk, under a name nothing points at."""

    def _save(self, name, content):
        writing = _writing.set(name)
        try:
            return super()._save(name, content)
        except OSError as error:
            if error.errno in (errno.ENOSPC, errno.EDQUOT):
                self._remove_partial(_writing.get())
            raise
        finally:
            _writing.reset(writing)

    def get_available_name(self, name, max_length=None):
        # _save picks another name when one is taken between save()'s choice
        # and the write: the partial file is under the last name chosen.
        name = super().get_available_name(name, max_length)
        if _writing.get() is not None:
            _writing.set(name)
        return name

    def _remove_partial(self, name):
        try:
            os.remove(self.path(name))
        except FileNotFoundError:
            pass  # the disk was full before the file could be made
        log.warning("media disk full: removed the partial %s", name)


_writing = contextvars.ContextVar("media_file_being_written", default=None)

# An upload needs room for itself and, later, its renditions: about as much
# again for a photograph (WebP and the original format at every width and
# crop), twice that to be safe, plus a margin for everything else the folder
# holds being written at the same moment.
ROOM_PER_UPLOAD_BYTE = 3
ROOM_MARGIN = 1 << 20


def has_room_for(size, storage=None):
    """Whether an upload of `size` bytes and its renditions fit. A bucket has
    no such limit we can know; a local folder has its disk's free space."""
    location = getattr(storage or default_storage, "location", None)
    if not is_local(storage) or location is None:
        return True
    return free_bytes(Path(location)) >= size * ROOM_PER_UPLOAD_BYTE + ROOM_MARGIN


def free_bytes(path):
    return shutil.disk_usage(_existing(path)).free


def cache_control(name):
    """The Cache-Control an object is stored with, as the app would serve it
    (core/uploads.py): a year for renditions, a day for originals."""
    if name.startswith("renditions/"):
        return IMMUTABLE
    return f"public, max-age={getattr(settings, 'MASTHEAD_MEDIA_MAX_AGE', 86400)}"


def save_over(storage, name, content):
    """Write `content` under exactly `name`, replacing any file there: for
    names that change whenever their content does (renditions). save() would
    pick another name; on a bucket, finding out cost two HEAD requests a file
    (issue 24), and a bucket overwrites in place anyway."""
    if isinstance(storage, S3MediaStorage):
        return storage.save_over(name, content)
    if storage.exists(name):
        storage.delete(name)
    return storage.save(name, content)


def is_local(storage=None):
    return isinstance(storage or default_storage, FileSystemStorage)


def is_reachable(storage=None):
    """Whether uploads can be stored now: the bucket answers, or the local
    folder exists (or can be made), is writable and its disk is not full. For
    /readyz and the upload form; one request."""
    storage = storage or default_storage
    if isinstance(storage, S3Storage):
        try:
            if isinstance(storage, S3MediaStorage):
                return storage.answers()
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
    folder = _existing(Path(location))
    return (
        folder.is_dir()
        and os.access(folder, os.W_OK | os.X_OK)
        and free_bytes(folder) >= ROOM_MARGIN
    )


def _existing(path):
    # Django makes MEDIA_ROOT on the first upload, so a new site has none yet.
    while not path.exists():
        path = path.parent
    return path
