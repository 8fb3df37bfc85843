from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    BODY_MAX_LENGTH,
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    WEBSITE_MAX_LENGTH,
)


class CommentForm(forms.Form):
    """The reader's form, in WordPress's order and wording."""

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
            "invalid": _("Please enter a valid email address, like name@example.com."),
        },
    )
    website = forms.URLField(
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
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # A browser silently cuts pasted text at maxlength; the server's
            # error message is the only honest limit.
            field.widget.attrs.pop("maxlength", None)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["email"].widget.attrs["aria-describedby"] = "email-notes"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["website"].widget.attrs["autocomplete"] = "url"

    def full_clean(self):
        super().full_clean()
        # Screen readers announce the error with the field it belongs to.
        for name in self.errors:
            if name in self.fields:
                described = [f"id_{name}-error"]
                if name == "email":
                    described.append("email-notes")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)
