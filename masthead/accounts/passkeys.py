"""Passkeys (WebAuthn) through django-otp-webauthn, for this site's own address.

The relying party is the host the admin was reached on, and the origin the
browser reports must be the address the request came to (or one configured
in OTP_WEBAUTHN_ALLOWED_ORIGINS): ALLOWED_HOSTS has already vouched for the
host, so a newsroom need not configure its domain twice. A page on another
origin relaying our ceremony reports its own origin and is refused. The name
a phone or password manager shows is the site's name.
"""

from django.conf import settings
from django_otp_webauthn.helpers import WebAuthnHelper


def relying_party_id(request):
    return request.get_host().rsplit(":", 1)[0].strip("[]")


def relying_party_name(request):
    return settings.MASTHEAD_SITE_NAME


class PasskeyHelper(WebAuthnHelper):
    def get_allowed_origins(self):
        own = self.request.build_absolute_uri("/").rstrip("/")
        return [own, *super().get_allowed_origins()]
