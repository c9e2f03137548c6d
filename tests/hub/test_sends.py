"""The hub's record of sends to a shop (`sync.hub.sends`), as two leaders of one warehouse see
it one after the other. In process, on the machine's PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, text, update

from station.db.engine import Database
from sync.hub.link import init_hub
from sync.hub.schema import hub_sends
from sync.hub.sends import HubSendGuard
from sync.outbox import Turn

KEY = "parcel_shipped:5001:1"


@pytest.fixture
def hub(pg_schema_url: str) -> Iterator[Database]:
    init_hub(pg_schema_url)
    db = Database(pg_schema_url)
    yield db
    db.dispose()


def test_a_new_leader_waits_out_the_old_ones_attempt_then_reads_the_shop_before_sending(
    hub: Database,
) -> None:
    old, new = HubSendGuard(hub, "B1", in_flight_s=60), HubSendGuard(hub, "B2", in_flight_s=60)
    # GIVEN B1 sent the update (its attempt is on the hub) and died before hearing back
    assert old.before_send(KEY) == Turn()
    # WHEN B2 leads and finds the update pending, THEN it does not send while B1's request may
    # still be on its way
    turn = new.before_send(KEY)
    assert not turn.go
    assert 55 < turn.wait_s <= 60
    # WHEN that time has passed, THEN B2 sends, reading the shop's state first
    with hub.write() as s:
        s.execute(update(hub_sends).values(attempt_at=func.now() - text("interval '61 s'")))
    assert new.before_send(KEY) == Turn(retry=True)
    # AND once the shop took it, a third leader does not send it at all
    new.sent(KEY)
    assert HubSendGuard(hub, "B3").before_send(KEY) == Turn(go=False, done=True)


def test_a_leader_whose_own_attempt_failed_tries_again_at_once_and_reads_back(
    hub: Database,
) -> None:
    guard = HubSendGuard(hub, "B1")
    assert guard.before_send(KEY) == Turn()
    assert guard.before_send(KEY) == Turn(retry=True)


def test_with_the_hub_out_of_reach_nothing_is_sent() -> None:
    unreachable = Database("postgresql+psycopg://postgres@127.0.0.1:1/test?connect_timeout=1")
    try:
        turn = HubSendGuard(unreachable, "B1").before_send(KEY)
    finally:
        unreachable.dispose()
    assert not turn.go
    assert turn.wait_s > 0
