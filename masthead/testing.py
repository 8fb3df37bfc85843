"""Factories for tests across apps: real rows, built with the same code paths as the site.

They sit above every app (STYLE.md, "Layers"): a factory may build any app's
rows, so it cannot live in core, which imports none.
"""

import io
import itertools
from datetime import timedelta

from django.core import signing
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone
from PIL import Image as PILImage

from masthead.articles.models import Article, ArticleAuthor, Section, Tag
from masthead.comments import trust
from masthead.comments.models import Comment
from masthead.media.models import Image
from masthead.newsletters.models import Newsletter, Subscriber, Subscription
from masthead.people.models import Person

_counter = itertools.count(1)


def jpeg_bytes(width=64, height=36, color=(40, 90, 140)):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, "JPEG")
    return buffer.getvalue()


def make_image(**fields):

    n = next(_counter)
    defaults = {
        "file": ContentFile(jpeg_bytes(), name=f"test-{n}.jpg"),
        "alt_text": f"Test picture {n}",
        "credit": "Test Photographer/The Test Ledger",
        "caption": f"Caption {n}",
    }
    return Image.objects.create(**{**defaults, **fields})


def make_person(name=None, **fields):

    n = next(_counter)
    name = name or f"Reporter {n}"
    return Person.objects.create(name=name, slug=fields.pop("slug", f"person-{n}"), **fields)


def make_section(name=None, **fields):

    n = next(_counter)
    return Section.objects.create(
        name=name or f"Section {n}", slug=fields.pop("slug", f"section-{n}"), **fields
    )


def make_tag(name=None):

    n = next(_counter)
    name = name or f"Tag {n}"
    return Tag.objects.create(name=name, slug=f"tag-{n}")


def make_article(*, authors=(), tags=(), status=None, published_at=None, **fields):
    """A published article (unless status says otherwise) with its byline and tags."""

    n = next(_counter)
    status = status or Article.Status.PUBLISHED
    if published_at is None and status == Article.Status.PUBLISHED:
        published_at = timezone.now() - timedelta(hours=n)
    defaults = {
        "title": f"Test article {n}",
        "slug": f"test-article-{n}",
        "standfirst": f"Standfirst of test article {n}.",
        "body": f"Paragraph one of article {n}.\n\n“We are testing,” Jo Tester said.",
    }
    article = Article.objects.create(
        status=status, published_at=published_at, **{**defaults, **fields}
    )
    for position, person in enumerate(authors):
        ArticleAuthor.objects.create(article=article, person=person, position=position)
    article.tags.set(tags)
    return article


def make_comment(article, **fields):

    n = next(_counter)
    defaults = {
        "name": f"Reader {n}",
        "email": f"reader{n}@example.com",
        "body": f"Comment number {n}.",
        "status": Comment.Status.APPROVED,
        "ip_address": "203.0.113.7",
    }
    return Comment.objects.create(article=article, **{**defaults, **fields})


def explain_prepared(query, *, analyze=False, **values):
    """The database's plan for a PreparedQuery run with these values, as text.

    SQLite's EXPLAIN QUERY PLAN, or PostgreSQL's EXPLAIN (with ANALYZE, the
    rows each step read and threw away)."""
    sql, params = query.bound(**values)
    if connection.vendor == "sqlite":
        explain = "EXPLAIN QUERY PLAN "
    else:
        explain = "EXPLAIN (ANALYZE) " if analyze else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(explain + sql, params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def trust_browser(client, email):
    """Give a test client the trust cookie a browser earns once a comment it
    posted with ``email`` was approved (comments/trust.py)."""
    entries = {trust.address_tag(email): trust.TRUSTED}
    client.cookies[trust.TRUST_COOKIE] = signing.dumps(entries, salt=trust.SALT)
    return client
def make_newsletter(name=None, **fields):
    n = next(_counter)
    return Newsletter.objects.create(
        name=name or f"Newsletter {n}", slug=fields.pop("slug", f"newsletter-{n}"),
        **fields,
    )


def make_subscribers(newsletter, count, *, confirmed=True, domain="example.com"):
    """``count`` subscribers of one list, confirmed (or pending), in bulk."""
    now = timezone.now()
    start = next(_counter) * 100_000
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{start + n}@{domain}",
                   confirmed_at=now if confirmed else None)
        for n in range(count)
    )
    if connection.vendor == "sqlite" and subscribers and subscribers[0].pk is None:
        subscribers = list(Subscriber.objects.filter(
            email__in=[s.email for s in subscribers]).order_by("pk"))
    Subscription.objects.bulk_create(
        Subscription(subscriber=s, newsletter=newsletter,
                     status="active" if confirmed else "pending",
                     confirmed_at=now if confirmed else None)
        for s in subscribers
    )
    return subscribers


def postgres_admin_connection():
    """A connection of our own to the PostgreSQL server (database "postgres"),
    outside Django's pool, to end or refuse the site's connections."""
    import psycopg  # the PostgreSQL runs' driver; SQLite runs never get here

    params = connection.get_connection_params()
    for key in ("cursor_factory", "context", "pool"):
        params.pop(key, None)
    params.update(dbname="postgres", autocommit=True)
    return psycopg.connect(**{k: v for k, v in params.items() if v is not None})


def end_site_connections(admin, database):
    admin.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE datname = %s AND pid <> pg_backend_pid()",
        [database],
    )


class database_away:
    """The site's PostgreSQL database refuses connections, and its open ones
    are ended, as during a restart, until the block ends."""

    def __enter__(self):
        self.database = connection.settings_dict["NAME"]
        self.admin = postgres_admin_connection()
        self.admin.execute(f'ALTER DATABASE "{self.database}" ALLOW_CONNECTIONS false')
        end_site_connections(self.admin, self.database)
        return self

    def __exit__(self, *exc):
        self.admin.execute(f'ALTER DATABASE "{self.database}" ALLOW_CONNECTIONS true')
        self.admin.close()
        connection.close()  # a connection ended above is of no more use
        connection.close_pool()  # not to wait out the old pool's back-off


def sign_in_editor(client, username="picture-desk"):
    """A staff user with the Editor role, signed in on `client`."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    client.force_login(user)
    return user
