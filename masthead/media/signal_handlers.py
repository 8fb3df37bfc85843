"""A change to an image (caption, credit, crop) purges every page that showed it."""

from masthead.pagecache.purges import purge_rows_of

from .models import Image


def connect():
    purge_rows_of(Image, dispatch_uid="masthead_media_pagecache")
