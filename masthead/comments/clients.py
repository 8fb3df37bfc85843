"""Who is posting: the reader's address, as far as we may believe it.

The rule is shared with staff login throttling, so it lives in core.
"""

from masthead.core.clients import client_ip

__all__ = ["client_ip"]
