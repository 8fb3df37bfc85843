from django.contrib.admin.apps import AdminConfig


class MastheadAdminConfig(AdminConfig):
    """The Django admin, with an index that shows the newsroom's to-do counts."""

    default_site = "masthead.core.admin_site.MastheadAdminSite"
