"""A database fault is never a lost comment (issue 21, item 9), against a real
PostgreSQL: its server ends our connections, or refuses new ones for a while,
as during a restart. (SQLite has no server to lose: these run on the
PostgreSQL pass of `make test`.)"""

import html

import pytest
from django.db import connection
from django.utils import timezone

from masthead.comments.forms import issued_token
from masthead.comments.models import Comment
from masthead.testing import database_away, end_site_connections, make_article
from masthead.testing import postgres_admin_connection as admin_connection

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("production_path"),
]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs a database server to lose (the PostgreSQL run)")
    yield
    # The ended connections may still sit idle in the pool: start the next
    # test with a fresh pool, not with them.
    connection.close()
    connection.close_pool()


def post(client, slug, comment):
    data = {"comment": comment, "name": "Ada Reader", "email": "ada@example.com",
            "issued": issued_token(timezone.now().timestamp() - 60)}
    return client.post(f"/articles/{slug}/comments/", data, REMOTE_ADDR="198.51.100.1")


def test_a_dropped_pooled_connection_is_retried_and_the_comment_saved(client):
    article = make_article(slug="river-walk")
    client.get(article.get_absolute_url())  # the pool holds a connection now
    database = connection.settings_dict["NAME"]
    with admin_connection() as admin:
        end_site_connections(admin, database)
    response = post(client, "river-walk", "Posted across a restart.")
    assert response.status_code == 303
    assert Comment.objects.filter(body="Posted across a restart.").exists()


def test_a_database_that_stays_away_answers_503_keeping_every_word(client):
    article = make_article(slug="river-walk")
    typed = "A long, careful comment about the river walk's lighting plan."
    with database_away():
        response = post(client, article.slug, typed)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert typed in html.unescape(page)  # in the form's textarea
    assert 'value="Ada Reader"' in page and 'value="ada@example.com"' in page
    assert "please post it again in a moment" in page
    assert 'action="/articles/river-walk/comments/"' in page
    assert not Comment.objects.exists()
