"""Count failed logins; when one succeeds, clear its count and start the
staff session's clocks."""

import time

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from masthead.core.clients import client_ip

from . import middleware, throttle


@receiver(user_login_failed, dispatch_uid="masthead.accounts.count_failure")
def count_failure(sender, credentials, request=None, **kwargs):
    if request is not None and getattr(request, "masthead_lockout", None):
        return  # refused by a lock: the attempt never reached a password check
    throttle.record_failure(
        username=credentials.get("username"),
        ip=client_ip(request) if request is not None else None,
    )


@receiver(user_logged_in, dispatch_uid="masthead.accounts.clear_failures")
def clear_failures(sender, request, user, **kwargs):
    throttle.record_success(username=user.get_username())


@receiver(user_logged_in, dispatch_uid="masthead.accounts.start_staff_session")
def start_staff_session(sender, request, user, **kwargs):
    # Worked out now, so the admin's first pages need no query or session
    # write for them (middleware.py).
    if request is None or not hasattr(request, "session"):
        return
    request.session[middleware.SEEN] = time.time()
    middleware.remember_two_factor_state(request, user, fresh=True)
