"""Querysets compiled to SQL once, then run with new values on every request.

Building and compiling a queryset costs Django far more than the database
takes to answer the small indexed queries a page makes: 0.85 ms of Python
against 0.12 ms of SQLite for the article page's main query. A page makes
seven such queries. A prepared query does that work once per database and
thread; each run substitutes its values into the compiled SQL and builds rows
or instances as the queryset would (instances still send post_init, so the
page cache records what a page showed).

    ARTICLE = PreparedQuery(lambda: Article.objects.filter(slug=Param("slug")))
    ARTICLE.get(slug="council-budget")

The same idea as django-prepared-queries (rutube), which predates Django 4;
this is the part Masthead needs, on Django's own compiler.
"""

import threading

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Expression
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    NamedValuesListIterable,
    ValuesListIterable,
    get_related_populators,
)
from django.db.models.utils import create_namedtuple_class
from django.utils.functional import cached_property


class Param(Expression):
    """A value left open in a prepared query, filled in by name when it runs.

    Give an output_field for values the database adapts (a datetime on SQLite
    becomes text); strings and integers go through as they are.
    """

    def __init__(self, name, output_field=None):
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [self]

    def db_value(self, values, connection):
        value = values[self.name]
        field = self._output_field_or_none
        return value if field is None else field.get_db_prep_value(value, connection)


class PreparedQuery:
    """A queryset shape built by ``build()``, compiled once per database and thread."""

    def __init__(self, build):
        self.build = build
        # Per thread: a compiler holds its thread's connection.
        self._plans = threading.local()

    def all(self, using=DEFAULT_DB_ALIAS, **values):
        """The rows (instances, tuples or named rows, as the queryset gives) as a list."""
        return self._plan(using).run(values)

    def get(self, using=DEFAULT_DB_ALIAS, **values):
        """The one matching instance, or the model's DoesNotExist."""
        plan = self._plan(using)
        rows = plan.run(values)
        if len(rows) == 1:
            return rows[0]
        if not rows:
            raise plan.model.DoesNotExist(
                f"No {plan.model._meta.object_name} matches {values}."
            )
        raise plan.model.MultipleObjectsReturned(f"{len(rows)} rows match {values}.")

    def bound(self, using=DEFAULT_DB_ALIAS, **values):
        """The SQL and its parameters for these values, as a run sends them
        (for EXPLAIN in tests and benchmarks)."""
        plan = self._plan(using)
        return plan.sql, plan.params_for(values)

    def _plan(self, using):
        plans = self._plans.__dict__
        plan = plans.get(using)
        if plan is None:
            plan = plans[using] = _Plan(self.build().using(using))
        return plan


class _Plan:
    """One queryset's SQL, its open parameters, and how to turn rows into results."""

    def __init__(self, queryset):
        self.model = queryset.model
        self.alias = queryset.db
        self.compiler = queryset.query.get_compiler(using=self.alias)
        self.sql, self.params = self.compiler.as_sql()
        self.make_results = self._result_builder(queryset)

    def params_for(self, values):
        connection = connections[self.alias]
        return [
            p.db_value(values, connection) if isinstance(p, Param) else p
            for p in self.params
        ]

    def run(self, values):
        params = self.params_for(values)
        with connections[self.alias].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self._converters:  # as results_iter(), with the converters found once
            rows = map(tuple, self.compiler.apply_converters(rows, self._converters))
        return self.make_results(rows)

    @cached_property
    def _converters(self):
        compiler = self.compiler
        fields = [s[0] for s in compiler.select[0 : compiler.col_count]]
        if compiler.has_composite_fields(fields):
            raise ValueError("prepared queries do not support composite fields")
        return compiler.get_converters(fields)

    def _result_builder(self, queryset):
        iterable = queryset._iterable_class
        if iterable is ModelIterable:
            return self._instances
        query = queryset.query
        if query.extra_select or query.annotation_select:
            raise ValueError("prepared values rows take plain fields only")
        if iterable is NamedValuesListIterable:
            row_class = create_namedtuple_class(*query.values_select)
            return lambda rows: [row_class._make(row) for row in rows]
        if iterable is FlatValuesListIterable:
            return lambda rows: [row[0] for row in rows]
        if iterable is ValuesListIterable:
            return list
        raise ValueError(f"prepared queries do not support {iterable.__name__}")

    def _instances(self, rows):
        # As ModelIterable does, with the field lists worked out once.
        start, end, init_list, populators, annotations = self._layout
        model, alias = self.model, self.alias
        results = []
        for row in rows:
            obj = model.from_db(alias, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            for name, position in annotations:
                setattr(obj, name, row[position])
            results.append(obj)
        return results

    @cached_property
    def _layout(self):
        klass_info, select = self.compiler.klass_info, self.compiler.select
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        init_list = [f[0].target.attname for f in select[start:end]]
        return (
            start,
            end,
            init_list,
            get_related_populators(klass_info, select, self.alias),
            list(self.compiler.annotation_col_map.items()),
        )
