"""Signed, expiring links that show one draft to someone without an account."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "masthead.editorial.preview"


def make_token(article):
    return signing.TimestampSigner(salt=SALT).sign(str(article.pk))


def article_id_for(token):
    """The article the token was made for, or None if forged or expired."""
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(
            token, max_age=settings.MASTHEAD_PREVIEW_LINK_MAX_AGE
        )
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None
    return int(value) if value.isdigit() else None


def share_url(request, article):
    path = reverse("editorial:shared_preview", kwargs={"token": make_token(article)})
    return request.build_absolute_uri(path)
