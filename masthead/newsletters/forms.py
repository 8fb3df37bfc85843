from django import forms
from django.utils.translation import gettext_lazy as _

from masthead.core.forms import FastWidgetRenderer

from .models import Newsletter

EMAIL_ERRORS = {
    "required": _("Please enter your email address."),
    "invalid": _("Please enter a valid email address, like name@example.com."),
    "max_length": _("An email address has at most 254 characters."),
}


class SignupForm(forms.Form):
    """The sign-up form on every page: an address and one or more lists."""

    default_renderer = FastWidgetRenderer

    email = forms.EmailField(
        label=_("Email"), max_length=254, error_messages=EMAIL_ERRORS
    )
    newsletters = forms.ModelMultipleChoiceField(
        label=_("Newsletters"),
        queryset=Newsletter.objects.public(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Please choose at least one newsletter."),
            "invalid_choice": _("Please choose from the newsletters listed."),
            "invalid_pk_value": _("Please choose from the newsletters listed."),
        },
    )
    # Bots fill every field; people never see this one (the template hides it).
    homepage = forms.CharField(required=False, label=_("Leave this field empty"))

    def clean_email(self):
        email = self.cleaned_data["email"]
        if any(ord(char) < 32 or ord(char) == 127 for char in email):
            raise forms.ValidationError(EMAIL_ERRORS["invalid"], code="invalid")
        return email

    @property
    def is_bot(self):
        return bool(self.cleaned_data.get("homepage"))


class ManageForm(forms.Form):
    """The lists a reader keeps, from the signed link in every email."""

    newsletters = forms.ModelMultipleChoiceField(
        label=_("Your newsletters"),
        queryset=Newsletter.objects.public(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
