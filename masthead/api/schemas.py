"""What the API shows: an explicit allowlist of public fields per object.

Comment email, IP address and user agent, a person's email and every
editor-only field stay out because they are not listed here.
"""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema


def absolute(context, path):
    return context["request"].build_absolute_uri(path)


class SectionOut(Schema):
    name: str
    slug: str
    url: str

    @staticmethod
    def resolve_url(obj, context):
        return absolute(context, obj.get_absolute_url())


class TagOut(SectionOut):
    pass


class AuthorOut(Schema):
    name: str
    slug: str
    job_title: str
    url: str

    @staticmethod
    def resolve_url(obj, context):
        return absolute(context, obj.get_absolute_url())


class ArticleSummary(Schema):
    id: int
    slug: str
    title: str
    standfirst: str
    url: str
    section: SectionOut | None
    authors: list[AuthorOut]
    published_at: datetime | None
    updated_at: datetime | None = Field(None, alias="revised_at")
    reading_minutes: int

    @staticmethod
    def resolve_url(obj, context):
        return absolute(context, obj.get_absolute_url())

    @staticmethod
    def resolve_authors(obj):
        return [byline.person for byline in obj.bylines.all()]


class BodyImageOut(Schema):
    """A picture in the story's body (issue 19): its public fields only."""

    url: str
    width: int
    height: int
    alt: str
    caption: str
    credit: str

    @staticmethod
    def resolve_url(obj, context):
        return absolute(context, obj["url"])


class ArticleDetail(ArticleSummary):
    body_html: str
    images: list[BodyImageOut] = Field(
        ..., description="The pictures in the body, in reading order."
    )
    tags: list[TagOut]
    comments_open: bool

    @staticmethod
    def resolve_images(obj):
        return obj.body_images

    @staticmethod
    def resolve_tags(obj):
        return list(obj.tags.all())

    @staticmethod
    def resolve_comments_open(obj):
        return obj.comments_are_open()


class EditorArticle(ArticleDetail):
    """What an editor gets back from a write: the public fields plus the workflow's."""

    status: str
    body: str
    comments_enabled: bool


class ArticlePage(Schema):
    items: list[ArticleSummary]
    next_cursor: str | None = Field(
        None, description="Pass as ?cursor= for the next page."
    )


class CommentOut(Schema):
    id: int
    parent_id: int | None
    name: str
    staff: bool = Field(
        False, description="Posted by a signed-in member of staff (the staff badge)."
    )
    body_html: str
    created_at: datetime

    @staticmethod
    def resolve_staff(comment):
        return comment.by_staff


class CommentPage(Schema):
    items: list[CommentOut]
    next_cursor: str | None = None


class CommentIn(Schema):
    name: str = Field(..., description="Shown with the comment.")
    email: str = Field(..., description="Never shown, never in any response.")
    comment: str
    website: str = ""
    parent: int | None = Field(
        None, description="Id of the approved comment replied to."
    )
    issued: str = Field(
        "",
        description=(
            "The token from GET /api/comments/token, fetched when the reader "
            "starts writing. As with the comment form, a comment without it, or "
            "sent sooner than the site's minimum writing time after it, is "
            "treated as a bot's: stored for moderators as spam, answered 202."
        ),
    )


class CommentToken(Schema):
    issued: str
    min_seconds: int = Field(..., description="Wait at least this long before posting.")


class CommentAccepted(Schema):
    id: int
    status: Literal["approved", "pending"]
    message: str


class ArticleIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    body: str = ""
    slug: str | None = Field(None, max_length=200)
    standfirst: str = ""
    section: str | None = Field(None, description="Section slug.")
    tags: list[str] | None = Field(None, description="Tag slugs.")
    authors: list[str] | None = Field(
        None, description="Person slugs, in byline order."
    )
    comments_enabled: bool = True


class ArticlePatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=300)
    body: str | None = None
    slug: str | None = Field(None, min_length=1, max_length=200)
    standfirst: str | None = None
    section: str | None = None
    tags: list[str] | None = None
    authors: list[str] | None = None
    comments_enabled: bool | None = None


class Error(Schema):
    detail: str = Field(..., description="A sentence saying what went wrong.")
    errors: dict[str, list[str]] = Field(
        default_factory=dict, description="Sentences per field."
    )
