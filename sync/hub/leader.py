"""One shop-sync leader per warehouse, elected with a PostgreSQL advisory lock on the hub.

Every bench that has the shop asks before each shop round; the one holding the lock syncs, the
others wait and ask again every few seconds. The lock lives as long as the leader's connection:
a leader that dies (even by SIGKILL, or its machine powered off once TCP gives up) loses it, and
another bench takes over at its next question. The key is derived from the hub's schema, so two
warehouses in one PostgreSQL database (or two tests) never share a leader.
"""

from __future__ import annotations

import contextlib
import logging

from sqlalchemy import Connection, create_engine
from sqlalchemy import text as sql
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from sync.hub.link import LOCK_KEY, open_hub

log = logging.getLogger("station.hub")
# How often a bench that does not lead asks again: a dead leader is replaced within this.
ASK_AGAIN_S = 5.0
_PARAMS = {"lock_name": "shop-sync"}


class ShopSyncLeader:
    def __init__(self, hub_url: str) -> None:
        hub = open_hub(hub_url)  # checks the address and bounds the connect time
        url = hub.url
        hub.dispose()
        self._engine = create_engine(url, poolclass=NullPool)
        self._conn: Connection | None = None
        self.reachable = True  # whether the hub answered the last question

    @property
    def leading(self) -> bool:
        return self._conn is not None

    def lead(self) -> bool:
        """Whether this bench leads shop sync now: the lock is still held, or taken now."""
        if self._conn is not None:
            try:
                self._conn.execute(sql("SELECT 1"))
                self._conn.commit()
                return True
            except DBAPIError:
                log.warning("lost the hub connection that held shop sync; asking again")
                self._drop()
        try:
            conn = self._engine.connect()
        except DBAPIError:
            self.reachable = False  # no bench can be sure it leads: none syncs the shops
            return False
        self.reachable = True
        try:
            taken = conn.execute(sql(f"SELECT pg_try_advisory_lock({LOCK_KEY})"), _PARAMS)
            got = bool(taken.scalar())
            conn.commit()
        except DBAPIError:
            conn.close()
            return False
        if not got:
            conn.close()
            return False
        log.info("this bench now leads shop sync")
        self._conn = conn
        return True

    def release(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(DBAPIError):
                self._conn.execute(sql(f"SELECT pg_advisory_unlock({LOCK_KEY})"), _PARAMS)
                self._conn.commit()
        self._drop()
        self._engine.dispose()

    def _drop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(DBAPIError):
                self._conn.close()
            self._conn = None
