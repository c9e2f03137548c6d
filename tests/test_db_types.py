"""Column types: the SQLite fast path for times writes what SQLAlchemy's own DATETIME writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.types import TypeDecorator

from station.db.types import UTCDateTime

AWARE = st.datetimes(
    min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1), timezones=st.timezones()
)


@settings(max_examples=300, deadline=None)
@given(AWARE)
def test_sqlite_text_is_the_same_as_sqlalchemys_two_step_conversion(value: dt.datetime) -> None:
    dialect = sqlite.dialect()
    column = UTCDateTime()
    impl = column.dialect_impl(dialect)
    assert isinstance(impl, UTCDateTime)
    fast = impl.bind_processor(dialect)
    generic = TypeDecorator.bind_processor(impl, dialect)  # the base class's two steps
    assert fast is not None
    assert generic is not None
    assert fast(value) == generic(value)


def test_times_read_back_from_sqlite_as_the_same_instant_in_utc(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 't.db'}")
    table = Table(
        "t", MetaData(), Column("id", Integer, primary_key=True), Column("at", UTCDateTime())
    )
    table.metadata.create_all(engine)
    rome = dt.timezone(dt.timedelta(hours=1))
    values = [
        dt.datetime(2026, 12, 3, 11, 30, 15, 250, tzinfo=rome),
        dt.datetime(2026, 3, 29, 0, 59, 59, tzinfo=dt.UTC),
        None,
    ]
    with engine.begin() as conn:
        conn.execute(insert(table), [{"at": v} for v in values])
        back = list(conn.scalars(select(table.c.at).order_by(table.c.id)))
    assert back == values
    assert back[0] is not None
    assert back[0].tzinfo == dt.UTC
    assert back[0].hour == 10
    engine.dispose()


def test_naive_times_are_refused() -> None:
    dialect = sqlite.dialect()
    fast = UTCDateTime().dialect_impl(dialect).bind_processor(dialect)
    assert fast is not None
    with pytest.raises(ValueError, match="naive"):
        fast(dt.datetime(2026, 12, 3, 10, 0))
