"""The outbox drained exactly once across a change of shop-sync leader.

The leader writes each send's attempt to the hub (`hub_sends`) and commits it before the
request leaves, and marks it sent once the shop took it, before its own ShopUpdateSent is even
recorded. A leader that finds an attempt of another bench with no mark cannot know whether the
shop took it (the bench may have died mid-request, or its ShopUpdateSent not reached the hub
yet): it waits until that request can no longer be on its way (`hub_send_in_flight_s`), then
sends with `retry`, so the connector reads the shop's own state before writing.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from sync.hub.link import HubError, joined_hub, open_hub
from sync.hub.schema import hub_sends
from sync.outbox import Turn

if TYPE_CHECKING:
    from station.context import AppContext
    from station.db.engine import Database

log = logging.getLogger("station.hub")
# Longer than a shop request can take (the connectors give up after 20 s), with room for a shop
# that finishes the work after the client has gone.
IN_FLIGHT_S = 60.0
# The hub out of reach: whether another bench sent it cannot be known, so not now.
ASK_AGAIN_S = 10.0
_sends = hub_sends.c


class HubSendGuard:
    def __init__(self, hub: Database, bench: str, in_flight_s: float = IN_FLIGHT_S) -> None:
        self.hub = hub
        self.bench = bench
        self.in_flight_s = in_flight_s

    def before_send(self, key: str) -> Turn:
        try:
            with self.hub.write() as s:
                age_s = func.extract("epoch", func.now() - _sends.attempt_at)
                row = s.execute(
                    select(_sends.bench, _sends.sent_at, age_s.label("age_s"))
                    .where(_sends.key == key)
                    .with_for_update()
                ).first()
                if row is None:
                    return self._first_attempt(s, key)
                if row.sent_at is not None:
                    return Turn(go=False, done=True)
                if row.bench != self.bench and float(row.age_s) < self.in_flight_s:
                    return Turn(go=False, wait_s=self.in_flight_s - float(row.age_s))
                s.execute(
                    update(hub_sends)
                    .where(_sends.key == key)
                    .values(bench=self.bench, attempt_at=func.now())
                )
                return Turn(retry=True)
        except DBAPIError:
            log.warning("the hub is out of reach: the shop update %s waits", key)
            return Turn(go=False, wait_s=ASK_AGAIN_S)

    def _first_attempt(self, s: Session, key: str) -> Turn:
        taken = s.scalar(
            insert(hub_sends)
            .values(key=key, bench=self.bench, attempt_at=func.now())
            .on_conflict_do_nothing()
            .returning(_sends.key)
        )
        # another bench wrote its attempt between the read and the insert: ask again later
        return Turn() if taken else Turn(go=False, wait_s=ASK_AGAIN_S)

    def close(self) -> None:
        self.hub.dispose()

    def sent(self, key: str) -> None:
        try:
            with self.hub.write() as s:
                s.execute(update(hub_sends).where(_sends.key == key).values(sent_at=func.now()))
        except DBAPIError:  # the ShopUpdateSent event will say it when it reaches the hub
            log.warning("the hub is out of reach: the shop took %s, the hub hears it later", key)


def hub_send_guard(ctx: AppContext) -> HubSendGuard | None:
    """The guard of a joined bench's outbox; None when its hub address is unusable."""
    url = joined_hub(ctx.home, ctx.settings)
    if not url:
        return None
    try:
        hub = open_hub(url)
    except HubError:
        return None
    in_flight_s = float(ctx.settings.extra.get("hub_send_in_flight_s", IN_FLIGHT_S))
    return HubSendGuard(hub, ctx.settings.bench_name, in_flight_s)
