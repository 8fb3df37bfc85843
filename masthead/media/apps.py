from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "masthead.media"
    label = "media"
    verbose_name = "Media library"
