"""The site's time zone, named beside every time the back office shows or
takes (issue 20: times were entered in UTC with no label).

Django converts between UTC and TIME_ZONE (USE_TZ); these only say which
zone that is, so nobody schedules a story an hour off.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext


def zone_name():
    return timezone.get_current_timezone_name()


def zone_note():
    """ "Times are in Europe/Berlin."""
    return gettext("Times are in %(zone)s.") % {"zone": zone_name()}


class TimesInZone:
    """A ModelAdmin mixin: the zone note under each time field of the form,
    and in the description of each fieldset showing a read-only time."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(db_field, models.DateTimeField):
            field.help_text = " ".join(
                filter(None, [str(field.help_text), zone_note()])
            )
        return field

    def get_fieldsets(self, request, obj=None):
        readonly = set(self.get_readonly_fields(request, obj))
        return [
            (name, self._noted(options, readonly))
            for name, options in super().get_fieldsets(request, obj)
        ]

    def _noted(self, options, readonly):
        names = [name for line in options["fields"] for name in _names(line)]
        if not any(name in readonly and self._is_time(name) for name in names):
            return options
        description = options.get("description")
        return {
            **options,
            "description": " ".join(filter(None, [description, zone_note()])),
        }

    def _is_time(self, name):
        try:
            field = self.model._meta.get_field(name)
        except (FieldDoesNotExist, TypeError):
            return False  # a method or callable shown read-only
        return isinstance(field, models.DateTimeField)


def _names(line):
    return line if isinstance(line, (list, tuple)) else [line]
