from django import forms
from django.utils.translation import gettext_lazy as _

from masthead.articles.models import Section
from masthead.people.models import Person

from .query import MAX_INPUT, clean_text


class QueryField(forms.CharField):
    """The search box: takes anything, keeps at most MAX_INPUT printable characters.

    A NUL byte or a novel pasted into the box is not an error the reader can
    fix; we drop what cannot be searched for and search for the rest.
    """

    def to_python(self, value):
        return " ".join(clean_text(super().to_python(value)[:MAX_INPUT]).split())


class SearchInput(forms.TextInput):
    input_type = "search"


class DateInput(forms.DateInput):
    # The browser's date picker; without one, a text box taking YYYY-MM-DD.
    input_type = "date"


class SearchForm(forms.Form):
    q = QueryField(label=_("Search for"), required=False, widget=SearchInput)
    section = forms.ModelChoiceField(
        label=_("Section"),
        queryset=Section.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All sections"),
    )
    author = forms.ModelChoiceField(
        label=_("Author"),
        queryset=Person.objects.filter(is_staff_author=True),
        to_field_name="slug",
        required=False,
        empty_label=_("All authors"),
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["autocomplete"] = "off"
        self.fields["author"].label_from_instance = lambda person: person.name

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error(
                "date_to", _("The “To” date must not be before the “From” date.")
            )
        return data

    def filters(self):
        return {
            name: self.cleaned_data.get(name)
            for name in ("section", "author", "date_from", "date_to")
        }
