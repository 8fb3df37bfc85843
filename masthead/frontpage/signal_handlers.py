"""What curating the front page purges: exactly the pages that show it.

A pin or a section's layout changes the home page alone; the banner is on
every public page. An expiry passing changes them with no write, so the
next one is registered with the page cache (pagecache/expiry.py): no cached
page outlives it.
"""

from django.db.models.signals import post_delete, post_save

from masthead.pagecache import expiry
from masthead.pagecache import tags as page_tags
from masthead.pagecache.purges import purge_on_commit

from .models import Banner, Pin, SectionLayout
from .querysets import next_expiry


def home_changed(sender, **kwargs):
    purge_on_commit({page_tags.FRONT_PAGE})


def banner_changed(sender, **kwargs):
    purge_on_commit({page_tags.BANNER})


def connect():
    uid = "masthead_frontpage_pagecache"
    for model in (Pin, SectionLayout):
        post_save.connect(home_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(home_changed, sender=model, dispatch_uid=uid)
    post_save.connect(banner_changed, sender=Banner, dispatch_uid=uid)
    post_delete.connect(banner_changed, sender=Banner, dispatch_uid=uid)
    expiry.register(next_expiry)
