"""Opening the database: SQLite tuned for a bench that must not lose a scan, or PostgreSQL."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from station.domain.messages import MessageError


class DatabaseError(MessageError):
    """A database problem the user can act on: a message code whose sentence says what to do."""


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when a transaction starts (see _on_begin).
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the lock up front, so two writers queue instead of failing mid-way.
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _json_text(value: object) -> str:
    """JSON columns (addresses, event payloads) as text, several times faster than `json`:
    an import writes three of them per order."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


class Database:
    """One engine and its sessions. Services open sessions; nothing happens at import."""

    def __init__(self, url: str, *, echo: bool = False, pre_ping: bool | None = None) -> None:
        """`pre_ping`: test a pooled connection before each use (the default for a server);
        False for a caller that retries on a connection found dead instead."""
        self.url = url
        self.is_sqlite = make_url(url).get_backend_name() == "sqlite"
        if self.is_sqlite:
            self._ensure_sqlite_dir()
        ping = not self.is_sqlite if pre_ping is None else pre_ping
        self.engine = create_engine(url, echo=echo, pool_pre_ping=ping, json_serializer=_json_text)
        if self.is_sqlite:
            _tune_sqlite(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def sqlite_path(self) -> Path | None:
        database = make_url(self.url).database
        return Path(database) if self.is_sqlite and database and database != ":memory:" else None

    def _ensure_sqlite_dir(self) -> None:
        path = self.sqlite_path
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction, committed when the block ends without an exception."""
        with self._sessions() as session:
            session.connection(execution_options={"sqlite_immediate": True})
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def backup(self, suffix: str) -> Path | None:
        """Copy the SQLite file beside itself (before a migration). None for other databases."""
        path = self.sqlite_path
        if path is None or not path.exists():
            return None
        target = path.with_name(f"{path.name}.{suffix}.bak")
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(FULL)")
        shutil.copy2(path, target)
        return target

    def dispose(self) -> None:
        self.engine.dispose()
