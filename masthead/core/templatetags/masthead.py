from django import template

from masthead.core.share import share_links

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, obj_or_path):
    path = obj_or_path if isinstance(obj_or_path, str) else obj_or_path.get_absolute_url()
    return context["request"].build_absolute_uri(path)


@register.inclusion_tag("includes/share_bar.html", takes_context=True)
def share_bar(context, article):
    url = context["request"].build_absolute_uri(article.get_absolute_url())
    return {"links": share_links(url, article.title), "url": url}


@register.filter
def byline_names(bylines):
    """People of a byline, in order, for "By A, B and C"."""
    return [byline.person for byline in bylines]
