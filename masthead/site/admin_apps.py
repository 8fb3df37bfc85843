from django.contrib.admin.apps import AdminConfig


class MastheadAdminConfig(AdminConfig):
    """The Django admin, with the site's own AdminSite (site/admin_site.py).

    In a module of its own: INSTALLED_APPS imports it before any model is
    ready, and the site imports models.
    """

    default_site = "masthead.site.admin_site.MastheadAdminSite"
