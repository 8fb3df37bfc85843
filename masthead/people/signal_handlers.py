"""A change to a person purges every page that showed them (bylines, author pages)."""

from masthead.pagecache.purges import purge_rows_of

from .models import Person


def connect():
    purge_rows_of(Person, dispatch_uid="masthead_people_pagecache")
