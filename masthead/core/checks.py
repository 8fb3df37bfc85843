"""`masthead check --deploy`: production settings a newsroom gets wrong first.

Django's own deploy checks already say when DEBUG is on (security.W018) and
HSTS is off (security.W004); these add what it cannot know about Masthead.
"""

from django.conf import settings
from django.core.checks import Warning, register
from django.core.files.storage import FileSystemStorage
from django.utils.module_loading import import_string

from masthead.core.email import is_console_backend


@register("masthead", deploy=True)
def email_is_delivered(app_configs, **kwargs):
    # Comment notifications, reply opt-ins and password resets all go by email.
    if not is_console_backend(settings.EMAIL_BACKEND):
        return []
    return [
        Warning(
            f"Email goes to {settings.EMAIL_BACKEND.rsplit('.', 2)[-2]}, not to a "
            "mail server: notifications and password resets reach nobody.",
            hint="Set EMAIL_URL, e.g. smtp://user:password@mail.example:587/?tls=True.",
            id="masthead.W010",
        )
    ]


@register("masthead", deploy=True)
def allowed_hosts_are_named(app_configs, **kwargs):
    if "*" not in settings.ALLOWED_HOSTS:
        return []
    return [
        Warning(
            "ALLOWED_HOSTS contains '*': any Host header is believed, and links "
            "in password-reset emails can be pointed at another site.",
            hint="Set ALLOWED_HOSTS to the site's names, e.g. news.example.org.",
            id="masthead.W011",
        )
    ]


@register("masthead", deploy=True)
def time_zone_is_chosen(app_configs, **kwargs):
    if getattr(settings, "MASTHEAD_TIME_ZONE_CHOSEN", True):
        return []
    return [
        Warning(
            f"TIME_ZONE is not set: every date readers see is in {settings.TIME_ZONE}.",
            hint="Set TIME_ZONE to the newsroom's zone, e.g. Europe/London "
            "(or TIME_ZONE=UTC if that is what you mean).",
            id="masthead.W012",
        )
    ]


@register("masthead", deploy=True)
def media_is_shared_between_app_servers(app_configs, **kwargs):
    # A shared cache means several app servers; an upload saved to one
    # server's disk is a broken image on every other (the scale-out issue).
    # By class, not name: a subclass of the local backend is still one disk.
    backend = import_string(settings.STORAGES["default"]["BACKEND"])
    local = issubclass(backend, FileSystemStorage)
    if not (settings.REDIS_URL and local) or settings.MASTHEAD_SHARED_MEDIA:
        return []
    return [
        Warning(
            f"Uploads are saved to this server's disk ({settings.MEDIA_ROOT}) while "
            "REDIS_URL says several app servers share one cache: an image uploaded "
            "through one server is missing on the others.",
            hint="Set MASTHEAD_MEDIA_STORAGE_URL=s3://BUCKET/... to keep media in "
            "a bucket (copy what is there with `masthead media-migrate --to s3`), "
            "or mount MEDIA_ROOT from shared storage on every app server and set "
            "MASTHEAD_SHARED_MEDIA=1.",
            id="masthead.W013",
        )
    ]
