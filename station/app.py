"""Opening a home: settings, the database migrated to the newest schema, demo data if asked."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from station import demo
from station.config import DB_FILE, Settings, default_home
from station.context import AppContext
from station.db import migrate
from station.db.engine import Database, sqlite_url
from station.services.bench import utc_now


def database_url(home: Path, db_url: str | None) -> str:
    return db_url or os.environ.get("STATION_DB_URL") or sqlite_url(home / DB_FILE)


def is_configured(home: Path, db_url: str | None) -> bool:
    """A home that has a database (or points at one) is a real bench, not the demo."""
    return bool(db_url or os.environ.get("STATION_DB_URL")) or (home / DB_FILE).exists()


@contextmanager
def open_home(
    home: Path | None, db_url: str | None = None, *, demo_mode: bool = False
) -> Iterator[AppContext]:
    """The context for one command. A demo without a home lives in a folder removed at exit."""
    throwaway = None
    if home is None and demo_mode:
        throwaway = Path(tempfile.mkdtemp(prefix="station-demo-"))
        home = throwaway
    home = home or default_home()
    db = Database(database_url(home, db_url))
    try:
        migrate.upgrade(db)
        settings = Settings.load(home)
        if demo_mode:
            seed_demo(db)
        yield AppContext(home=home, settings=settings, db=db, demo=demo_mode)
    finally:
        db.dispose()
        if throwaway is not None:
            shutil.rmtree(throwaway, ignore_errors=True)


def seed_demo(db: Database) -> bool:
    """Seed the demo data into an empty database, once. Returns whether it seeded."""
    with db.write() as session:
        if not demo.is_empty(session):
            return False
        demo.seed(session, utc_now())
        return True
