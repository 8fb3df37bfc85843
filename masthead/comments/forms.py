import time
from functools import lru_cache

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from masthead.core.forms import FastWidgetRenderer
from masthead.core.sanitize import is_safe_url

from . import names, strict
from .models import (
    BODY_MAX_BYTES,
    BODY_MAX_LENGTH,
    EMAIL_MAX_BYTES,
    EMAIL_MAX_LENGTH,
    NAME_MAX_BYTES,
    NAME_MAX_LENGTH,
    WEBSITE_MAX_BYTES,
    WEBSITE_MAX_LENGTH,
)

ISSUED_SALT = "masthead.comments.form-issued"
EMAIL_ERROR = _("Please enter a valid email address, like name@example.com.")
INVISIBLE_NAME_ERROR = _(
    "This name has no visible letters (only spaces or invisible characters). "
    "Please type the name to show with your comment."
)
WEBSITE_ERROR = _("Please enter a web address starting with http:// or https://.")
UNDECODABLE_ERROR = _(
    "This was not sent as valid UTF-8 text, so it cannot be stored exactly as "
    "typed. Please retype it."
)


def issued_token(now=None):
    """A signed note of when the form was served, to time how fast it comes back."""
    return _signed_second(int(now if now is not None else time.time()), settings.SECRET_KEY)


@lru_cache(maxsize=4)
def _signed_second(second, secret_key):
    # Every form served in one second carries the same token: sign it once.
    return signing.dumps(second, salt=ISSUED_SALT)


def seconds_since_issued(token, now=None):
    """Seconds since the token was issued, or None if it is missing or forged."""
    try:
        issued = signing.loads(token or "", salt=ISSUED_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(issued, int):
        return None
    return (now if now is not None else time.time()) - issued


class WebsiteField(forms.URLField):
    """http and https only, checked after every decoding a browser would do."""

    default_validators = [URLValidator(schemes=["http", "https"])]
    default_error_messages = {"invalid": WEBSITE_ERROR}

    def validate(self, value):
        super().validate(value)
        if value and not is_safe_url(value):
            raise ValidationError(WEBSITE_ERROR, code="invalid")
        if value and "@" in value.split("//", 1)[-1].split("/", 1)[0]:
            # https://bank.example@evil.example reads as the bank, goes to evil.
            raise ValidationError(WEBSITE_ERROR, code="invalid")


class CommentForm(forms.Form):
    """The reader's form, in WordPress's order and wording."""

    default_renderer = FastWidgetRenderer  # drawn on every article page view

    comment = forms.CharField(
        label=_("Comment"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 45}),
        error_messages={"required": _("Please type your comment.")},
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        error_messages={"required": _("Please enter your name.")},
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=EMAIL_MAX_LENGTH,
        error_messages={
            "required": _("Please enter your email address."),
            "invalid": EMAIL_ERROR,
        },
    )
    website = WebsiteField(
        label=_("Website"),
        max_length=WEBSITE_MAX_LENGTH,
        required=False,
        assume_scheme="https",
    )
    remember = forms.BooleanField(
        label=_(
            "Save my name, email, and website in this browser for the next time "
            "I comment."
        ),
        required=False,
    )
    notify_replies = forms.BooleanField(
        label=_("Notify me of follow-up comments by email."), required=False
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Bots fill every field; people never see this one (the template hides it).
    homepage = forms.CharField(required=False, label=_("Leave this field empty"))
    issued = forms.CharField(required=False, widget=forms.HiddenInput)

    MAX_BYTES = {"comment": BODY_MAX_BYTES, "name": NAME_MAX_BYTES,
                 "email": EMAIL_MAX_BYTES, "website": WEBSITE_MAX_BYTES}  # fmt: skip
    TEXT_FIELDS = ("comment", "name", "email", "website")

    def __init__(self, *args, undecodable=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.undecodable = set(undecodable)
        if not self.is_bound:
            self.initial.setdefault("issued", issued_token())
        for field in self.fields.values():
            # A browser silently cuts pasted text at maxlength; the server's
            # error message is the only honest limit.
            field.widget.attrs.pop("maxlength", None)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["email"].widget.attrs["aria-describedby"] = "email-notes"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["website"].widget.attrs["autocomplete"] = "url"
        self.fields["homepage"].widget.attrs.update(
            {"autocomplete": "off", "tabindex": "-1"}
        )

    def clean_name(self):
        """Invisible characters removed (names.clean_name), or refused if
        nothing visible is left: a blank name impersonates nobody and everybody."""
        name = names.clean_name(self.cleaned_data["name"])
        if not name:
            raise ValidationError(INVISIBLE_NAME_ERROR, code="invisible")
        return name

    def clean_email(self):
        """One canonical address (names.normalise_email): the domain in IDNA
        ASCII, lowercase; user@localhost and other single labels refused."""
        try:
            email = names.normalise_email(self.cleaned_data["email"])
        except names.AddressRefused as err:
            raise ValidationError(EMAIL_ERROR, code="invalid") from err
        if len(email) > EMAIL_MAX_LENGTH:
            message = _(
                "This address is too long to store once its domain is written in "
                "ASCII: at most %(limit)d characters."
            )
            limit = {"limit": EMAIL_MAX_LENGTH}
            raise ValidationError(message % limit, code="max_length")
        return email

    def clean(self):
        data = super().clean()
        for name in self.TEXT_FIELDS:
            self._check_text(name)
        return data

    def _check_text(self, name):
        """Refuse undecodable bytes, control characters and over-long text."""
        raw = self.data.get(name) or ""
        if name == "comment":
            raw = strict.normalise_newlines(raw)
        if name in self.undecodable:
            problem = UNDECODABLE_ERROR
        else:
            problem = strict.character_problem(raw, multiline=name == "comment")
        if problem:
            # Ours replaces Django's (say, "Enter a valid URL"): it names the cause.
            self.errors.pop(name, None)
            self.add_error(name, problem)
            return
        if name == "comment" and name in self.cleaned_data:
            self.cleaned_data[name] = strict.normalise_newlines(self.cleaned_data[name])
        size, limit = strict.byte_length(raw), self.MAX_BYTES[name]
        if size > limit and name not in self.errors:
            self.add_error(name, _(
                "This is too long to store: at most %(limit)d bytes (it has "
                "%(size)d). Letters beyond English and emoji take 2 to 4 bytes each."
            ) % {"limit": limit, "size": size})

    def bot_signals(self):
        from .policy import BotSignals

        return BotSignals(
            honeypot_filled=bool(self.cleaned_data.get("homepage")),
            fill_seconds=seconds_since_issued(self.cleaned_data.get("issued")),
        )

    def full_clean(self):
        super().full_clean()
        # Screen readers announce the error with the field it belongs to.
        for name in self.errors:
            if name in self.fields:
                described = [f"id_{name}-error"]
                if name == "email":
                    described.append("email-notes")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)
