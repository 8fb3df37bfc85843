"""Staff login paths, each behind the throttle (the admin login and password
reset), and the page where staff set up two-factor sign-in.

Thin wrappers: Django's own views do the work; a lockout found while they
ran (the guard backend marks the request) is answered 429 with the time to
try again, whatever the view would have said.
"""

from base64 import b32encode

import segno
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticToken
from django_otp_webauthn.models import WebAuthnCredential

from masthead.core.clients import client_ip

from . import throttle, twofactor
from .forms import CodeForm


def locked_out(request, refusal):
    context = {
        **admin.site.each_context(request),
        "message": refusal.message,
        "title": _("Too many attempts"),
    }
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
        return {
            **admin.site.each_context(self.request),
            **super().get_context_data(**kwargs),
        }


class PasswordResetView(AdminChrome, auth_views.PasswordResetView):
    """Django's reset-by-email flow, each request counted like a failed login.

    Django's form already answers the same page whether or not the address
    belongs to an account, and mails only active users with a password.
    """

    success_url = reverse_lazy("password_reset_done")

    def post(self, request, *args, **kwargs):
        subject = {
            "username": request.POST.get("email", ""),
            "ip": client_ip(request),
            "action": "reset",
        }
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


def two_factor(request):
    """Set up an authenticator app, see the state, renew recovery codes."""
    user, enrolled = request.user, twofactor.is_enrolled(request.user)
    context = {
        **admin.site.each_context(request),
        "title": _("Two-factor sign-in"),
        "enrolled": enrolled,
        "required": twofactor.is_required(user),
    }
    if enrolled and request.method == "POST" and "regenerate" in request.POST:
        context["codes"] = twofactor.new_recovery_codes(user)
    elif enrolled and "new" not in request.GET:
        context["recovery_left"] = StaticToken.objects.filter(device__user=user).count()
        context["passkeys"] = WebAuthnCredential.objects.filter(user=user).count()
    else:
        context.update(_enrolment(request))
    return render(request, "accounts/two_factor.html", context)


def _enrolment(request):
    device = twofactor.pending_app(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        codes = twofactor.confirm_app(device, form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)  # this session is now verified
            return {"codes": codes}
        form.add_error(
            "code",
            _(
                "That code is not right. Check that the phone's "
                "clock is set automatically, wait a moment and try "
                "the code it shows then."
            ),
        )
    qr = segno.make(device.config_url, error="m").svg_data_uri(scale=5)
    return {
        "device": device,
        "form": form,
        "qr": qr,
        "secret": b32encode(device.bin_key).decode(),
    }
