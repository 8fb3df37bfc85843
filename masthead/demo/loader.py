"""Load the demo newsroom. Running it again adds nothing twice (keyed on slugs)."""

import json
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from masthead.articles.models import Article, ArticleAuthor, Section, Tag
from masthead.articles.story import IMAGE_FOLDER
from masthead.comments.models import Comment
from masthead.editorial.roles import EDITOR
from masthead.frontpage.models import Pin, SectionLayout
from masthead.media import providers
from masthead.media.models import Embed, Image
from masthead.newsletters.models import Edition, Newsletter, Subscriber
from masthead.people.models import Person
from masthead.quotes.services import extract_article_quotes

from . import pictures

CONTENT_PATH = Path(__file__).with_name("content.json")
EDITOR_USERNAME = "editor"
ADMIN_USERNAME = "admin"


def read_content(path=CONTENT_PATH):
    return json.loads(Path(path).read_text(encoding="utf-8"))


@transaction.atomic
def load_demo(content, *, progress=lambda message: None, now=None):
    """Create what is missing; return how many articles were created."""
    now = now or timezone.now()
    sections = {s["slug"]: _section(s, i) for i, s in enumerate(content["sections"])}
    authors = {a["slug"]: _author(a) for a in content["authors"]}
    _library(content.get("library", []), progress)
    _embeds(content.get("embeds", []))
    created = 0
    total = len(content["articles"])
    for index, data in enumerate(content["articles"], start=1):
        if Article.objects.filter(slug=data["slug"]).exists():
            progress(f"[{index}/{total}] {data['slug']} (already there)")
            continue
        _article(data, sections, authors, now)
        created += 1
        progress(f"[{index}/{total}] {data['slug']}")
    _extract_quotes(content, progress)
    _front_page(content.get("front_page"), sections)
    _newsletters(now)
    return created


NEWSLETTERS = [
    ("Morning Briefing", "briefing", "The day's stories at 7 every morning", "daily"),
    ("Breaking News", "breaking", "Alerts when big news breaks", "none"),
]
DEMO_READERS = ["ada.reader@example.org", "grace.reader@example.org",
                "walt.reader@example.org"]


def _newsletters(now):
    """Two lists, three confirmed readers and one sent briefing for the archive."""
    lists = [
        Newsletter.objects.get_or_create(slug=slug, defaults={
            "name": name, "description": description, "cadence": cadence,
            "position": position})[0]
        for position, (name, slug, description, cadence) in enumerate(NEWSLETTERS)
    ]
    for email in DEMO_READERS:
        reader, _ = Subscriber.objects.get_or_create(email=email,
                                                     defaults={"confirmed_at": now})
        reader.subscriptions.get_or_create(newsletter=lists[0], defaults={
            "status": "active", "confirmed_at": now})
    if Edition.objects.filter(newsletter=lists[0]).exists():
        return
    edition = Edition.objects.create(
        newsletter=lists[0], subject="Morning Briefing: the week in Alder Falls",
        intro="Good morning. Here is what the newsroom reported this week.",
        status=Edition.Status.SENT, started_at=now, finished_at=now)
    for position, article in enumerate(Article.objects.published()[:4]):
        edition.edition_stories.create(article=article, position=position)


def _extract_quotes(content, progress):
    """Voices show at once, without waiting for the worker (issue 6)."""
    slugs = [data["slug"] for data in content["articles"]]
    found = sum(
        extract_article_quotes(article=article) or 0
        for article in Article.objects.filter(slug__in=slugs)
    )
    progress(f"{found} quotes found")


def _front_page(data, sections):
    """The desk's picks (issue 20): a pinned lead, two top stories and one
    section's layout. Pinned once: what an editor changes later is kept."""
    if not data:
        return
    for slug, layout in data.get("layouts", {}).items():
        SectionLayout.objects.get_or_create(
            section=sections[slug], defaults={"layout": layout}
        )
    if Pin.objects.exists():
        return
    stories = Article.objects.in_bulk([data["lead"], *data["top"]], field_name="slug")
    Pin.objects.create(article=stories[data["lead"]], slot=Pin.Slot.LEAD)
    for position, slug in enumerate(data["top"]):
        Pin.objects.create(article=stories[slug], slot=Pin.Slot.TOP, position=position)


def _library(pictures_data, progress):
    """The pictures the stories' figures and galleries name, by file name."""
    for data in pictures_data:
        path = IMAGE_FOLDER + data["file"]
        if Image.objects.filter(file=path).exists():
            continue
        shown = {"alt_text": data["alt"], "credit": data["credit"],
                 "caption": data.get("caption", "")}  # fmt: skip
        if default_storage.exists(path):  # left by an earlier demo: a new upload would be renamed
            Image.objects.create(file=path, **shown)
            continue
        jpeg = pictures.hero_jpeg(data["file"], data.get("palette", []), data.get("motif", ""))
        Image.objects.create(file=ContentFile(jpeg, name=data["file"]), **shown)
    progress(f"{len(pictures_data)} library pictures")


def _embeds(embeds_data):
    """The demo's embeds, resolved here: the demo runs without the internet, so
    the worker could not fetch them (a real one resolves on the first save)."""
    for data in embeds_data:
        found = providers.match(data["url"])
        if Embed.objects.filter(url=found.url).exists():
            continue
        thumbnail = _image(
            f"embed-{found.provider.key}-{len(data['title'])}.jpg",
            pictures.hero_jpeg(data["url"], data.get("palette", []), data.get("motif", "")),
            alt=f"Still from {found.provider.name}: {data['title']}"[:300],
            credit=data.get("author", found.provider.name),
        )
        Embed.objects.create(
            url=found.url, provider=found.provider.key, provider_name=found.provider.name,
            title=data["title"], author_name=data.get("author", ""),
            frame_src=found.frame_src, ratio=found.ratio, thumbnail=thumbnail,
            status=Embed.Status.READY, resolved_at=timezone.now(),
        )


def _section(data, position):
    section, _ = Section.objects.get_or_create(
        slug=data["slug"],
        defaults={"name": data["name"], "description": data.get("description", ""),
                  "position": position},
    )
    return section


def _author(data):
    person = Person.objects.filter(slug=data["slug"]).first()
    if person:
        return person
    photo = _image(
        f"portrait-{data['slug']}.jpg",
        pictures.portrait_jpeg(data["name"], data.get("photo_color", "#456")),
        alt=f"Portrait of {data['name']}",
        credit="The Alder Valley Ledger",
    )
    return Person.objects.create(
        name=data["name"], slug=data["slug"], job_title=data.get("job_title", ""),
        bio=data.get("bio", ""), photo=photo,
        email=f"{data['slug']}@ledger.example.com",
    )


def _image(filename, jpeg_bytes, *, alt, credit, caption=""):
    return Image.objects.create(
        file=ContentFile(jpeg_bytes, name=filename),
        alt_text=alt, credit=credit, caption=caption,
    )


def _article(data, sections, authors, now):
    hero = data["hero"]
    image = _image(
        f"hero-{data['slug']}.jpg",
        pictures.hero_jpeg(data["slug"], hero.get("palette", []), hero.get("motif", "")),
        alt=hero["alt"], credit=hero["credit"], caption=hero.get("caption", ""),
    )
    published_at = now - timedelta(hours=data["hours_ago"])
    article = Article.objects.create(
        title=data["title"], slug=data["slug"], standfirst=data["standfirst"],
        body=data["body"], section=sections[data["section"]], hero_image=image,
        status=Article.Status.PUBLISHED, published_at=published_at,
        comments_enabled=data.get("comments_open", True),
    )
    if data.get("updated_hours_after"):
        revised = published_at + timedelta(hours=data["updated_hours_after"])
        Article.objects.filter(pk=article.pk).update(revised_at=revised)
    for position, slug in enumerate(data["authors"]):
        ArticleAuthor.objects.create(article=article, person=authors[slug], position=position)
    article.tags.set(_tag(name) for name in data.get("tags", []))
    _comments(article, data.get("comments", []), None, published_at)


def _tag(name):
    tag, _ = Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    return tag


def _comments(article, comments, parent, after):
    for offset, data in enumerate(comments, start=1):
        posted = min(after + timedelta(minutes=37 * offset), timezone.now())
        comment = Comment.objects.create(
            article=article, parent=parent, depth=parent.depth + 1 if parent else 0,
            name=data["name"], email=data["email"], website=data.get("website", ""),
            body=data["body"], status=data.get("status", Comment.Status.APPROVED),
            by_staff=data.get("staff", False),  # a reporter's reply, with the badge
            ip_address="192.0.2.10",
        )
        Comment.objects.filter(pk=comment.pk).update(created_at=posted)
        comment.created_at = posted
        _comments(article, data.get("replies", []), comment, posted)


def ensure_editor(password):
    """The demo's editor login, in the Editor role as a newsroom would set it up
    (issue 20: not a superuser); the password is reset to the one printed."""
    user = _staff_account(EDITOR_USERNAME, password, superuser=False)
    user.groups.set([Group.objects.get(name=EDITOR)])
    return user


def ensure_administrator(password):
    """A separate account for the site's settings: users, roles, every model."""
    return _staff_account(ADMIN_USERNAME, password, superuser=True)


def _staff_account(username, password, *, superuser):
    User = get_user_model()
    user, _ = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@ledger.example.com"}
    )
    user.is_staff, user.is_superuser = True, superuser
    user.set_password(password)
    user.save()
    return user
