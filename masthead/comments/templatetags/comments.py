from django import template

from masthead.comments.avatars import identicon_svg

register = template.Library()


@register.simple_tag
def avatar(comment, size=48):
    """An identicon keyed on the email, which itself never reaches the page."""
    return identicon_svg(comment.email, size)
