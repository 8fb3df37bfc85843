"""Django's ModelBackend behind the login throttle (AUTHENTICATION_BACKENDS).

Whatever calls `authenticate()` (the admin login, Django's auth views, a
future API login), a locked account or address is stopped before the
password is checked: raising PermissionDenied makes Django try no other
backend, so the right password is refused too. The view then answers 429
(`views.py`). One backend, not a guard in front of ModelBackend, so that
sessions (and `force_login`) resolve users through it as before.
"""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from masthead.core.clients import client_ip

from . import throttle


class LockedOut(PermissionDenied):
    def __init__(self, refusal):
        super().__init__(refusal.message)
        self.refusal = refusal


class ThrottledModelBackend(ModelBackend):
    """ModelBackend that refuses everyone a lockout covers."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        ip = client_ip(request) if request is not None else None
        refusal = throttle.refusal_for(username=username, ip=ip)
        if refusal is not None:
            if request is not None:
                request.masthead_lockout = refusal  # the view turns it into a 429
            raise LockedOut(refusal)
        return super().authenticate(request, username, password, **kwargs)
