"""Who is asking: the client's address, as far as we may believe it."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """REMOTE_ADDR, or the address our own proxy saw when it is a trusted one.

    X-Forwarded-For is believed only from MASTHEAD_TRUSTED_PROXIES, and only
    its last entry (the one that proxy appended): earlier entries are
    whatever the client chose to send.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    trusted = getattr(settings, "MASTHEAD_TRUSTED_PROXIES", ())
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if remote in trusted and forwarded:
        candidate = forwarded.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            return remote
    return remote
