"""Two-factor sign-in for staff: TOTP (authenticator apps) and recovery codes.

Built on django-otp: a confirmed `TOTPDevice` is the authenticator app, a
`StaticDevice` holds ten one-time recovery codes. Which roles must use it is
an administrator's choice (`TwoFactorRequirement`, one row per role).

Losing the phone: sign in with a recovery code (each works once), then
enrol the new phone. Lost both: an administrator deletes the person's
devices (admin: *Staff accounts → Two-factor devices*, or
`masthead reset-two-factor USERNAME`); the next sign-in takes the password
alone, and a role that requires a second factor sends them to enrol again.
"""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef
from django_otp import devices_for_user, user_has_device, verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from .models import TwoFactorRequirement

APP, RECOVERY = "Authenticator app", "Recovery codes"
RECOVERY_CODES, RECOVERY_DIGITS = 10, 10


def is_enrolled(user):
    return user_has_device(user, confirmed=True)


def is_required(user):
    """Whether one of the user's roles must sign in with a second factor."""
    return TwoFactorRequirement.objects.filter(group__user=user, required=True).exists()


def matching_device(user, code):
    """The confirmed device that accepts `code`, or None.

    A code is tried only on the kind of device its length says it is for (6
    digits: the app; 10: a recovery code): every failed try slows the next
    one on that device (django-otp's throttling), and an app code tried on
    the recovery codes would slow down their use after months of sign-ins.
    """
    code = "".join(str(code or "").split())
    kind = {6: TOTPDevice, RECOVERY_DIGITS: StaticDevice}.get(len(code))
    if kind is None or not code.isdigit():
        return None
    for device in kind.objects.filter(user=user, confirmed=True):
        found = verify_token(user, device.persistent_id, code)
        if found is not None:
            return found
    return None


def session_state(user):
    """What an unverified session of this user must do, in one query:
    "verify" (enrolled, so sign in again with a code), "enrol" (a role
    requires it), or "ok"."""
    devices = [
        kind.objects.filter(user=OuterRef("pk"), confirmed=True)
        for kind in (TOTPDevice, StaticDevice, WebAuthnCredential)
    ]
    enrolled, required = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            enrolled=Exists(devices[0]) | Exists(devices[1]) | Exists(devices[2]),
            required=Exists(
                TwoFactorRequirement.objects.filter(
                    group__user=OuterRef("pk"), required=True
                )
            ),
        )
        .values_list("enrolled", "required")
        .get()
    )
    return "verify" if enrolled else "enrol" if required else "ok"


def pending_app(user):
    """The authenticator being set up: one unconfirmed TOTP device per user."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP, confirmed=False)


@transaction.atomic
def confirm_app(device, code):
    """Confirm the new authenticator if `code` is right; returns the recovery
    codes (shown once), or None."""
    if not device.verify_token("".join(str(code or "").split())):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()  # a new phone
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user):
    """Ten fresh one-time codes; any earlier ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY, confirmed=True)
    codes = [
        f"{secrets.randbelow(10**RECOVERY_DIGITS):0{RECOVERY_DIGITS}d}"
        for _ in range(RECOVERY_CODES)
    ]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def reset(user):
    """Remove every device (the lost-everything path); returns how many."""
    count = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        count += 1
    return count
