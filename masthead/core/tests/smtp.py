"""A real SMTP server on loopback for tests: aiosmtpd in its own process.

Mail is sent over a socket to a separate process, exactly as to a newsroom's
mail server, and what the server received is read back from the Maildir its
`Mailbox` handler writes: headers and body as they arrived, not as a mock
backend kept them.
"""

import mailbox
import socket
import subprocess
import sys
import time
from email import policy
from email.parser import BytesParser

import pytest


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"aiosmtpd exited: {process.stderr.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"aiosmtpd did not listen on port {port} in {timeout}s")


class SMTPServer:
    """The server's address, and the messages it has received so far."""

    def __init__(self, port, maildir):
        self.port, self.maildir = port, maildir
        self.url = f"smtp://127.0.0.1:{port}/?timeout=5"

    def messages(self, wait=5, count=1):
        """Received messages (headers decoded), waiting a moment for `count`."""
        deadline = time.monotonic() + wait
        while True:
            box = mailbox.Maildir(self.maildir, create=False)
            keys = sorted(box.keys())  # Maildir names begin with the delivery time
            if len(keys) >= count or time.monotonic() > deadline:
                return [self._parse(box.get_bytes(key)) for key in keys]
            time.sleep(0.05)

    @staticmethod
    def _parse(raw):
        return BytesParser(policy=policy.default).parsebytes(raw)


@pytest.fixture
def smtp_server(tmp_path):
    """aiosmtpd listening on a free loopback port, writing a Maildir."""
    port, maildir = free_port(), tmp_path / "maildir"
    mailbox.Maildir(maildir, create=True)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Mailbox",
            str(maildir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_port(port, process)
        yield SMTPServer(port, maildir)
    finally:
        process.terminate()
        process.wait(timeout=10)
