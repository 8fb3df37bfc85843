"""Who may do what to which article: the one place the rules are written.

Django's permissions say what a role may do to articles in general; these
functions add ownership ("own drafts") and state (a Contributor may not edit a
story once it is scheduled or live, as in WordPress).
"""

WRITER_STATES = {"draft", "review", "unpublished"}


def owns(user, article):
    return article.created_by_id is not None and article.created_by_id == user.pk


def can_publish(user, article):
    """Publish, schedule and unpublish: own articles for Authors, any for Editors."""
    if not user.has_perm("articles.publish_article"):
        return False
    return owns(user, article) or user.has_perm("articles.edit_others_article")


def can_edit(user, article):
    if not user.has_perm("articles.change_article"):
        return False
    if user.has_perm("articles.edit_others_article"):
        return True
    if not owns(user, article):
        return False
    return article.status in WRITER_STATES or can_publish(user, article)


def can_return_to_draft(user, article):
    """Writers may withdraw their own submission; sending back others' is review."""
    if article.status == "review":
        return user.has_perm("articles.review_article") or (
            owns(user, article) and can_edit(user, article)
        )
    return can_publish(user, article)


def can_view_revisions(user, article):
    return user.has_perm("editorial.view_revision") and can_edit(user, article)
