"""`Permissions-Policy` on every response (issue 21, item 7).

Readers' pages use no camera, microphone, location, motion sensors, payment
or USB, so the policy turns them off for the page and anything it embeds;
the share bar's Web Share and clipboard stay at their default (this origin).
Inside the page cache's middleware, so a cached page carries it too.
"""

from django.conf import settings

DEFAULT_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "MASTHEAD_PERMISSIONS_POLICY", DEFAULT_POLICY)
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response
