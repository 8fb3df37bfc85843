"""Staff login paths, each behind the throttle: the admin login and password reset.

Thin wrappers: Django's own views do the work; a lockout found while they
ran (the guard backend marks the request) is answered 429 with the time to
try again, whatever the view would have said.
"""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from masthead.core.clients import client_ip

from . import throttle


def locked_out(request, refusal):
    context = {**admin.site.each_context(request), "message": refusal.message,
               "title": _("Too many attempts")}
    response = render(request, "accounts/locked_out.html", context, status=429)
    response["Retry-After"] = str(refusal.seconds_left)
    return response


def admin_login(request, extra_context=None):
    response = admin.site.login(request, extra_context)
    refusal = getattr(request, "masthead_lockout", None)
    return locked_out(request, refusal) if refusal else response


class AdminChrome:
    """The admin's header and links on Django's auth views' admin templates."""

    def get_context_data(self, **kwargs):
        return {**admin.site.each_context(self.request), **super().get_context_data(**kwargs)}


class PasswordResetView(AdminChrome, auth_views.PasswordResetView):
    """Django's reset-by-email flow, each request counted like a failed login.

    Django's form already answers the same page whether or not the address
    belongs to an account, and mails only active users with a password.
    """

    success_url = reverse_lazy("password_reset_done")

    def post(self, request, *args, **kwargs):
        subject = {"username": request.POST.get("email", ""), "ip": client_ip(request),
                   "action": "reset"}
        refusal = throttle.refusal_for(**subject)
        if refusal is not None:
            return locked_out(request, refusal)
        throttle.record_failure(**subject)  # every request counts: none "succeeds"
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(AdminChrome, auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(AdminChrome, auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(AdminChrome, auth_views.PasswordResetCompleteView):
    pass
