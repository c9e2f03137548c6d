"""Opening the hub, preparing one (`station hub init`), joining it, and what it says of its
benches (`station hub status`)."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, inspect, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from station.config import Settings
from station.db import migrate
from station.db.engine import Database
from station.db.models import Event, Order
from station.domain import OrderStatus
from station.domain.messages import MessageError
from sync.hub import JOINED
from sync.hub.schema import hub_benches, hub_leases, upgrade_hub
from sync.secrets import load_hub_url, save_hub_url

# A bench that has not been heard of for this long is shown offline.
ONLINE_WITHIN = dt.timedelta(seconds=90)
CONNECT_TIMEOUT_S = 3


class HubError(MessageError):
    """The hub cannot be used: a message code whose sentence says what to do."""


def shown_url(url: str) -> str:
    """The hub's address as a person may see it: never its password."""
    try:
        parsed = make_url(url).difference_update_query(["connect_timeout"])
        return parsed.render_as_string(hide_password=True)
    except Exception:
        return "?"


def station_version() -> str:
    try:
        return importlib.metadata.version("station")
    except importlib.metadata.PackageNotFoundError:
        return "dev"


def open_hub(url: str, *, pre_ping: bool = True) -> Database:
    """`pre_ping` False: for claims, which retry on a dead connection rather than test every
    one first (a round trip to the hub saved on each claim)."""
    try:
        backend = make_url(url).get_backend_name()
    except Exception as exc:
        raise HubError("hub_url_invalid", url="?") from exc
    if backend != "postgresql":
        raise HubError("hub_needs_postgresql", url=shown_url(url))
    return Database(_with_connect_timeout(url), pre_ping=pre_ping)


def _with_connect_timeout(url: str) -> str:
    """A hub out of reach must answer a claim within seconds, not after TCP gives up."""
    parsed = make_url(url)
    if "connect_timeout" in parsed.query:
        return url
    bounded = parsed.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_S)})
    return bounded.render_as_string(hide_password=False)


@contextmanager
def hub_errors(url: str) -> Iterator[None]:
    """A hub that cannot be reached or refuses becomes one sentence naming it."""
    try:
        yield
    except DBAPIError as exc:
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else ""
        raise HubError("hub_unreachable", url=shown_url(url), error=detail) from exc


def init_hub(url: str) -> None:
    """The bench's migrations (the hub holds the merged log and its projection), then the hub's
    own. Idempotent: run it again after an upgrade, on a hub of any older release."""
    hub = open_hub(url)
    try:
        with hub_errors(url):
            migrate.upgrade(hub)
            upgrade_hub(hub)
    finally:
        hub.dispose()


def _require_initialised(session: Session, url: str) -> None:
    if not inspect(session.connection()).has_table(hub_benches.name):
        raise HubError("hub_not_initialised", url=shown_url(url))


def join_hub(home: Path, url: str, name: str, now: dt.datetime) -> str:
    """Register the bench on the hub under `name` and keep the hub's address with the shop
    secrets. Joining again (a reinstalled bench) starts its cursors over: replication is
    idempotent by event id, so nothing is doubled. Returns where the address was stored."""
    hub = open_hub(url)
    try:
        with hub_errors(url), hub.write() as s:
            _require_initialised(s, url)
            row = {"name": name, "joined_at": now, "last_seen_at": now}
            values = {**row, "version": station_version(), "pushed_seq": 0, "pulled_seq": 0}
            s.execute(
                insert(hub_benches)
                .values(values)
                .on_conflict_do_update(index_elements=["name"], set_=values)
            )
    finally:
        hub.dispose()
    return save_hub_url(home, url)


def join_bench(home: Path, settings: Settings, url: str, name: str, now: dt.datetime) -> str:
    """`station bench join` and the window's settings: register the bench on the hub, keep the
    hub's address with the shop secrets, and make `settings` (saved to the home) a joined
    bench's. Returns where the address was stored; HubError when the hub cannot be joined."""
    from station.services.documents import BENCH_INVOICE_SCHEME

    where = join_hub(home, url, name, now)
    settings.bench_name = name
    settings.named_bench = True
    settings.extra[JOINED] = True
    # benches invoicing offline must never take one another's numbers: a series each
    settings.extra.setdefault("invoice_series", BENCH_INVOICE_SCHEME)
    settings.save(home)
    return where


def joined_hub(home: Path, settings: Settings) -> str:
    """The hub this bench joined, or '' for a bench on its own."""
    return load_hub_url(home) if settings.extra.get(JOINED) else ""


@dataclass(frozen=True)
class BenchOnHub:
    name: str
    last_seen_at: dt.datetime | None
    version: str
    lag_s: float | None
    behind: int  # events on the hub the bench has not pulled yet
    online: bool
    leased: int

    def as_json(self) -> dict[str, object]:
        seen = self.last_seen_at.isoformat() if self.last_seen_at else None
        return {
            "name": self.name,
            "last_seen_at": seen,
            "version": self.version,
            "lag_s": self.lag_s,
            "behind": self.behind,
            "online": self.online,
            "leased": self.leased,
        }


def hub_status(url: str, now: dt.datetime) -> list[BenchOnHub]:
    hub = open_hub(url)
    try:
        with hub_errors(url), hub.read() as s:
            _require_initialised(s, url)
            return _benches(s, now)
    finally:
        hub.dispose()


def _benches(s: Session, now: dt.datetime) -> list[BenchOnHub]:
    newest = s.scalar(select(func.max(Event.seq))) or 0
    leased: dict[str, int] = {
        bench: int(count)
        for bench, count in s.execute(
            select(hub_leases.c.bench, func.count())
            .join(Order, Order.uid == hub_leases.c.order_uid)
            .where(
                hub_leases.c.expires_at > now,
                Order.status.in_([OrderStatus.QUEUED, OrderStatus.PACKING]),
            )
            .group_by(hub_leases.c.bench)
        )
    }
    rows = s.execute(select(hub_benches).order_by(hub_benches.c.name)).mappings()
    return [
        BenchOnHub(
            name=r["name"],
            last_seen_at=r["last_seen_at"],
            version=r["version"],
            lag_s=r["lag_s"],
            behind=_behind(s, r["pulled_seq"], newest),
            online=r["last_seen_at"] is not None and now - r["last_seen_at"] <= ONLINE_WITHIN,
            leased=int(leased.get(r["name"], 0)),
        )
        for r in rows
    ]


def _behind(s: Session, pulled_seq: int, newest: int) -> int:
    if pulled_seq >= newest:
        return 0
    return int(s.scalar(select(func.count()).where(Event.seq > pulled_seq)) or 0)


# An advisory lock key within the current schema, so that two warehouses (or two tests) in one
# PostgreSQL database never share a lock; the caller binds :lock_name.
LOCK_KEY = "hashtext(current_schema() || ':' || :lock_name)"


def lock_log(s: Session, *, shared: bool = False) -> None:
    """Pushes take the hub's log in turn, so events become visible in `seq` order and a cursor
    never steps over one committed late; pulls share the lock and only wait for a push."""
    kind = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    s.execute(text(f"SELECT {kind}({LOCK_KEY})"), {"lock_name": "log"})
