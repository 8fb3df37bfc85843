"""Mounted under /admin/ before the admin's own URLs (masthead/urls.py).

The names are the ones Django's auth views and admin templates reverse:
`admin_password_reset` puts "Forgotten your password?" on the login page.
"""

from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("login/", views.admin_login, name="staff_login"),
    path("two-factor/", admin.site.admin_view(views.two_factor), name="two_factor"),
    path("passkeys/", include("django_otp_webauthn.urls", namespace="otp_webauthn")),
    path(
        "password_reset/",
        views.PasswordResetView.as_view(),
        name="admin_password_reset",
    ),
    path(
        "password_reset/done/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
