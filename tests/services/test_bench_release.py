"""RELEASE at the bench goes through the lead's own command: recorded as the lead's, and
refused in one sentence when the order was released elsewhere in the meantime."""

from __future__ import annotations

from sqlalchemy import select

from station.app import bench_service
from station.context import AppContext
from station.db.models import Event, Order
from station.domain import OrderStatus
from station.domain import events as ev
from station.domain.messages import text
from station.services.errors import CommandError
from station.services.failures import failure_of
from station.services.lead import LeadService
from station.workflow.io import Command, CommandName


def test_a_release_at_the_bench_is_the_leads_and_a_late_one_is_refused(
    any_home: AppContext,
) -> None:
    # GIVEN the demo's held order 1007 and 1001 held at the bench
    bench = bench_service(any_home, "anna")
    bench.handle(Command(CommandName.RELEASE, "1007"))
    # WHEN the lead's PIN is given
    bench.handle(Command(CommandName.OVERRIDE, "9999"))
    # THEN the order is queued again, released by the lead, at this bench
    with any_home.db.read() as s:
        order = s.scalars(select(Order).where(Order.number == "1007")).one()
        assert order.status == OrderStatus.QUEUED
        released = s.scalars(
            select(Event).where(Event.order_uid == order.uid, Event.type == "order_released")
        ).one()
    assert (released.operator, released.bench) == ("giulia", any_home.settings.bench_name)
    assert released.payload["reason"] == {"code": "released_by_lead", "params": {"lead": "giulia"}}
    # GIVEN 1007 held again and RELEASE asked at the bench, WHEN another lead releases it first
    LeadService(any_home.db, "giulia").hold("1007", ev.Reason("held_at_bench"))
    bench.handle(Command(CommandName.RELEASE, "1007"))
    LeadService(any_home.db, "giulia").release("1007")
    try:
        bench.handle(Command(CommandName.OVERRIDE, "9999"))
        raised: Exception | None = None
    except CommandError as exc:
        raised = exc
    # THEN the bench's release is refused in one sentence, and nothing more is recorded
    assert raised is not None
    found = failure_of(raised)
    assert found is not None
    kind, phrase = found
    assert kind == "refused"
    assert "1007 is not held" in text(phrase.code, "en", **phrase.params)
    with any_home.db.read() as s:
        releases = s.scalars(
            select(Event).where(Event.order_uid == order.uid, Event.type == "order_released")
        ).all()
    assert len(releases) == 2  # the bench's first, the other lead's; none for the late one
