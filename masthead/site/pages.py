"""Page assembly: the one place the article page gathers what it shows.

The article view, the comment form's re-render and both previews render the
article page through `article_response`; the apps whose views show it
(comments, editorial) take it as an argument, passed by the URL wiring, so
they never import this layer (STYLE.md, "Layers").
"""

from django.shortcuts import render

from masthead.comments.display import comment_section


def article_response(request, article, comment_form=None, status=200):
    """The article page; a rejected comment form is shown with all it was given."""
    context = {
        "article": article,
        "comments": comment_section(request, article, comment_form),
    }
    return render(request, "articles/article_detail.html", context, status=status)
