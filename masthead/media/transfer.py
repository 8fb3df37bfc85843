"""Copying local media into the S3 bucket (`masthead media-migrate --to s3`).

Resumable: the bucket is listed once, and a file already there with the same
size and MD5 (the ETag of a single-part upload) is skipped, so a copy cut
short is finished by running it again. Then a verification pass lists the
bucket again and compares every file. Local files are only read, never
moved or deleted: the local folder stays a copy until the newsroom removes it.
"""

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError

CHUNK = 1 << 20


class TransferError(Exception):
    """The copy could not go on; the message says how far it got."""


@dataclass
class Report:
    copied: int = 0
    skipped: int = 0
    bytes: int = 0
    mismatched: list = field(default_factory=list)


def local_files(root):
    """(name relative to root, path) of every file under root, in name order."""
    root = Path(root)
    found = []
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            found.append((path.relative_to(root).as_posix(), path))
    return sorted(found)


def md5_of(path):
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as source:
        while block := source.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def bucket_listing(storage):
    """{name relative to the storage's prefix: (size, etag)} of every object."""
    prefix = f"{storage.location}/" if storage.location else ""
    pages = storage.connection.meta.client.get_paginator("list_objects_v2").paginate(
        Bucket=storage.bucket_name, Prefix=prefix
    )
    return {
        obj["Key"].removeprefix(prefix): (obj["Size"], obj["ETag"].strip('"'))
        for page in pages
        for obj in page.get("Contents", [])
    }


def is_same(path, listed):
    """The object is this file: same size and, when its ETag is an MD5 (a
    single-part upload; multipart ETags have a "-"), the same MD5."""
    if listed is None or listed[0] != path.stat().st_size:
        return False
    etag = listed[1]
    return "-" in etag or etag == md5_of(path)


def copy_to_bucket(files, storage, *, progress):
    """Upload each (name, path) the bucket lacks or holds differently."""
    report, listed = Report(), _listing_or_fail(storage, "before copying")
    for name, path in files:
        if is_same(path, listed.get(name)):
            report.skipped += 1
        else:
            _upload(storage, name, path, report)
            report.copied += 1
            report.bytes += path.stat().st_size
        progress.step()
    return report


def verify(files, storage, *, progress):
    """Names of local files the bucket lacks or holds differently."""
    listed = _listing_or_fail(storage, "to verify the copy")
    mismatched = []
    for name, path in files:
        if not is_same(path, listed.get(name)):
            mismatched.append(name)
        progress.step()
    return mismatched


def _upload(storage, name, path, report):
    try:
        with open(path, "rb") as content:
            # _save, the backend's write itself: it keeps the exact name
            # (save() would rename, since the bucket refuses to overwrite),
            # with the Content-Type and Cache-Control of every upload.
            storage._save(name, content)
    except (BotoCoreError, ClientError, OSError) as err:
        raise TransferError(
            f"{name}: could not be copied ({err}). {report.copied} file(s) were "
            "copied before it; run the command again to go on from there."
        ) from err


def _listing_or_fail(storage, when):
    try:
        return bucket_listing(storage)
    except (BotoCoreError, ClientError) as err:
        raise TransferError(
            f"The bucket {storage.bucket_name} could not be listed {when}: {err}"
        ) from err
