"""Writes to the search index, shared by the signal handlers and the rebuild command."""

from django.db import connection, transaction

from masthead.articles.models import Article
from masthead.core.sanitize import plain_text

from .backends import get_backend
from .query import clean_text

# Articles that are public now or will be at their publication time. Whether
# one may be shown is still decided at query time by Article.objects.published(),
# so a scheduled story is found from the minute its embargo lifts.
INDEXED_STATUSES = (Article.Status.PUBLISHED, Article.Status.SCHEDULED)
BATCH_SIZE = 500


def entry_row(article):
    return (
        article.pk,
        clean_text(article.title),
        clean_text(article.standfirst),
        clean_text(plain_text(article.body_html)),
    )


def update_article(*, article_id):
    """Bring one article's entry in step with the article: add, replace or remove."""
    article = (
        Article.objects.filter(pk=article_id, status__in=INDEXED_STATUSES)
        .only("title", "standfirst", "body_html")
        .first()
    )
    with transaction.atomic(), connection.cursor() as cursor:
        if article is None:
            get_backend().remove(cursor, [article_id])
        else:
            get_backend().index(cursor, [entry_row(article)])


def remove_article(*, article_id):
    with transaction.atomic(), connection.cursor() as cursor:
        get_backend().remove(cursor, [article_id])


def rebuild(*, progress=None, batch_size=BATCH_SIZE):
    """Re-index every indexable article, a batch per transaction, then drop the rest.

    Search keeps answering throughout (entries are replaced, never emptied
    first), and no transaction holds SQLite's write lock for long.
    `progress(done, total)` is called after each batch. Returns the count.
    """
    articles = (
        Article.objects.filter(status__in=INDEXED_STATUSES)
        .only("title", "standfirst", "body_html")
        .order_by("pk")
    )
    total = articles.count()
    backend, done, last_pk = get_backend(), 0, 0
    while batch := list(articles.filter(pk__gt=last_pk)[:batch_size]):
        with transaction.atomic(), connection.cursor() as cursor:
            backend.index(cursor, [entry_row(article) for article in batch])
        done, last_pk = done + len(batch), batch[-1].pk
        if progress:
            progress(done, total)
    _remove_unindexable(articles)
    return done


def _remove_unindexable(articles):
    # Raw SQL: Django's delete() may first select whole SearchEntry rows,
    # and SQLite's table lacks the PostgreSQL-only columns.
    sql, params = articles.values("pk").query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM search_entry WHERE rowid NOT IN ({sql})", params)
