from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import gettext_lazy as _

from masthead.core.clients import client_ip

from . import throttle, twofactor


class StaffAuthenticationForm(AdminAuthenticationForm):
    """The admin login, asking for a code from anyone who has set one up.

    A wrong code counts as a failed login for the throttle, as a wrong
    password does; the same error is given whether the password or the code
    was wrong, so a guesser never learns the password was right.
    """

    otp_token = forms.CharField(
        label=_("Authentication code"),
        required=False,
        strip=True,
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
        help_text=_(
            "From your authenticator app, or a recovery code. "
            "Leave empty if you have not set up two-factor sign-in."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is None or not twofactor.is_enrolled(user):
            return cleaned
        device = twofactor.matching_device(user, cleaned.get("otp_token"))
        if device is None:
            throttle.record_failure(
                username=user.get_username(), ip=client_ip(self.request)
            )
            raise forms.ValidationError(
                _(
                    "Enter your username, password and a current authentication "
                    "code (or a recovery code)."
                ),
                code="invalid_code",
            )
        user.otp_device = device  # django-otp marks the session verified on login
        return cleaned


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Code shown by the app"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        max_length=12,
        error_messages={"invalid": _("Enter the six digits the app shows.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )
