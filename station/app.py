"""Opening a home: settings, the database migrated to the newest schema, demo data if asked."""

from __future__ import annotations

import importlib
import logging
import logging.handlers
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from station.config import CONFIG_FILE, DB_FILE, Settings, default_home
from station.context import AppContext
from station.db import migrate
from station.db.engine import Database, sqlite_url
from station.db.safety import check_sqlite_file
from station.files import PRIVATE_DIR, make_private
from station.homelock import HomeLock

if TYPE_CHECKING:
    from station.services.bench import BenchService, ShopCheck
    from station.services.claims import ClaimSource
    from station.services.picking import PickService

# The bench, the demo data and their documents are imported by the functions that need them: a
# command that only reads the queue opens a home without loading the workflow, the label layouts
# or reportlab.


def database_url(home: Path, db_url: str | None) -> str:
    return db_url or os.environ.get("STATION_DB_URL") or sqlite_url(home / DB_FILE)


def is_configured(home: Path, db_url: str | None) -> bool:
    """A home with settings, or with orders or products in its database, is a real bench.

    A database that merely exists (a `devices list` creates one) does not make one.
    """
    if db_url or os.environ.get("STATION_DB_URL") or (home / CONFIG_FILE).exists():
        return True
    path = home / DB_FILE
    if not path.exists():
        return False
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            row = conn.execute(
                "SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM products)"
            ).fetchone()
    except sqlite3.Error:
        return True  # something is there that we cannot read: never hide it behind the demo
    return bool(row and row[0])


@contextmanager
def open_home(
    home: Path | None,
    db_url: str | None = None,
    *,
    demo_mode: bool = False,
    lock_for: str | None = None,
) -> Iterator[AppContext]:
    """The context for one command. A demo without a home lives in a folder removed at exit.

    `lock_for` names a command that writes: it gets the home to itself (see `HomeLock`), and a
    second one raises HomeBusyError. Read-only commands pass None and run beside a bench.
    """
    throwaway = None
    if home is None and demo_mode:
        throwaway = Path(tempfile.mkdtemp(prefix="station-demo-"))
        home = throwaway
    home = home or default_home()
    _make_home(home)
    lock = HomeLock(home)
    if lock_for is not None:
        lock.acquire(lock_for)
    db: Database | None = None
    try:
        url = database_url(home, db_url)
        _check_database_file(home, url)
        db = Database(url)
        migrate.upgrade(db)
        _keep_private(home)
        settings = Settings.load(home)
        settings.carrier_secrets = carrier_secrets(home)
        if lock_for is not None:
            settings.bench_name = bench_identity(home, db, settings)
        if demo_mode:
            seed_demo(db, home)
        yield AppContext(home=home, settings=settings, db=db, demo=demo_mode)
    finally:
        if db is not None:
            db.dispose()
        lock.release()
        if throwaway is not None:
            shutil.rmtree(throwaway, ignore_errors=True)


PRIVATE_FILES = (
    DB_FILE,
    f"{DB_FILE}-wal",
    f"{DB_FILE}-shm",
    CONFIG_FILE,
    "secrets.json",
    "station.lock",
)


def _make_home(home: Path) -> None:
    """A home holds customers' addresses and shop credentials: only its owner may read it."""
    if not home.exists():
        home.mkdir(parents=True, mode=PRIVATE_DIR)


def _keep_private(home: Path) -> None:
    """Set at creation, and put right at every start for a home made before (or by hand)."""
    make_private(home)
    for name in PRIVATE_FILES:
        make_private(home / name)


def _check_database_file(home: Path, url: str) -> None:
    """Before anything opens it (opening creates an empty one): an existing home whose database
    is gone, empty or damaged is refused, never made a new bench."""
    from sqlalchemy.engine import make_url

    database = make_url(url).database
    if make_url(url).get_backend_name() == "sqlite" and database and database != ":memory:":
        check_sqlite_file(home, Path(database), configured=(home / CONFIG_FILE).exists())


LOG_FILE = Path("logs") / "station.log"


@contextmanager
def logging_to_home(home: Path) -> Iterator[Path]:
    """What went wrong in the background (shop sync above all) goes to a rotating file in the
    home, never onto the operator's terminal: with no handler, Python would print it there."""
    path = home / LOG_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(min(level or logging.INFO, logging.INFO))
    try:
        yield path
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        handler.close()


def bench_identity(home: Path, db: Database, settings: Settings) -> str:
    """The bench's name: the one in the settings; else the one this database already worked
    under (a home from before names were generated keeps its history); else a new one, unique
    per installation. It is written into the settings once they exist, so it never changes."""
    if settings.named_bench:
        return settings.bench_name
    from sqlalchemy import select

    from station.db.models import Bench

    with db.read() as session:
        name = session.scalar(select(Bench.name).order_by(Bench.id).limit(1))
    settings.bench_name = name or f"bench-{uuid.uuid4().hex[:6]}"
    settings.named_bench = True
    if (home / CONFIG_FILE).exists():
        settings.save(home)
    return settings.bench_name


SHOP_CHECK_TIMEOUT_S = 3.0


CARRIER_SECRET_PREFIX = "carrier:"  # a carrier account's entry beside the shops' secrets


def carrier_secrets(home: Path) -> Callable[[str], dict[str, str]] | None:
    """Carrier accounts' secrets, kept where shop secrets are (looked up at run time, like the
    shop check: the core does not depend on the sync package)."""
    try:
        secrets = importlib.import_module("sync.secrets")
    except ModuleNotFoundError:
        return None

    def load(code: str) -> dict[str, str]:
        found: dict[str, str] = secrets.load_secrets(home, f"{CARRIER_SECRET_PREFIX}{code}")
        return found

    return load


def shop_check(ctx: AppContext) -> ShopCheck | None:
    """The shop re-check before shipping, when shop sync is installed (looked up at run time:
    the core does not depend on the sync package)."""
    try:
        runner = importlib.import_module("sync.runner")
    except ModuleNotFoundError:
        return None

    def check(order_id: int) -> str | None:
        problem: str | None = runner.recheck_order(ctx, order_id, timeout_s=SHOP_CHECK_TIMEOUT_S)
        return problem

    return check


def joined_a_hub(ctx: AppContext) -> bool:
    """Set by `station bench join` (sync.hub.JOINED)."""
    return bool(ctx.settings.extra.get("hub_joined"))


def hub_claims(ctx: AppContext) -> ClaimSource | None:
    """A bench of a warehouse claims on its hub (looked up at run time, as shop sync is)."""
    if not joined_a_hub(ctx):
        return None  # a bench on its own loads nothing of the hub
    try:
        replicator = importlib.import_module("sync.hub.replicator")
    except ModuleNotFoundError:
        return None
    claims: ClaimSource | None = replicator.hub_claims(ctx)
    return claims


def bench_service(ctx: AppContext, operator: str) -> BenchService:
    """The bench as both front ends use it."""
    from station.printing.archive import DocumentArchive
    from station.services.bench import BenchService

    return BenchService(
        ctx.db,
        ctx.settings,
        DocumentArchive(ctx.home),
        operator=operator,
        clock=ctx.clock.now,
        notices=lambda: ctx.clock.notices(ctx.settings.language),
        shop_check=shop_check(ctx),
        claims=hub_claims(ctx),
    )


def pick_service(
    ctx: AppContext, size: int | None = None, operator: str | None = None
) -> PickService:
    """The picker's batch as both front ends use it: taken now, or carried on after a restart;
    a bench joined to a hub takes only orders its hub grants it."""
    from station.services.picking import PickService

    settings = ctx.settings
    return PickService(
        ctx.db,
        size=size if size is not None else settings.batch_size,
        bench=settings.bench_name,
        operator=settings.operator if operator is None else operator,
        language=settings.language,
        claims=hub_claims(ctx),
    )


def seed_demo(db: Database, home: Path) -> bool:
    """Seed the demo data into an empty database, once. Returns whether it seeded."""
    from station import demo
    from station.services.bench import utc_now

    with db.write() as session:
        if not demo.is_empty(session):
            return False
        demo.seed(session, utc_now(), home / "demo-shop")
        return True
