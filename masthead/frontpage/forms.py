"""The front-page screen's forms. Each refusal names its reason and keeps
what was typed (STYLE.md, convention 3)."""

from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from masthead.articles.models import Article

from .models import SectionLayout


class StoryField(forms.CharField):
    """A story named by its slug or by its address, as copied from the site."""

    default_error_messages = {
        "unknown": _("No story has the address or slug “%(value)s”.")
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"list": "frontpage-stories"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        article = Article.objects.filter(slug=slug_in(text)).first()
        if article is None:
            raise ValidationError(
                self.error_messages["unknown"], code="unknown", params={"value": text}
            )
        return article


def slug_in(text):
    """ "bridge-reopens", "/articles/bridge-reopens/" or its full URL -> the slug."""
    if "/" not in text:
        return text
    path = urlsplit(text).path
    try:
        match = resolve(path if path.startswith("/") else f"/{path}")
    except Resolver404:
        return ""
    return match.kwargs.get("slug", "") if match.view_name == "articles:detail" else ""


class TimeField(forms.DateTimeField):
    """A time in the site's time zone, typed to the minute (datetime-local)."""

    widget = forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
    )


def refuse_the_past(value):
    if value is not None and value <= timezone.now():
        raise ValidationError(
            _("This time has passed: choose one ahead, or leave it empty."), code="past"
        )
    return value


class PinForm(forms.Form):
    """Pin a top story (the lead form leaves out its position)."""

    story = StoryField(
        label=_("Story"), help_text=_("Its slug or its address on the site.")
    )
    position = forms.IntegerField(
        label=_("Position"), required=False, min_value=1,
        help_text=_("1 is first; empty: after the others."),
    )  # fmt: skip
    expires_at = TimeField(
        label=_("Expires"), required=False, help_text=_("Empty: until unpinned.")
    )

    def clean_expires_at(self):
        return refuse_the_past(self.cleaned_data["expires_at"])


class LeadPinForm(PinForm):
    position = None


class TopStoriesForm(forms.Form):
    """The pinned top stories as a table: position, expiry, remove, per pin."""

    def __init__(self, *args, pins, **kwargs):
        super().__init__(*args, **kwargs)
        self.pins = list(pins)
        for number, pin in enumerate(self.pins, start=1):
            title = pin.article.title
            self.fields[f"position_{pin.pk}"] = forms.IntegerField(
                label=_("Position of “%s”") % title, min_value=1, initial=number
            )
            self.fields[f"expires_{pin.pk}"] = TimeField(
                label=_("Expiry of “%s”") % title,
                required=False,
                initial=pin.expires_at,
            )
            self.fields[f"remove_{pin.pk}"] = forms.BooleanField(
                label=_("Unpin “%s”") % title, required=False
            )

    def clean(self):
        for name in self.changed_data:  # an expired pin's time may stay as it was
            if name.startswith("expires_") and name in self.cleaned_data:
                try:
                    refuse_the_past(self.cleaned_data[name])
                except ValidationError as error:
                    self.add_error(name, error)
        return self.cleaned_data

    def rows(self):
        """(pin, its position, expiry and remove fields) for the template."""
        return [
            (
                pin,
                self[f"position_{pin.pk}"],
                self[f"expires_{pin.pk}"],
                self[f"remove_{pin.pk}"],
            )
            for pin in self.pins
        ]

    def changes(self):
        """What update_top() takes: positions, changed expiries, removed pins."""
        data = self.cleaned_data
        return {
            "positions": {p.pk: data[f"position_{p.pk}"] for p in self.pins},
            "expiries": {
                p.pk: data[f"expires_{p.pk}"]
                for p in self.pins
                if f"expires_{p.pk}" in self.changed_data
            },
            "removed": {p.pk for p in self.pins if data[f"remove_{p.pk}"]},
        }


class LayoutsForm(forms.Form):
    """A layout for each section block on the home page."""

    def __init__(self, *args, sections, layouts, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = list(sections)
        for section in self.sections:
            self.fields[f"layout_{section.pk}"] = forms.ChoiceField(
                label=section.name,
                choices=SectionLayout.Layout.choices,
                initial=layouts.get(section.pk, SectionLayout.Layout.GRID),
            )

    def layouts(self):
        return {s: self.cleaned_data[f"layout_{s.pk}"] for s in self.sections}


class BannerForm(forms.Form):
    """The breaking-news banner: its words, an optional link, and its end."""

    text = forms.CharField(label=_("Text"), max_length=200)
    story = StoryField(
        label=_("Link to a story"), required=False,
        help_text=_("Its slug or address; it must be published."),
    )  # fmt: skip
    url = forms.CharField(
        label=_("Or link to an address"), required=False, max_length=500,
        help_text=_("https://… or a path on this site, /…"),
    )  # fmt: skip
    expires_at = TimeField(label=_("Expires"))

    def clean_story(self):
        article = self.cleaned_data["story"]
        if article is not None and not article.is_published:
            raise ValidationError(
                _("“%(title)s” is not published: readers would find nothing there."),
                code="not_public", params={"title": article.title},
            )  # fmt: skip
        return article

    def clean_url(self):
        url = self.cleaned_data["url"].strip()
        if url.startswith("/") and not url.startswith("//"):
            return url
        if url:
            URLValidator(
                schemes=["http", "https"],
                message=_("An address starts with https://, http:// or /."),
            )(url)
        return url

    def clean_expires_at(self):
        return refuse_the_past(self.cleaned_data["expires_at"])

    def clean(self):
        data = super().clean()
        if data.get("story") and data.get("url"):
            raise ValidationError(
                _("Link a story or an address, not both."), code="two_links"
            )
        return data
