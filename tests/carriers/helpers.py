"""A bench packing demo orders in process, for tests of what shipping asks of carriers."""

from __future__ import annotations

from sqlalchemy import select

from station.context import AppContext
from station.db.models import Counter, Order
from station.services.bench import BenchService, HandledInput
from station.workflow.io import Command, CommandName, ReadScale, Scan, Weight
from tests.console_process import ean_of


def pack(bench: BenchService, number: str, *skus: str) -> list[HandledInput]:
    """Scan the order and its units into one parcel, and weigh it at its expected weight."""
    handled = [bench.handle(Scan(number))]
    for sku in skus:
        handled.append(bench.handle(Scan(ean_of(sku))))
    handled.append(bench.handle(Command(CommandName.WEIGH)))
    for effect in handled[-1].effects:
        if isinstance(effect, ReadScale):
            handled.append(bench.handle(Weight(effect.expected_g)))
    return handled


def counters(ctx: AppContext) -> dict[str, int]:
    with ctx.db.read() as session:
        return {c.name: c.value for c in session.scalars(select(Counter))}


def set_counter(ctx: AppContext, name: str, value: int) -> None:
    with ctx.db.write() as session:
        session.merge(Counter(name=name, value=value))


def parcels(ctx: AppContext, number: str) -> list[tuple[str | None, str]]:
    """(tracking number, carrier) of each parcel of the order."""
    with ctx.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        return [(p.tracking_number, p.carrier) for p in sorted(order.parcels, key=lambda p: p.seq)]
