"""The article form of the back office: it carries the version it was edited
from, and refuses a save made on an older one (conflicts.py, issue 20)."""

from django import forms
from django.core.exceptions import ValidationError

from . import conflicts


class ArticleForm(forms.ModelForm):
    """ArticleAdmin's form; ``editor`` is the user saving (set by get_form)."""

    edited_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    editor = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk:
            self.fields["edited_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        version = cleaned.get("edited_version")
        # A post without the field (a script of old) is not checked.
        if self.instance.pk is None or version is None:
            return cleaned
        self.conflict = conflicts.stale_save(
            article_id=self.instance.pk,
            edited_version=version,
            yours=cleaned,
            user=self.editor,
        )
        if self.conflict is not None:
            self._edited_from(self.conflict.version)
            raise ValidationError(self.conflict.sentence(), code="stale")
        return cleaned

    def _edited_from(self, version):
        """The form shown again says it was edited from the version now saved:
        the editor has seen the diff, so saving again means "mine wins"."""
        self.data = self.data.copy()
        self.data[self.add_prefix("edited_version")] = str(version)
