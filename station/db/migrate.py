"""Create or migrate the database to the newest schema (run at start and by `db upgrade`)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.exc import DBAPIError

from station.db.engine import Database, DatabaseError
from station.db.safety import explain

MIGRATIONS = Path(__file__).parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database) -> str | None:
    """Bring the schema to head. Returns the backup made first, if any. Idempotent."""
    try:
        return _upgrade(db)
    except DBAPIError as exc:  # locked, disk full, damaged: one sentence, not a traceback
        raise explain(exc, db.url, db.sqlite_path) from exc


def _upgrade(db: Database) -> str | None:
    current = current_revision(db)
    head = head_revision()
    if current == head:
        return None
    backup = db.backup(f"before-{head}") if current is not None else None
    config = _config()
    with db.engine.connect() as conn:
        if db.is_sqlite:
            # Migrations rebuild tables (SQLite's way to alter them); with foreign keys on,
            # dropping a referenced table fails. Off outside the transaction, checked after.
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        with conn.begin():
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            if db.is_sqlite:
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseError("db_upgrade_broken_references", detail=broken[:3])
        if db.is_sqlite:
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]
    return str(backup) if backup else None


def revision(db: Database, message: str) -> None:
    """Autogenerate a migration from the models (a developer's tool)."""
    config = _config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.revision(config, message=message, autogenerate=True)
