"""Personal data held with comments: IP truncation, export and erasure.

Like WordPress's personal data tools: an export of everything held about an
email address, and an erasure that anonymizes the comments but keeps them, so
replies to them still make sense in their thread.
"""

import ipaddress
import socket
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Comment

ANONYMOUS = "Anonymous"
EXPORTED_FIELDS = ["id", "name", "email", "website", "body", "status", "ip_address",
                   "user_agent", "created_at", "notify_replies"]  # fmt: skip


def truncate_ip(address):
    """The /24 (IPv4) or /64 (IPv6) network address: enough to spot abuse
    from one network, too little to name a household."""
    if not address:
        return address
    try:  # IPv4, nearly every address, without the ipaddress module's cost (issue 22)
        packed = socket.inet_pton(socket.AF_INET, address)
    except OSError:
        pass
    else:
        return socket.inet_ntop(socket.AF_INET, packed[:3] + b"\0")
    ip = ipaddress.ip_address(address)
    prefix = 24 if ip.version == 4 else 64
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)


def retention_days():
    return getattr(settings, "MASTHEAD_COMMENTS_IP_RETENTION_DAYS", 30)


def truncate_old_ips(*, days=None, now=None):
    """Truncate the IPs of comments older than `days`; returns how many changed."""
    days = retention_days() if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    old = Comment.objects.filter(created_at__lt=cutoff, ip_address__isnull=False)
    changed = 0
    # Batched by id so a million old rows never sit in memory at once.
    for batch in _batches(old.values_list("pk", "ip_address")):
        updates = [(pk, truncate_ip(ip)) for pk, ip in batch if truncate_ip(ip) != ip]
        with transaction.atomic():
            for pk, short in updates:
                Comment.objects.filter(pk=pk).update(ip_address=short)
        changed += len(updates)
    return changed


def export_commenter(email):
    """Everything held about one address, as JSON-ready data."""
    comments = Comment.objects.by_email(email).select_related("article").order_by("pk")
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "comments": [_exported(comment) for comment in comments],
    }


def erase_commenter(email):
    """Anonymize every comment by this address, keeping the threads intact."""
    comments = Comment.objects.by_email(email)
    return erase_comments(comments)


def erase_comments(comments):
    count = 0
    with transaction.atomic():
        for comment in comments.select_for_update():
            comment.name = ANONYMOUS
            comment.email = ""
            comment.website = ""
            comment.user_agent = ""
            comment.ip_address = truncate_ip(comment.ip_address)
            comment.notify_replies = comment.notify_replies_requested = False
            comment.user = None
            comment.save()
            count += 1
    return count


def _exported(comment):
    data = {field: getattr(comment, field) for field in EXPORTED_FIELDS}
    data["created_at"] = comment.created_at.isoformat()
    data["article"] = {"title": comment.article.title,
                       "url": comment.article.get_absolute_url()}
    return data


def _batches(pairs, size=1000):
    batch = []
    for pair in pairs.order_by("pk").iterator(chunk_size=size):
        batch.append(pair)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def emails_of(comments):
    return sorted({c.email.lower() for c in comments if c.email})


__all__ = ["truncate_ip", "truncate_old_ips", "export_commenter", "erase_commenter",
           "erase_comments", "emails_of"]
