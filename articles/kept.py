"""Queries compiled once per worker: KeptQuery.

Django compiles a queryset to SQL on every request, and for the story page's
queries that cost more than running them (0.5-0.7 ms each for a story joined
with its source and photo, or related stories behind the visibility rule,
against 0.1-0.2 ms in the database). A page asks the same queries with other
values (the slug, the time, the tag ids), so a KeptQuery builds its queryset
once per worker and database with stand-in values, compiles it, notes where
each stand-in went among the SQL's parameters, and from then on runs that SQL
with the real values in their places, making models exactly as the queryset
would (the same compiler's columns, converters and related objects).

The queryset is still written with the ORM, so the rules it is built from
(published_q(), the one visibility rule) stay in one place. What a KeptQuery
cannot keep it refuses when it compiles: a value the SQL does not carry as a
parameter (the ORM writes LIMIT and OFFSET into the SQL text, so those must be
constants of the query).
"""

import copy
from datetime import UTC, datetime, timedelta
from itertools import count

from django.db import connections
from django.db.models.query import get_related_populators
from django.db.models.sql.constants import MULTI

_stand_ins = count(1)


def _stand_in(kind):
    """A value of `kind` no real query asks for, different each time."""
    n = next(_stand_ins)
    if kind is datetime:
        return datetime(2999, 12, 31, 23, 59, 59, tzinfo=UTC) - timedelta(microseconds=n)
    if kind is int:  # within a 32-bit column's range: the ORM refuses a lookup past it
        return 2_100_000_000 - n
    if kind is str:
        return f"\ue000kept-query-{n}\ue001"
    raise TypeError(f"KeptQuery values are datetime, int or str, or lists of them, not {kind!r}")


def _prepared(connection, value):
    """`value` as the ORM puts it among a query's parameters."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


class _Compiled:
    def __init__(self, compiler, sql, slots, db):
        self.compiler = compiler
        self.sql = sql
        self.slots = slots  # per SQL parameter: (name, index in a list value or None, None), or ("", None, constant)
        self.db = db
        klass_info, select = compiler.klass_info, compiler.select
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.model = klass_info["model"]
        self.init_list = [column[0].target.attname for column in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, db)
        self.annotations = list(compiler.annotation_col_map.items())


class KeptQuery:
    """`build(**values)` -> a model queryset; calling the KeptQuery with the same
    keyword values returns the list of models that queryset would.

    `kinds` names each value's type: datetime, int or str, or [int] (a list; its
    length is part of the query's shape, so each length is compiled once)."""

    def __init__(self, build, **kinds):
        self.build = build
        self.kinds = kinds
        self._compiled = {}

    def __call__(self, **values):
        if values.keys() != self.kinds.keys():
            raise TypeError(f"KeptQuery needs exactly these values: {', '.join(self.kinds)}")
        shape = tuple(len(values[name]) for name, kind in self.kinds.items() if isinstance(kind, list))
        compiled = self._compiled.get(shape)
        if compiled is None:
            compiled = self._compiled[shape] = self._compile(values)
        connection = connections[compiled.db]
        params = [
            constant if not name else _prepared(connection, values[name] if index is None else values[name][index])
            for name, index, constant in compiled.slots
        ]
        compiler = copy.copy(compiled.compiler)
        compiler.connection = connection  # this thread's connection
        compiler.as_sql = lambda *args, **kwargs: (compiled.sql, params)
        results = compiler.execute_sql(MULTI)
        db, model, start, end, init_list = compiled.db, compiled.model, compiled.start, compiled.end, compiled.init_list
        found = []
        for row in compiler.results_iter(results):
            obj = model.from_db(db, init_list, row[start:end])
            for populator in compiled.populators:
                populator.populate(row, obj)
            for name, column in compiled.annotations:
                setattr(obj, name, row[column])
            found.append(obj)
        return found

    def _compile(self, values):
        stand_ins, where = {}, {}
        for name, kind in self.kinds.items():
            if isinstance(kind, list):
                stand_ins[name] = [_stand_in(kind[0]) for _ in values[name]]
                where.update({value: (name, index) for index, value in enumerate(stand_ins[name])})
            else:
                stand_ins[name] = _stand_in(kind)
                where[stand_ins[name]] = (name, None)
        queryset = self.build(**stand_ins)
        connection = connections[queryset.db]
        where = {_prepared(connection, value): slot for value, slot in where.items()}
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        slots, seen = [], set()
        for param in params:
            slot = where.get(param) if isinstance(param, (str, int, datetime)) else None
            slots.append((*slot, None) if slot else ("", None, param))
            if slot:
                seen.add(slot)
        if missing := set(where.values()) - seen:
            names = ", ".join(sorted({name for name, _ in missing}))
            raise ValueError(f"KeptQuery: {names} not among the SQL's parameters; it would be kept as a constant")
        return _Compiled(compiler, sql, slots, queryset.db)
