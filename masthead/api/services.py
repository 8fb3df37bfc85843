"""Writes made through the API: tokens, articles and their publication.

Permissions are checked here, on the server, whatever the client claims.
Publishing goes through the editorial workflow's own service.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.http import parse_etags
from django.utils.text import slugify

from masthead.articles.models import Article, ArticleAuthor, Section, Tag
from masthead.editorial import policy as editorial_policy
from masthead.editorial import revisions
from masthead.editorial import services as editorial
from masthead.editorial.conflicts import editor_name, local_time
from masthead.people.models import Person

from .models import Token, hash_key

WRITABLE = ("title", "slug", "standfirst", "body", "comments_enabled")


class Refused(Exception):
    """A write the API refuses, with an HTTP status and a sentence per field."""

    def __init__(self, message, *, status=400, errors=None):
        super().__init__(message)
        self.message, self.status, self.errors = message, status, errors or {}


def create_token(*, user, name):
    """A new token for `user`; returns (token, key). The key is never stored."""
    key = Token.new_key()
    token = Token.objects.create(
        user=user, name=name, key_start=key[:8], key_hash=hash_key(key)
    )
    return token, key


def authenticate(key):
    token = Token.objects.active_for_key(key).first()
    if token is None:
        return None
    Token.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def create_article(*, user, data):
    """A new draft, bylined to the user's person unless authors are given."""
    if not user.has_perm("articles.add_article"):
        raise PermissionDenied("Your account may not create articles.")
    article = Article(status=Article.Status.DRAFT, created_by=user)
    data = {**data, "slug": data.get("slug") or slugify(data.get("title", ""))[:200]}
    return _save(article, data, user=user, new=True)


def update_article(*, article, user, data, if_match=None):
    if not editorial_policy.can_edit(user, article):
        raise PermissionDenied("You may not edit this article.")
    with transaction.atomic():
        check_version(article, if_match)
        return _save(article, data, user=user, new=False)


def publish_article(*, article, user, if_match=None):
    """Publish through the editorial workflow (it checks the `publish` permission)."""
    try:
        with transaction.atomic():
            check_version(article, if_match)
            return editorial.publish(article=article, user=user)
    except editorial.TransitionError as err:
        raise Refused(str(err), status=409) from err


def version_tag(article):
    """What an article's ETag leads with: "id.version" (api.py adds a digest)."""
    return f"{article.pk}.{article.version}"


def check_version(article, if_match):
    """Refuse (412) a write whose If-Match names none of the article's
    current ETags, so a client never overwrites a change it has not seen
    (issue 20). Locks the row until the write's transaction ends."""
    if if_match is None:
        return
    current = Article.objects.select_for_update().get(pk=article.pk)
    article.version = current.version
    tags = parse_etags(if_match)
    if "*" in tags or any(_names_version(tag, current) for tag in tags):
        return
    last = current.revisions.select_related("user").first()
    who = editor_name(last.user) if last and last.user else "someone"
    raise Refused(
        f"This article changed since your copy: {who} saved it at "
        f"{local_time(current.modified_at)}. Fetch it again and apply your "
        "change to that version.",
        status=412,
        errors={"If-Match": [f"The current version is {version_tag(current)}."]},
    )


def _names_version(tag, article):
    if not tag.startswith('"'):
        return False  # a weak W/"..." tag never matches If-Match (RFC 9110)
    return tag.strip('"').split(".")[:2] == version_tag(article).split(".")


def _reject_nul(data):
    # PostgreSQL cannot store a NUL character; a 400 says so before it tries.
    def has_nul(value):
        if isinstance(value, str):
            return "\x00" in value
        return isinstance(value, list) and any(map(has_nul, value))

    bad = {
        field: ["This contains a NUL character, which cannot be stored."]
        for field, value in data.items()
        if has_nul(value)
    }
    if bad:
        raise Refused(
            "The article was not saved: please correct the fields named.", errors=bad
        )


def _save(article, data, *, user, new):
    _reject_nul(data)
    for field in WRITABLE:
        if field in data and data[field] is not None:
            setattr(article, field, data[field])
    if "section" in data:
        article.section = _section(data["section"])
    tags = _lookup(Tag, data["tags"], "tags") if data.get("tags") is not None else None
    people = _authors(data.get("authors"), user, new)
    _validate(article)
    try:
        with transaction.atomic():
            article.save()
            if tags is not None:
                article.tags.set(tags)
            if people is not None:
                _set_bylines(article, people)
            # As every admin save does: who changed it, for the desk's
            # "NAME saved this story" and the revisions screen.
            revisions.record(article=article, user=user, note="Saved through the API")
    except IntegrityError as err:
        raise Refused(
            "That slug is taken.",
            status=409,
            errors={"slug": ["Another article already uses this slug."]},
        ) from err
    return article


def _validate(article):
    try:
        article.full_clean(
            exclude=["section", "hero_image", "authors", "tags", "created_by"]
        )
    except ValidationError as err:
        errors = {
            field: [str(m) for m in messages]
            for field, messages in err.message_dict.items()
        }
        if any("already exists" in m for m in errors.get("slug", [])):
            raise Refused("That slug is taken.", status=409, errors=errors) from err
        raise Refused(
            "The article was not saved: please correct the fields named.", errors=errors
        ) from err


def _section(slug):
    if not slug:
        return None
    section = Section.objects.filter(slug=slug).first()
    if section is None:
        raise Refused(
            "Unknown section.", errors={"section": [f"There is no section “{slug}”."]}
        )
    return section


def _lookup(model, slugs, field):
    found = {obj.slug: obj for obj in model.objects.filter(slug__in=slugs)}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise Refused(
            f"Unknown {field}.",
            errors={
                field: [
                    f"There is no {model._meta.verbose_name} “{s}”." for s in missing
                ]
            },
        )
    return [found[slug] for slug in slugs]


def _authors(slugs, user, new):
    if slugs is not None:
        return _lookup(Person, slugs, "authors")
    if new:
        person = Person.objects.filter(user=user).first()
        return [person] if person else []
    return None


def _set_bylines(article, people):
    ArticleAuthor.objects.filter(article=article).delete()
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=article, person=person, position=n)
        for n, person in enumerate(people)
    )
