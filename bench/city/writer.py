"""Fast inserts of generated rows: COPY on PostgreSQL, executemany on SQLite.

Rows are plain dicts keyed by the model's attribute names (`family_id`, not `family`). Every
column the dict leaves out gets the model field's default (or NULL / "" where the field allows
it), so a generated row looks like one the ORM would write; a required column without a value
is a bug in the generator and stops the build. Primary keys are given out here (`Ids`), so a
parent's id is known before it is written and children can refer to it without a round trip.

The database still checks what it always checks: CHECK and UNIQUE constraints, foreign keys and
PostgreSQL's exclusion constraint on assessment periods. What the ORM would add (auto_now,
audit log entries) is not done: timestamps are given by the generator, and bulk rows are not
audited (the audit log records people's actions, not a benchmark load).
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

_REQUIRED = object()


class Ids:
    """The next free primary key of each table (read once, then counted here)."""

    def __init__(self) -> None:
        self._next: dict[type[models.Model], int] = {}

    def next(self, model: type[models.Model]) -> int:
        if model not in self._next:
            table = connection.ops.quote_name(model._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608
                self._next[model] = cursor.fetchone()[0] + 1
        value = self._next[model]
        self._next[model] = value + 1
        return value


def _default(field: models.Field) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return _REQUIRED  # the generator dates every row itself
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if isinstance(field, models.CharField | models.TextField):
        return ""
    return _REQUIRED


def _converter(field: models.Field) -> Any:
    """How a Python value of `field` travels to the database in this bulk path."""
    if isinstance(field, models.JSONField):
        return lambda value: json.dumps(value, ensure_ascii=False)
    if connection.vendor != "sqlite":
        return None  # psycopg adapts dates, times, decimals and aware datetimes itself
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.TimeField):
        return lambda value: None if value is None else value.isoformat()
    return None


class Table:
    """The columns of one model and how to turn a row dict into a tuple in their order."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        fields = model._meta.concrete_fields
        self.columns = [f.column for f in fields]
        self.names = [f.attname for f in fields]
        self.defaults = [_default(f) for f in fields]
        self.converters = [_converter(f) for f in fields]

    def tuple_of(self, row: dict[str, Any]) -> tuple[Any, ...]:
        values = []
        for name, default, convert in zip(self.names, self.defaults, self.converters, strict=True):
            value = row.get(name, default)
            if value is _REQUIRED:
                raise KeyError(f"{self.model.__name__}.{name} has no value")
            values.append(convert(value) if convert and value is not None else value)
        return tuple(values)


class Rows:
    """Rows waiting to be written, per model, in the order the models were first used."""

    def __init__(self, ids: Ids) -> None:
        self.ids = ids
        self.by_model: dict[type[models.Model], list[dict[str, Any]]] = defaultdict(list)
        self.written: dict[str, int] = defaultdict(int)

    def add(self, model: type[models.Model], **values: Any) -> int:
        """Queue one row; returns its primary key (given out now unless `id` is passed)."""
        if "id" not in values:
            values["id"] = self.ids.next(model)
        self.by_model[model].append(values)
        return values["id"]

    def pending(self) -> int:
        return sum(len(rows) for rows in self.by_model.values())


_tables: dict[type[models.Model], Table] = {}


def _table(model: type[models.Model]) -> Table:
    if model not in _tables:
        _tables[model] = Table(model)
    return _tables[model]


def _copy(table: Table, rows: list[dict[str, Any]]) -> None:
    quoted = ", ".join(connection.ops.quote_name(c) for c in table.columns)
    name = connection.ops.quote_name(table.model._meta.db_table)
    raw = connection.connection
    with raw.cursor() as cursor, cursor.copy(f"COPY {name} ({quoted}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(table.tuple_of(row))


def _executemany(table: Table, rows: list[dict[str, Any]]) -> None:
    quoted = ", ".join(connection.ops.quote_name(c) for c in table.columns)
    name = connection.ops.quote_name(table.model._meta.db_table)
    marks = ", ".join("?" for _ in table.columns)
    cursor = connection.connection.cursor()
    try:
        sql = f"INSERT INTO {name} ({quoted}) VALUES ({marks})"  # noqa: S608
        cursor.executemany(sql, [table.tuple_of(row) for row in rows])
    finally:
        cursor.close()


def write(rows: Rows, order: list[type[models.Model]]) -> None:
    """Write every queued row in one transaction, parents (earlier in `order`) first."""
    unknown = set(rows.by_model) - set(order)
    if unknown:
        raise ValueError(f"no place in the write order for {sorted(m.__name__ for m in unknown)}")
    connection.ensure_connection()
    insert = _copy if connection.vendor == "postgresql" else _executemany
    with transaction.atomic():
        for model in order:
            batch = rows.by_model.get(model)
            if batch:
                insert(_table(model), batch)
                rows.written[model._meta.db_table] += len(batch)
    rows.by_model.clear()


def reset_sequences(models_written: list[type[models.Model]]) -> None:
    """Point PostgreSQL's id sequences past the ids given out here (SQLite follows by itself)."""
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), models_written)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@lru_cache(maxsize=100_000)
def stamp(day: Any, hour: int = 12, minute: int = 0) -> datetime:
    """An aware timestamp on `day` (Warsaw time), for created_at / updated_at columns."""
    naive = datetime(day.year, day.month, day.day, hour, minute)
    return timezone.make_aware(naive)
