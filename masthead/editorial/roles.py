"""The newsroom's roles as auth groups, and the permissions each one holds.

Rights accumulate: an Author can do all a Contributor can, an Editor all an
Author can. "Own" (an article the user created) is decided by policy.py, not
here: Django permissions are per model, ownership is per row.
"""

CONTRIBUTOR = "Contributor"
AUTHOR = "Author"
EDITOR = "Editor"
ADMINISTRATOR = "Administrator"
ROLE_NAMES = [CONTRIBUTOR, AUTHOR, EDITOR, ADMINISTRATOR]

_WRITER = [
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    "articles.add_articleauthor",
    "articles.change_articleauthor",
    "articles.delete_articleauthor",
    "articles.view_articleauthor",
    "articles.view_section",
    "articles.view_tag",
    "articles.view_correction",
    "media.add_image",
    "media.change_image",
    "media.view_image",
    "media.view_embed",
    "people.view_person",
    "editorial.view_revision",
]
_AUTHOR = _WRITER + ["articles.publish_article"]
_EDITOR = _AUTHOR + [
    "articles.edit_others_article",
    "articles.review_article",
    "articles.delete_article",
    "articles.add_section",
    "articles.change_section",
    "articles.delete_section",
    "articles.add_tag",
    "articles.change_tag",
    "articles.delete_tag",
    "articles.add_correction",
    "articles.change_correction",
    "comments.view_comment",
    "comments.change_comment",
    "comments.delete_comment",
    "people.add_person",
    "people.change_person",
    "media.delete_image",
    "media.change_embed",  # "Resolve again" (issue 19)
    "quotes.view_quote",  # the sources audit (issue 20: linked from the index)
    "quotes.change_quote",
    "editorial.view_transition",
    # Old addresses and where they lead (issue 20).
    "redirects.add_redirect",
    "redirects.change_redirect",
    "redirects.delete_redirect",
    "redirects.view_redirect",
    # The front page: pins, section layouts and the banner (issue 20).
    *(
        f"frontpage.{action}_{model}"
        for model in ("pin", "sectionlayout", "banner")
        for action in ("add", "change", "delete", "view")
    ),
    # Newsletters (issue 23): the lists, their readers' suppressions, editions.
    "newsletters.view_newsletter",
    "newsletters.add_newsletter",
    "newsletters.change_newsletter",
    "newsletters.view_subscriber",
    "newsletters.change_subscriber",
    "newsletters.view_subscription",
    "newsletters.view_edition",
    "newsletters.add_edition",
    "newsletters.change_edition",
    "newsletters.delete_edition",
    "newsletters.send_edition",
    "newsletters.view_editionstory",
    "newsletters.add_editionstory",
    "newsletters.change_editionstory",
    "newsletters.delete_editionstory",
]
ROLE_PERMISSIONS = {CONTRIBUTOR: _WRITER, AUTHOR: _AUTHOR, EDITOR: _EDITOR}


def ensure_roles(group_model, permission_model):
    """Create the groups and grant what each lacks; never takes a right away."""
    every = permission_model.objects.select_related("content_type")
    by_name = {f"{p.content_type.app_label}.{p.codename}": p for p in every}
    for name in ROLE_NAMES:
        group, _ = group_model.objects.get_or_create(name=name)
        wanted = ROLE_PERMISSIONS.get(name)
        perms = (
            by_name.values()
            if wanted is None
            else [by_name[code] for code in wanted if code in by_name]
        )
        group.permissions.add(*perms)


def sync_after_migrate(sender, using="default", **kwargs):
    from django.contrib.auth.models import Group, Permission

    if sender.label == "editorial" or Group.objects.using(using).exists():
        ensure_roles(Group, Permission)


def grant_in_migration(apps):
    """ensure_roles() from a data migration, with the historical models."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))
