"""The API's routes. Views stay thin: read rules and writes live elsewhere."""

import re
from datetime import UTC, datetime
from typing import Annotated

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Path, Query, Status
from pydantic import WithJsonSchema

from masthead.articles.models import Article, Section, Tag
from masthead.comments import services as comment_services
from masthead.comments import trust
from masthead.comments.forms import CommentForm, issued_token
from masthead.comments.models import Comment, CommentSettings
from masthead.pagecache import tags as page_tags
from masthead.pagecache.dependencies import depends_on
from masthead.people.models import Person

from . import cursors, schemas, services
from .api import TokenAuth, api, error

# A string checked by parse_since(): pydantic's datetime would also take 0.5
# as seconds since 1970, which no client means.
IsoTime = Annotated[
    str | None,
    WithJsonSchema(
        {"type": "string", "format": "date-time", "description": "ISO 8601 time."}
    ),
]
RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([Zz]|[+-]\d{2}:\d{2})\Z"
)
# Slugs as Django's SlugField allows them; anything else is a 400, and never
# reaches the database (PostgreSQL refuses NUL characters outright).
SLUG = r"^[-a-zA-Z0-9_]+$"
ArticleSlug = Annotated[str, Path(..., pattern=SLUG, description="The article's slug.")]
CURSOR_HELP = "The next_cursor of the previous page."
READ = {304: None, 400: schemas.Error, 404: schemas.Error}
WRITE = {
    400: schemas.Error,
    401: schemas.Error,
    403: schemas.Error,
    404: schemas.Error,
    409: schemas.Error,
    412: schemas.Error,
}


@api.get("/articles", response={200: schemas.ArticlePage, **READ}, tags=["articles"])
def list_articles(
    request,
    section: str | None = Query(None, description="A section's slug.", pattern=SLUG),
    tag: str | None = Query(None, description="A tag's slug.", pattern=SLUG),
    author: str | None = Query(None, description="An author's slug.", pattern=SLUG),
    since: IsoTime = Query(None, description="Published at or after this time."),  # noqa: B008
    cursor: str | None = Query(None, description=CURSOR_HELP),
    limit: int = Query(20, ge=1, le=100, description="Articles per page, 1 to 100."),
):
    """Published articles, newest first.

    Filter by section, tag or author slug, or publication time.
    """
    articles = Article.objects.published().for_listing()
    if section:
        articles = articles.filter(section__slug=section)
    if tag:
        articles = articles.filter(tags__slug=tag)
    if author:
        articles = articles.filter(bylines__person__slug=author)
    if since is not None:
        articles = articles.filter(published_at__gte=parse_since(since))
    items, next_cursor = cursors.page(
        articles, "articles", cursor, "published_at", limit=limit
    )
    return {"items": items, "next_cursor": next_cursor}


@api.get(
    "/articles/{slug}", response={200: schemas.ArticleDetail, **READ}, tags=["articles"]
)
def article_detail(request, response: HttpResponse, slug: ArticleSlug):
    """One published article with its body as HTML (sanitized) and its tags.

    Its ETag leads with the article's version: send it back as If-Match on a
    write to have the write refused (412) if someone changed it since.
    """
    try:
        article = Article.objects.published().for_page().get(slug=slug)
    except Article.DoesNotExist:
        raise Http404("No published article has this slug.") from None
    return versioned(response, article)


@api.get(
    "/articles/{slug}/comments",
    response={200: schemas.CommentPage, **READ},
    tags=["comments"],
)
def list_comments(
    request,
    slug: ArticleSlug,
    cursor: str | None = Query(None, description=CURSOR_HELP),
    limit: int = Query(50, ge=1, le=200, description="Comments per page, 1 to 200."),
):
    """Approved comments, oldest first, with the id of the comment each replies to."""
    article = get_object_or_404(Article.objects.published(), slug=slug)
    depends_on(page_tags.comments(article.pk))
    comments = (
        Comment.objects.public()
        .filter(article=article)
        .only("id", "parent_id", "name", "by_staff", "body_html", "created_at")
    )
    items, next_cursor = cursors.page(
        comments,
        f"comments:{article.pk}",
        cursor,
        "created_at",
        limit=limit,
        descending=False,
    )
    return {"items": items, "next_cursor": next_cursor}


@api.get("/comments/token", response=schemas.CommentToken, tags=["comments"])
def comment_token(request):
    """A signed note of when the reader started writing, to send with the comment."""
    rules = CommentSettings.current()
    return {"issued": issued_token(), "min_seconds": rules.min_fill_seconds}


@api.post(
    "/articles/{slug}/comments",
    tags=["comments"],
    response={
        201: schemas.CommentAccepted,
        202: schemas.CommentAccepted,
        400: schemas.Error,
        403: schemas.Error,
        404: schemas.Error,
        409: schemas.Error,
        429: schemas.Error,
    },
)
def post_comment(
    request, response: HttpResponse, slug: ArticleSlug, payload: schemas.CommentIn
):
    """Post a comment under the comment form's rules: 201 if shown now, 202 if held.

    Trust works as in a browser: the answer sets the signed `masthead_trust`
    cookie, and a client that sends it back is published at once after one of
    its comments with that address has been approved. Name and email alone are
    a newcomer's, and no field of the request can give a comment the staff badge.
    """
    article = get_object_or_404(Article.objects.published(), slug=slug)
    form = CommentForm(payload.dict())
    if not form.is_valid():
        errors = {
            field: [str(m) for m in messages] for field, messages in form.errors.items()
        }
        return error(
            request,
            400,
            "The comment was not posted: please correct the fields named.",
            errors,
        )
    trusted_by = trust.read(request)
    try:
        # The form's bot signals too (issue 21, item 11): the issued token's
        # timer applies as on the page; the honeypot is always empty, as a
        # JSON client never sees a hidden field to fill.
        comment = comment_services.post_from_form(
            article=article,
            form=form,
            request=request,
            bot=form.bot_signals(),
            voucher=trust.voucher(trusted_by, form.cleaned_data["email"]),
        )
    except comment_services.CommentRejected as rejection:
        field = rejection.field or "request"
        return error(
            request, rejection.status, rejection.message, {field: [rejection.message]}
        )
    trust.remember(response, trusted_by, comment)
    if comment.status == Comment.Status.APPROVED:
        return Status(
            201,
            {
                "id": comment.pk,
                "status": "approved",
                "message": "Your comment is published.",
            },
        )
    # Spam looks the same as pending, so a bot learns nothing from the answer.
    return Status(
        202,
        {
            "id": comment.pk,
            "status": "pending",
            "message": "Your comment is awaiting moderation.",
        },
    )


@api.get(
    "/sections", response={200: list[schemas.SectionOut], 304: None}, tags=["site"]
)
def list_sections(request):
    """Every section, in navigation order."""
    depends_on(page_tags.SECTIONS)
    return Section.objects.order_by("position", "name")


@api.get("/tags", response={200: list[schemas.TagOut], 304: None}, tags=["site"])
def list_tags(request):
    """Every tag, by name."""
    depends_on(page_tags.ARTICLES)
    return Tag.objects.order_by("name")


@api.get("/authors", response={200: list[schemas.AuthorOut], 304: None}, tags=["site"])
def list_authors(request):
    """Staff authors with an author page, by name."""
    depends_on(page_tags.ARTICLES)
    return Person.objects.filter(is_staff_author=True).order_by("name")


# Editors: token required, permissions checked by the services.


@api.post(
    "/articles",
    auth=TokenAuth(),
    response={201: schemas.EditorArticle, **WRITE},
    tags=["editors"],
)
def create_article(request, response: HttpResponse, payload: schemas.ArticleIn):
    """Create a draft. Needs the articles.add_article permission."""
    article = services.create_article(user=request.auth, data=payload.dict())
    return Status(201, versioned(response, reloaded(article)))


@api.patch(
    "/articles/{slug}",
    auth=TokenAuth(),
    response={200: schemas.EditorArticle, **WRITE},
    tags=["editors"],
)
def update_article(
    request, response: HttpResponse, slug: ArticleSlug, payload: schemas.ArticlePatch
):
    """Change an article in any state. Needs permission to edit that article.

    With If-Match (an ETag of this article), refused with 412 if the article
    changed since that version.
    """
    article = get_object_or_404(Article, slug=slug)
    data = payload.dict(exclude_unset=True)
    saved = services.update_article(
        article=article, user=request.auth, data=data, if_match=if_match(request)
    )
    return versioned(response, reloaded(saved))


@api.post(
    "/articles/{slug}/publish",
    auth=TokenAuth(),
    response={200: schemas.EditorArticle, **WRITE},
    tags=["editors"],
)
def publish_article(request, response: HttpResponse, slug: ArticleSlug):
    """Publish now through the editorial workflow. Needs the publish permission.

    Honours If-Match as PATCH does.
    """
    article = get_object_or_404(Article, slug=slug)
    published = services.publish_article(
        article=article, user=request.auth, if_match=if_match(request)
    )
    return versioned(response, reloaded(published))


def parse_since(text):
    """An RFC 3339 time, as the schema promises; anything else is a 400."""
    try:
        if not RFC3339.match(text):
            raise ValueError(text)
        moment = datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
        # In UTC: PostgreSQL refuses offsets beyond ±15:59, which RFC 3339 allows.
        return moment.astimezone(UTC)
    except (ValueError, OverflowError) as err:
        raise services.Refused(
            "The request was not valid: please correct the fields named.",
            errors={
                "since": ["Give a time in RFC 3339 form, like 2025-05-01T09:00:00Z."]
            },
        ) from err


def reloaded(article):
    return Article.objects.for_page().get(pk=article.pk)


def versioned(response, article):
    """The article, its version named for the ETag (api.MastheadAPI)."""
    response.article_version = services.version_tag(article)
    return article


def if_match(request):
    return request.headers.get("If-Match")
