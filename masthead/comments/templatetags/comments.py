from django import template

from masthead.comments.avatars import identicon_svg

register = template.Library()


@register.simple_tag
def avatar(comment, size=48):
    """An identicon keyed on the email, which itself never reaches the page."""
    return identicon_svg(comment.email, size)


@register.filter
def can_reply(item, section):
    comment = item.comment
    return section.is_open and comment.is_public and item.depth + 1 < section.max_depth
