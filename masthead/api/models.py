import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "mh_"


def hash_key(key):
    # The key is 256 random bits, so a fast unsalted hash is enough: there is
    # nothing to brute-force, and lookups by hash stay one indexed query.
    return hashlib.sha256(key.encode()).hexdigest()


class TokenQuerySet(models.QuerySet):
    def active_for_key(self, key):
        return self.select_related("user").filter(
            key_hash=hash_key(key), user__is_active=True
        )


class Token(models.Model):
    """A personal API token. Only its hash is stored; the key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What it is for."))
    # The first characters, so a person can tell their tokens apart.
    key_start = models.CharField(_("starts with"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(
        _("last used"), null=True, blank=True, editable=False
    )

    objects = TokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.key_start}…)"

    @classmethod
    def new_key(cls):
        return TOKEN_PREFIX + secrets.token_urlsafe(32)
