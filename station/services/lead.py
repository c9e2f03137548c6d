"""A shift lead's commands: hold, release, reassign and reprioritise orders.

Each command is one write transaction, like a bench's input: check that the lead is an active
lead, decide from the order as stored, record the event (which projects it), commit. A refusal
raises `CommandError` before anything is recorded, so the transaction writes nothing.

Reassigning an order that a bench is packing is refused (`order_being_packed`) unless the lead
says to take it from that bench (`take=True`, the console's "move" of a packing order or the
"unassign" of an abandoned one): then the packing is aborted first, as if the bench had scanned
ABORT (its items go back to the shelf), and the bench is told within a second or two by its
watch (`station.services.bench_watch`), or at its next input, that the order was taken, so its
operator does not go on scanning it. An order assigned to a bench
is claimed by NEXT there before any other and never by another bench (`DbCatalog.next_order`); an
operator named in an assignment is shown with the order, NEXT does not enforce it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from station.db.engine import Database
from station.db.models import Bench, Operator, Order
from station.domain import OrderStatus, Role
from station.domain import events as ev
from station.domain.messages import CATALOGUE
from station.domain.reasons import stored_reason
from station.services.errors import CommandError
from station.services.events import new_uid, record
from station.services.orders import find_order
from station.services.security import verify_pin

Clock = Callable[[], dt.datetime]
Decision = Callable[[Session, Order], ev.DomainEvent | list[ev.DomainEvent]]
LEAD_ROLES = (Role.LEAD, Role.ADMIN)
PRIORITIES = range(-999, 1000)  # wide enough for any scheme, narrow enough for any column


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class OrderChange:
    """The order as a lead's command left it."""

    number: str
    status: OrderStatus
    priority: int
    bench: str  # the bench it is assigned to or packed at; "" for none
    operator: str  # the operator a lead assigned it to; "" for none
    hold: ev.Reason | None


class LeadService:
    """The commands of one signed-in lead. `bench` is where the lead works (the event's place)."""

    def __init__(self, db: Database, lead: str, *, bench: str = "", clock: Clock = utc_now) -> None:
        self.db = db
        self.lead = lead
        self.bench = bench
        self.clock = clock

    def hold(self, number: str, reason: ev.Reason | str) -> OrderChange:
        """Take the order out of the queue; a text reason is the lead's own note."""

        def decide(session: Session, order: Order) -> ev.DomainEvent:
            _refuse_closed(order)
            if order.status == OrderStatus.HELD:
                raise CommandError("order_already_held", number=order.number)
            return ev.OrderHeld(order=order.uid, reason=_hold_reason(order, reason), by="lead")

        return self._run(number, decide)

    def release(self, number: str) -> OrderChange:
        return self._run(number, _release_by(self.lead))

    def release_backorder(self, number: str) -> tuple[OrderChange, str]:
        """The owed units are in stock: they go to the queue as a follow-up order, packed and
        shipped like any order (the shop hears of its parcels on the same shop order). Returns
        the order as it stands now, and the follow-up's number."""
        made: list[str] = []

        def decide(session: Session, order: Order) -> ev.DomainEvent:
            owed = _owed(order)
            made.append(_follow_up_number(session, order))
            return ev.BackorderReleased(
                order=order.uid, follow_up=new_uid(), number=made[0], lines=owed
            )

        return self._run(number, decide), made[0]

    def cancel_backorder(self, number: str) -> OrderChange:
        """The owed units will not be sent (the shop refunds them): the order owes nothing."""

        def decide(session: Session, order: Order) -> ev.DomainEvent:
            return ev.BackorderCancelled(order=order.uid, lines=_owed(order))

        return self._run(number, decide)

    def reassign(
        self,
        number: str,
        *,
        bench: str | None = None,
        operator: str | None = None,
        take: bool = False,
    ) -> OrderChange:
        """Give the order to a bench and/or an operator; with neither, back to the open queue.

        An assignment replaces the one before whole: what is not given is cleared. `take` lets
        the lead take an order a bench is packing (its packing is aborted first).
        """

        def decide(session: Session, order: Order) -> list[ev.DomainEvent]:
            _refuse_closed(order)
            taken: list[ev.DomainEvent] = []
            if order.status == OrderStatus.PACKING:
                at = order.bench.name if order.bench else "?"
                if not take:
                    raise CommandError("order_being_packed", number=order.number, bench=at)
                taken.append(ev.PackingAborted(order=order.uid, number=order.number))
            if bench and session.scalar(select(Bench.id).where(Bench.name == bench)) is None:
                raise CommandError("bench_unknown", bench=bench)
            if operator and _active_operator(session, operator) is None:
                raise CommandError("operator_unknown", operator=operator)
            moved = ev.OrderReassigned(order=order.uid, bench=bench or None, operator=operator)
            return [*taken, moved]

        return self._run(number, decide)

    def set_priority(self, number: str, priority: int) -> OrderChange:
        """Higher is more urgent; the queue and NEXT follow it at once."""

        def decide(session: Session, order: Order) -> ev.DomainEvent:
            _refuse_closed(order)
            if priority not in PRIORITIES:
                low, high = str(PRIORITIES[0]), str(PRIORITIES[-1])
                raise CommandError(
                    "priority_out_of_range", priority=str(priority), low=low, high=high
                )
            return ev.PriorityChanged(order=order.uid, priority=priority)

        return self._run(number, decide)

    def bump(self, number: str) -> OrderChange:
        """To the head of the queue in one action: one above the most urgent open order."""

        def decide(session: Session, order: Order) -> ev.DomainEvent:
            _refuse_closed(order)
            top = session.scalar(
                select(func.max(Order.priority)).where(
                    Order.status.in_([OrderStatus.QUEUED, OrderStatus.PACKING])
                )
            )
            priority = min(max(top or 0, order.priority) + 1, PRIORITIES[-1])
            return ev.PriorityChanged(order=order.uid, priority=priority)

        return self._run(number, decide)

    def _run(self, number: str, decide: Decision) -> OrderChange:
        with self.db.write() as session:
            return _decide_and_record(
                session, self.lead, number, decide, at=self.clock(), bench=self.bench
            )


def release_in(
    session: Session, lead: str, number: str, *, at: dt.datetime, bench: str
) -> OrderChange:
    """A lead's release inside the caller's transaction: the bench's `RELEASE N` + PIN."""
    return _decide_and_record(session, lead, number, _release_by(lead), at=at, bench=bench)


def _decide_and_record(
    session: Session, lead: str, number: str, decide: Decision, *, at: dt.datetime, bench: str
) -> OrderChange:
    require_lead(session, lead)
    order = find_order(session, number)
    decided = decide(session, order)
    for event in decided if isinstance(decided, list) else [decided]:
        record(session, event, at=at, bench=bench, operator=lead)
    session.flush()
    return _change(session, order)


def _release_by(lead: str) -> Decision:
    def decide(session: Session, order: Order) -> ev.DomainEvent:
        _refuse_closed(order)
        if order.status != OrderStatus.HELD:
            raise CommandError("order_not_held", number=order.number)
        if not order.lines:  # released, it would be claimed and wedge the bench
            raise CommandError("release_no_lines", number=order.number)
        reason = ev.Reason("released_by_lead", {"lead": lead})
        return ev.OrderReleased(order=order.uid, reason=reason, by="lead")

    return decide


def _owed(order: Order) -> tuple[ev.ShortedLine, ...]:
    owed = tuple(
        ev.ShortedLine(ln.uid, ln.sku, ln.backorder_qty) for ln in order.lines if ln.backorder_qty
    )
    if not owed:
        raise CommandError("backorder_none", number=order.number)
    return owed


def _follow_up_number(session: Session, order: Order) -> str:
    """`1003-B1`, `1003-B2`, ...: the order's number and the first follow-up number free."""
    n = 1
    while session.scalar(select(Order.id).where(Order.number == f"{order.number}-B{n}")):
        n += 1
    return f"{order.number}-B{n}"


def require_lead(session: Session, name: str) -> None:
    operator = _active_operator(session, name)
    if operator is None or operator.role not in LEAD_ROLES:
        raise CommandError("not_an_active_lead", name=name)


def check_lead_pin(db: Database, name: str, pin: str) -> str:
    """A lead signing in by name and PIN (the command line): the lead's name, or refused.

    An unknown name and a wrong PIN get the same answer, so that names cannot be probed.
    """
    with db.read() as session:
        operator = _active_operator(session, name)
        if operator is None or not verify_pin(pin.strip(), operator.pin_hash):
            raise CommandError("lead_pin_wrong", name=name)
        require_lead(session, operator.name)
        return operator.name


def _active_operator(session: Session, name: str) -> Operator | None:
    return session.scalar(select(Operator).where(Operator.name == name, Operator.active.is_(True)))


def _refuse_closed(order: Order) -> None:
    if order.status == OrderStatus.SHIPPED:
        raise CommandError("lead_order_shipped", number=order.number)
    if order.status == OrderStatus.CANCELLED:
        raise CommandError("lead_order_cancelled", number=order.number)


def _hold_reason(order: Order, reason: ev.Reason | str) -> ev.Reason:
    if isinstance(reason, str):
        note = reason.strip()
        if not note:
            raise CommandError("hold_reason_missing", number=order.number)
        return ev.Reason("hold_note", {"note": note})
    if reason.code not in CATALOGUE:
        raise CommandError("hold_reason_unknown", reason=reason.code)
    if reason.code == "hold_note" and not reason.params.get("note", "").strip():
        raise CommandError("hold_reason_missing", number=order.number)
    return reason


def _change(session: Session, order: Order) -> OrderChange:
    bench = session.scalar(select(Bench.name).where(Bench.id == order.bench_id))
    return OrderChange(
        number=order.number,
        status=OrderStatus(order.status),
        priority=order.priority,
        bench=bench or "",
        operator=order.assigned_operator,
        hold=stored_reason(order.hold_code, order.hold_params),
    )
