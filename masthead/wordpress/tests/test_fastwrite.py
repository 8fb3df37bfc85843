"""fastwrite.py: raw inserts behave as Django's own, on either database."""

import pytest
from django.db import IntegrityError, transaction

from masthead.articles.models import Tag
from masthead.wordpress import fastwrite

pytestmark = pytest.mark.django_db


def test_new_ids_come_back_in_the_rows_order_across_statements(monkeypatch):
    monkeypatch.setattr(fastwrite, "MAX_ROWS", 7)  # several statements
    table = fastwrite.Table(Tag, ("name", "slug"))
    rows = [(f"Tag {n}", f"tag-{n}") for n in range(20)]
    ids = table.insert(rows, returning=True)
    assert dict(Tag.objects.values_list("pk", "slug")) == {
        pk: slug for pk, (_name, slug) in zip(ids, rows, strict=True)
    }


def test_a_refused_row_raises_djangos_error_and_writes_nothing():
    table = fastwrite.Table(Tag, ("name", "slug"))
    table.insert([("Harbour", "harbour")])
    with pytest.raises(IntegrityError), transaction.atomic():
        table.insert([("Quay", "quay"), ("Harbour again", "harbour")])
    assert list(Tag.objects.values_list("slug", flat=True)) == ["harbour"]
