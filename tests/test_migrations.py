"""The schema comes from the migrations, the same on SQLite and PostgreSQL, and matches the models."""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from station.db import migrate
from station.db.engine import Database, sqlite_url
from station.db.models import Base

# Tables of other packages register on the same metadata when their models are imported.
importlib.import_module("sync.models") if importlib.util.find_spec("sync.models") else None
importlib.import_module("station.db.invoices")


def assert_schema_matches_models(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, Base.metadata)
    assert diffs == []


def test_sqlite_upgrade_creates_the_schema_of_the_models(tmp_path: Path) -> None:
    # GIVEN a path where no database exists yet
    db = Database(sqlite_url(tmp_path / "bench" / "station.db"))
    # WHEN it is upgraded, twice (the second is a no-op)
    migrate.upgrade(db)
    migrate.upgrade(db)
    # THEN it is at head, with every table of the models and nothing else missing
    assert migrate.current_revision(db) == migrate.head_revision()
    assert set(Base.metadata.tables) <= set(inspect(db.engine).get_table_names())
    assert_schema_matches_models(db)
    db.dispose()


def test_sqlite_runs_in_wal_with_full_sync(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "station.db"))
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.dispose()


def test_postgresql_upgrade_creates_the_same_schema(pg_schema_url: str) -> None:
    # GIVEN an empty PostgreSQL schema
    db = Database(pg_schema_url)
    # WHEN the same migrations run there
    migrate.upgrade(db)
    # THEN the schema matches the models as on SQLite
    assert migrate.current_revision(db) == migrate.head_revision()
    assert_schema_matches_models(db)
    db.dispose()


def test_an_upgrade_backs_up_the_sqlite_file_first(tmp_path: Path) -> None:
    # GIVEN a database left at an older revision
    db = Database(sqlite_url(tmp_path / "station.db"))
    migrate.upgrade(db)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'older'")
    # WHEN it is upgraded
    with contextlib.suppress(Exception):
        migrate.upgrade(db)  # an unknown revision cannot be migrated; the copy must exist first
    # THEN a copy of the file was taken before anything changed
    backups = list(tmp_path.glob("station.db.before-*.bak"))
    assert len(backups) == 1
    db.dispose()


# A shop, a shipped order and its parked update as release 0009 wrote them (NOT NULL columns).
LEGACY_ROWS = (
    "INSERT INTO shops (name, kind, url, settings, created_at)"
    " VALUES ('s', 'folder', '', '{}', '2026-01-01')",
    "INSERT INTO orders (uid, number, status, priority, created_at, updated_at, customer_name,"
    " customer_email, shipping_address, billing_address, currency, total, shipping_total,"
    " payment_method, carrier, service, customer_note, queue_cutoff, tote, shop_id)"
    " VALUES ('00000000000000000000000000000001', '1001', 'shipped', 0, '2026-01-01',"
    " '2026-01-01', '', '', '{}', '{}', 'EUR', '0', '0', '', '', '', '', '9999-01-01', '', 1)",
    "INSERT INTO outbox (key, kind, shop_id, order_id, payload, status, attempts,"
    " next_attempt_at, last_error, created_at) VALUES ('order_shipped:1001', 'order_shipped',"
    " 1, 1, '{}', 'parked', 1, '2026-01-01', 'shop: refused', '2026-01-01')",
)


def test_an_outbox_error_written_as_english_reads_as_that_sentence_after_the_upgrade(
    tmp_path: Path,
) -> None:
    from alembic import command
    from sqlalchemy import select
    from sqlalchemy import text as sql

    from station.db.models import OutboxEntry

    # GIVEN a bench at 0009 whose outbox holds a refusal as an English sentence
    db = Database(sqlite_url(tmp_path / "station.db"))
    with db.engine.begin() as conn:
        config = migrate._config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0009_picking")
        for row in LEGACY_ROWS:
            conn.execute(sql(row))
    # WHEN it is upgraded
    migrate.upgrade(db)
    # THEN the error is a code with its parameters that says the old sentence, in any language
    with db.read() as s:
        entry = s.scalars(select(OutboxEntry)).one()
        stored = (entry.last_error, entry.last_error_params)
        said = entry.error_text("it")
    assert stored == ("legacy_text", {"text": "shop: refused"})
    assert said == "shop: refused"
    db.dispose()
