"""The worker truncates old commenter IPs daily, so privacy needs no cron job."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from masthead.comments.models import Comment
from masthead.testing import make_article, make_comment

pytestmark = pytest.mark.django_db


def test_worker_truncates_ips_past_retention(settings):
    settings.MASTHEAD_COMMENTS_IP_RETENTION_DAYS = 30
    article = make_article()
    old = make_comment(article, ip_address="203.0.113.77")
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    recent = make_comment(article, ip_address="198.51.100.23")
    out = io.StringIO()
    call_command("worker", "--once", stdout=out)
    assert Comment.objects.get(pk=old.pk).ip_address == "203.0.113.0"
    assert Comment.objects.get(pk=recent.pk).ip_address == "198.51.100.23"
    assert "truncated 1 commenter IP" in out.getvalue()
