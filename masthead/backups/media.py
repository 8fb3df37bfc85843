"""The media half of a backup: the local folder's files, or the bucket's list.

Local media is copied file by file with its SHA-256. A bucket is listed
(name, size, ETag); with --with-objects its objects are downloaded too, with
their SHA-256. A restore puts files back and checks every checksum; a bucket
restored without objects is checked against the list, object by object.
"""

import hashlib
import shutil
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.storage import FileSystemStorage
from storages.backends.s3 import S3Storage

from masthead.media import transfer

FOLDER = "media"
CHUNK = 1 << 20


class MediaError(Exception):
    """Media that could not be copied or checked; the message says which."""


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while block := source.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def kind_of(storage):
    if isinstance(storage, S3Storage):
        return "s3"
    if isinstance(storage, FileSystemStorage):
        return "local"
    raise MediaError(f"{type(storage).__name__}: a media store backups do not know.")


def back_up(storage, directory, *, with_objects, progress):
    """The manifest's "media" entry; files copied under directory/media."""
    if kind_of(storage) == "local":
        return _copy_local(Path(storage.location), directory / FOLDER, progress)
    return _list_bucket(storage, directory / FOLDER, with_objects, progress)


def _copy_local(root, target, progress):
    files = transfer.local_files(root) if root.is_dir() else []
    progress.total = len(files)
    entries = {}
    for name, path in files:
        copy = target / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copy)
        entries[name] = {"size": copy.stat().st_size, "sha256": sha256_of(copy)}
        progress.step()
    return {"storage": "local", "files": entries}


def _list_bucket(storage, target, with_objects, progress):
    listed = _listing(storage)
    progress.total = len(listed)
    entries = {}
    for name, (size, etag) in sorted(listed.items()):
        entries[name] = {"size": size, "etag": etag}
        if with_objects:
            entries[name]["sha256"] = _download(storage, name, target / name)
        progress.step()
    return {"storage": "s3", "bucket": storage.bucket_name, "prefix": storage.location,
            "with_objects": with_objects, "files": entries}


def _listing(storage):
    try:
        return transfer.bucket_listing(storage)
    except (BotoCoreError, ClientError) as err:
        raise MediaError(
            f"The bucket {storage.bucket_name} could not be listed: {err}"
        ) from err


def _download(storage, name, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with storage.open(name, "rb") as source, open(path, "wb") as out:
            shutil.copyfileobj(source, out, CHUNK)
    except (BotoCoreError, ClientError, OSError) as err:
        raise MediaError(f"{name}: could not be downloaded ({err}).") from err
    return sha256_of(path)


def is_empty(storage):
    """No media yet: the local folder holds no file (a bucket is checked
    object by object as it is restored)."""
    if kind_of(storage) != "local":
        return True
    root = Path(storage.location)
    return not root.is_dir() or not any(p.is_file() for p in root.rglob("*"))


def restore(storage, directory, entry, *, progress):
    """Put the backup's media back; the names whose checksum differs after."""
    files = entry["files"]
    progress.total = len(files)
    source = directory / FOLDER
    if kind_of(storage) == "local":
        return _restore_local(Path(storage.location), source, files, progress)
    return _restore_bucket(storage, source, entry, progress)


def _restore_local(root, source, files, progress):
    bad = []
    for name, facts in sorted(files.items()):
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / name, target)
        if sha256_of(target) != facts["sha256"]:
            bad.append(name)
        progress.step()
    return bad


def _restore_bucket(storage, source, entry, progress):
    listed = _listing(storage)
    bad = []
    for name, facts in sorted(entry["files"].items()):
        if listed.get(name) == (facts["size"], facts["etag"]):
            pass  # already there, the same object
        elif entry.get("with_objects") and sha256_of(source / name) == facts["sha256"]:
            _upload(storage, name, source / name)
        else:
            bad.append(name)  # listed only and missing here, or a damaged copy
        progress.step()
    return bad


def _upload(storage, name, path):
    try:
        with open(path, "rb") as content:
            storage._save(name, content)  # the exact name (see media/transfer.py)
    except (BotoCoreError, ClientError, OSError) as err:
        raise MediaError(f"{name}: could not be uploaded ({err}).") from err
