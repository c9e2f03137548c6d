"""Create or migrate the database to the newest schema (run at start and by `db upgrade`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError

from station.db.engine import Database, DatabaseError
from station.db.safety import explain

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
_REVISION = re.compile(r"^revision\b[^=]*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\b[^=]*=(.*)$", re.M)


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def written_head() -> str | None:
    """The newest revision, read from the migration files' own `revision` and `down_revision`
    lines; None unless there is exactly one. Importing alembic to learn it costs a third of a
    second at every start, and the database is at head nearly every time."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision is None or down is None:
            return None
        revisions.add(revision.group(1))
        parents.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _at_written_head(db: Database) -> bool:
    head = written_head()
    if head is None:
        return False
    with db.engine.connect() as conn:
        if not db.engine.dialect.has_table(conn, "alembic_version"):
            return False
        rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
    return list(rows) == [head]


def upgrade(db: Database) -> str | None:
    """Bring the schema to head. Returns the backup made first, if any. Idempotent."""
    try:
        return _upgrade(db)
    except DBAPIError as exc:  # locked, disk full, damaged: one sentence, not a traceback
        raise explain(exc, db.url, db.sqlite_path) from exc


def _upgrade(db: Database) -> str | None:
    if _at_written_head(db):
        return None
    from alembic import command

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
    from alembic import command

    config = _config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.revision(config, message=message, autogenerate=True)
