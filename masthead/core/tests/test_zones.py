"""The site's zone, named beside the back office's time fields (issue 20)."""

from django.contrib import admin
from django.test import RequestFactory
from django.utils import timezone

from masthead.articles.models import Correction
from masthead.core.zones import TimesInZone, zone_note


class CorrectionTimes(TimesInZone, admin.ModelAdmin):
    fieldsets = [
        (None, {"fields": ["kind", "text"]}),
        ("When", {"fields": ["created_at"]}),
    ]


def test_the_note_names_the_current_zone(settings):
    settings.TIME_ZONE = "Europe/Berlin"
    assert zone_note() == "Times are in Europe/Berlin."
    with timezone.override("America/New_York"):
        assert zone_note() == "Times are in America/New_York."


def test_an_editable_time_field_says_its_zone(settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    model_admin = CorrectionTimes(Correction, admin.site)
    field = model_admin.formfield_for_dbfield(
        Correction._meta.get_field("created_at"), RequestFactory().get("/")
    )
    assert "Times are in Asia/Tokyo." in field.help_text
    text = model_admin.formfield_for_dbfield(
        Correction._meta.get_field("text"), RequestFactory().get("/")
    )
    assert "Times are in" not in text.help_text


def test_a_fieldset_showing_a_read_only_time_says_its_zone(settings):
    settings.TIME_ZONE = "Europe/Berlin"
    model_admin = CorrectionTimes(Correction, admin.site)
    model_admin.readonly_fields = ["created_at"]
    fieldsets = dict(model_admin.get_fieldsets(RequestFactory().get("/")))
    assert fieldsets["When"]["description"] == "Times are in Europe/Berlin."
    assert "description" not in fieldsets[None]
