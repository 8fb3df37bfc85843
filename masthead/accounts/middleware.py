"""Rules for staff sessions in the admin: an idle time, and two-factor sign-in.

Staff sessions end after MASTHEAD_STAFF_IDLE_SECONDS without an admin request.

Only requests under /admin/ are looked at: a reader's page (and a staff
member reading the site) costs nothing here, not even the session's query.
The last-seen time is written at most once a minute, so an editor's busy
minute in the admin is not a session write per request.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import twofactor

SEEN = "masthead_staff_seen"
TWO_FACTOR_STATE = "masthead_two_factor_state"
WRITE_EVERY = 60


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and self._has_session(request):
            self._check_idle(request)
        return self.get_response(request)

    @staticmethod
    def _has_session(request):
        return settings.SESSION_COOKIE_NAME in request.COOKIES

    def _check_idle(self, request):
        if not request.user.is_authenticated:
            return
        idle = getattr(settings, "MASTHEAD_STAFF_IDLE_SECONDS", 7200)
        now, seen = time.time(), request.session.get(SEEN)
        if seen is not None and now - seen > idle:
            logout(request)  # flushes the session: a new key, nothing kept
            messages.info(
                request,
                _("You were signed out after %(minutes)d idle minutes.")
                % {"minutes": idle // 60},
            )
        elif seen is None or now - seen > WRITE_EVERY:
            request.session[SEEN] = now


class TwoFactorMiddleware:
    """In the admin: enrolled staff must have signed in with a code (older
    sessions are ended), and staff whose role requires it must enrol first.

    After django-otp's OTPMiddleware. Looks only under /admin/ and only at
    sessions not verified by a code. What such a session must do is worked
    out at login and again at most once a minute (one query, kept in the
    session), so the admin's pages keep their query counts.
    """

    EXEMPT = ("/admin/two-factor/", "/admin/passkeys/", "/admin/logout/", "/admin/login/",
              "/admin/jsi18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith("/admin/")
            and not request.path.startswith(self.EXEMPT)
            and settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            refusal = self._check(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def _check(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        state = remember_two_factor_state(request, user)
        if state == "verify":
            logout(request)
            messages.info(request, _("Sign in again with a code from your app."))
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if state == "enrol":
            return HttpResponseRedirect(reverse("two_factor"))
        return None


def remember_two_factor_state(request, user, *, fresh=False):
    """The session's two-factor state, worked out again when a minute old."""
    now, kept = time.time(), request.session.get(TWO_FACTOR_STATE)
    if fresh or kept is None or now - kept[0] > WRITE_EVERY:
        kept = (now, twofactor.session_state(user))
        request.session[TWO_FACTOR_STATE] = kept
    return kept[1]
