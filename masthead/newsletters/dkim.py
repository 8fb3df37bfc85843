"""DKIM signatures, when the newsroom configures a key (issue 23, item 6).

MASTHEAD_DKIM_KEY_FILE names a PEM private key (RSA, or Ed25519),
MASTHEAD_DKIM_SELECTOR the DNS selector it is published under, and
MASTHEAD_DKIM_DOMAIN the signing domain (DEFAULT_FROM_EMAIL's by default).
The signature covers the list headers too, as Gmail asks of one-click
unsubscribe. Without a key, nothing is signed (a provider may sign instead).
"""

from email.utils import parseaddr
from functools import lru_cache
from pathlib import Path

import dkim as dkimpy
from django.conf import settings

SIGNED_HEADERS = [b"from", b"to", b"subject", b"date", b"message-id", b"list-id",
                  b"list-unsubscribe", b"list-unsubscribe-post", b"mime-version",
                  b"content-type"]  # fmt: skip


def signer():
    """A function from message bytes to its DKIM-Signature header, or None."""
    path = settings.MASTHEAD_DKIM_KEY_FILE
    if not path:
        return None
    selector = settings.MASTHEAD_DKIM_SELECTOR.encode()
    domain = (
        settings.MASTHEAD_DKIM_DOMAIN
        or parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2]
    )
    key = _key(path)
    algorithm = b"ed25519-sha256" if b"ED25519" in key.upper() else b"rsa-sha256"

    def sign(message):
        return dkimpy.sign(
            message,
            selector,
            domain.encode(),
            key,
            include_headers=SIGNED_HEADERS,
            signature_algorithm=algorithm,
            linesep=b"\r\n",
        )

    return sign


@lru_cache(maxsize=4)
def _key(path):
    return Path(path).read_bytes()
