"""Background jobs of the media library, run by `masthead worker`."""

from masthead.jobs.queue import job

from . import renditions
from .models import Image


@job()
def make_renditions(image_id):
    image = Image.objects.filter(pk=image_id).first()
    if image is None or image.renditions_ready:
        return 0  # deleted, or made already by the worker's sweep
    renditions.make(image)
    return 1


def make_missing_renditions_chore(*, log):
    """The worker's safety net for images saved outside the admin (demo loader,
    API), whose renditions nobody queued."""
    renditions.make_missing(log_line=log)
