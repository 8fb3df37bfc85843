"""The writing screen's pickers: the media library's pictures and the stories
a body can link as related cards, each with the block text it inserts.

The picker is a plain page (it works without JavaScript: the editor copies
the block's text); editor.js shows it beside the body and inserts the text at
the cursor (issue 19: no typing of ids, and the stored Markdown stays
readable because a block names its picture by file name).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.template.response import TemplateResponse

from masthead.articles.models import Article
from masthead.articles.story import IMAGE_FOLDER
from masthead.media.models import Image
from masthead.media.pictures import picture

SHOWN = 24


def picture_choices(query=""):
    """The newest pictures, or those whose alt text, caption, credit or file
    name holds the words searched; each with the block that shows it."""
    images = Image.objects.all()
    for word in query.split()[:5]:
        images = images.filter(
            Q(alt_text__icontains=word) | Q(caption__icontains=word)
            | Q(credit__icontains=word) | Q(file__icontains=word)
        )  # fmt: skip
    return [
        {
            "image": image,
            "thumbnail": picture(image, sizes="8rem", alt=""),
            "name": image.file.name.removeprefix(IMAGE_FOLDER),
        }
        for image in images[:SHOWN]
    ]


def story_choices(query=""):
    stories = Article.objects.published().only("title", "slug", "published_at")
    if query:
        stories = stories.filter(title__icontains=query[:100])
    return list(stories[:SHOWN])


def picker_view(model_admin, request):
    if not request.user.has_perm("articles.change_article"):
        raise PermissionDenied("You may not edit articles.")
    query = request.GET.get("q", "")[:200]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Pictures and stories to insert",
        "query": query,
        "pictures": picture_choices(query),
        "stories": story_choices(query),
        "opts": model_admin.model._meta,
    }
    return TemplateResponse(request, "editorial/admin/picker.html", context)
