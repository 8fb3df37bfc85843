"""The editor's redirect form: each refusal says why, with what was typed kept."""

from django import forms
from django.core.exceptions import ValidationError

from . import addresses, paths, services
from .models import Redirect

LIVE_PAGE = (
    "A page answers at this address, and a live page always wins over a "
    "redirect. To move a story, change its slug: its old address then "
    "redirects by itself."
)


def _cleaned(rule, value):
    try:
        return rule(value)
    except paths.PathError as err:
        raise ValidationError(str(err), code=err.code) from err


class RedirectForm(forms.ModelForm):
    class Meta:
        model = Redirect
        fields = ["old_path", "new_path"]

    def clean_old_path(self):
        path = _cleaned(paths.clean_old_path, self.cleaned_data["old_path"])
        if addresses.is_live_page(path):
            raise ValidationError(LIVE_PAGE, code="live")
        return path

    def clean_new_path(self):
        return _cleaned(paths.clean_target, self.cleaned_data["new_path"])

    def clean(self):
        cleaned = super().clean()
        # On a change form the old address is read-only, so not in the data.
        old = cleaned.get("old_path", self.instance.old_path)
        new = cleaned.get("new_path")
        if not old or not new:
            return cleaned
        if paths.site_path(new) == old:
            self.add_error(
                "new_path",
                ValidationError("A redirect cannot lead to itself.", code="self"),
            )
        elif services.leads_back(old_path=old, new_path=new):
            message = f"{new} redirects to {old}: readers would go round in a loop."
            self.add_error("new_path", ValidationError(message, code="loop"))
        return cleaned
