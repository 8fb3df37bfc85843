"""An aiosmtpd handler that counts what it accepts, for the kill test and the
benchmark: one line per message (time, recipient, Message-ID), written before
the server answers 250, as a real server queues a message before accepting.

    python -m aiosmtpd -n -l 127.0.0.1:PORT -c masthead.newsletters.tests.counting_smtp.Counter FILE
"""

import re
import time

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


class Counter:
    def __init__(self, path):
        self.file = open(path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115

    @classmethod
    def from_cli(cls, parser, *args):
        return cls(*args)

    async def handle_DATA(self, server, session, envelope):
        head = envelope.original_content.split(b"\r\n\r\n", 1)[0]
        found = MESSAGE_ID.search(head)
        message_id = found.group(1).decode() if found else "-"
        for recipient in envelope.rcpt_tos:
            self.file.write(f"{time.time():.6f}\t{recipient}\t{message_id}\n")
        return "250 OK"


def read(path):
    """[(time, recipient, Message-ID)] of every message the server accepted."""
    with open(path, encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle if line.endswith("\n")]
    return [
        (float(when), recipient, message_id) for when, recipient, message_id in rows
    ]
