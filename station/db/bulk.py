"""Bulk inserts for large imports, converting each value once with its column's own type.

`session.execute(insert(table), rows)` builds SQLAlchemy's parameter machinery again for every
row; on a first import of thousands of orders that costs more than the database itself. Here
the statement is compiled once, each column's bind processor (the same one SQLAlchemy would
apply: Decimal as text on SQLite, aware UTC times, JSON) is looked up once, and the rows go to
the driver's executemany in one call. The rows must all have the same keys,
including every column that has a Python-side default.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    conn = session.connection()
    sql, keys, processors = _compiled(table, tuple(rows[0]), conn.dialect)
    pairs = list(zip(keys, processors, strict=True))

    def convert(row: dict[str, Any]) -> list[Any]:
        return [row[key] if proc is None else proc(row[key]) for key, proc in pairs]

    if conn.dialect.positional:
        conn.exec_driver_sql(sql, [tuple(convert(row)) for row in rows])
    else:
        conn.exec_driver_sql(sql, [dict(zip(keys, convert(row), strict=True)) for row in rows])


@functools.lru_cache(maxsize=64)
def _compiled(
    table: Table, row_keys: tuple[str, ...], dialect: Dialect
) -> tuple[str, list[str], list[Any]]:
    """The statement, its parameter order and each parameter's bind processor: compiling an
    insert costs as much as writing a page of rows, so it is done once per table and shape."""
    compiled = insert(table).compile(dialect=dialect, column_keys=list(row_keys))
    # Positional drivers (sqlite3) take tuples in the compiled order; named ones (psycopg) dicts.
    keys = list(compiled.positiontup or compiled.binds)
    missing = set(keys) - set(row_keys)
    if missing:  # a column with a Python-side default is compiled in: the row must give it
        raise ValueError(f"insert into {table.name} lacks {', '.join(sorted(missing))}")
    processors = [table.c[key].type.dialect_impl(dialect).bind_processor(dialect) for key in keys]
    return str(compiled), keys, processors
