"""A lead voids an order's shipment: cancelled at the carrier where it allows, else refused in
one sentence with the carrier's reason; the order is labelled again, or stays cancelled when
the shop cancelled it. Against the fake BRT (tests/fakes/carriers/brt.py, from BRT's REST
documentation) and the fake GLS Italy (tests/fakes/carriers/gls.py, from the public SDK
markosirec/gls-italy-sdk and the service's WSDL)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from station.context import AppContext
from station.db.models import Order, OutboxEntry
from station.domain import OutboxKind
from station.domain import events as ev
from station.domain.messages import text
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService, utc_now
from station.services.errors import CommandError
from station.services.events import record
from station.services.pending_labels import pending_shelf, retry_pending
from station.services.voiding import void_shipment
from sync.secrets import save_secrets
from tests.carriers.brt_setup import configure, fake_brt
from tests.carriers.test_label_pending import _pack
from tests.console_process import run_station
from tests.fakes.carriers.brt import FakeBrt
from tests.fakes.carriers.gls import FakeGlsItaly


@pytest.fixture
def brt() -> Iterator[FakeBrt]:
    with fake_brt() as fake:
        yield fake


def _parcel(ctx: AppContext, number: str) -> tuple[str | None, bool, str]:
    with ctx.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        [parcel] = order.parcels
        return parcel.tracking_number, parcel.label_pending, str(order.status)


def _told_shop(ctx: AppContext, number: str) -> list[str]:
    """The tracking numbers the outbox holds for the shop."""
    with ctx.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        entries = session.scalars(
            select(OutboxEntry).where(
                OutboxEntry.order_id == order.id, OutboxEntry.kind == OutboxKind.PARCEL_SHIPPED
            )
        )
        return [str(e.payload["tracking_number"]) for e in entries]


def _void(ctx: AppContext, number: str) -> None:
    void_shipment(ctx.db, ctx.settings, number, lead="giulia", bench="lead", clock=utc_now)


def _shipped_by_brt(ctx: AppContext, brt: FakeBrt) -> BenchService:
    configure(ctx, brt)
    bench = BenchService(ctx.db, ctx.settings, DocumentArchive(ctx.home), operator="anna")
    _pack(bench, ctx, "1004")
    return bench


def test_a_voided_brt_shipment_is_gone_at_brt_and_the_order_is_labelled_again(
    demo_home: AppContext, brt: FakeBrt
) -> None:
    # GIVEN order 1004 shipped with BRT's number
    bench = _shipped_by_brt(demo_home, brt)
    [first] = brt.live()
    assert _told_shop(demo_home, "1004") == [first.parcel_ids[0]]  # not sent yet
    # WHEN a lead voids it
    _void(demo_home, "1004")
    # THEN BRT holds nothing, the shop will not be told the voided number, and the parcel
    # waits for a new label
    assert brt.live() == []
    assert _told_shop(demo_home, "1004") == []
    assert _parcel(demo_home, "1004") == (None, True, "shipped")
    # AND the lead sees it on the pending shelf, at the bench that packed it, with why
    with demo_home.db.read() as session:
        [shelf] = pending_shelf(session)
    assert (shelf.order_number, shelf.bench) == ("1004", bench.bench_name)
    assert text(shelf.reason.code, "en", **shelf.reason.params) == (
        "Its BRT label was voided; a new one is being asked for."
    )
    # WHEN the bench that packed it makes its round
    archive = DocumentArchive(demo_home.home)
    done = retry_pending(
        demo_home.db, demo_home.settings, archive, bench=bench.bench_name, operator="anna",
        clock=utc_now,
    )  # fmt: skip
    # THEN it prints BRT's new label, with a new number, once
    [again] = brt.live()
    assert again.parcel_ids != first.parcel_ids
    assert [(d.document, d.tracking_number) for d in done.printed] == [
        ("label", again.parcel_ids[0])
    ]
    assert _parcel(demo_home, "1004") == (again.parcel_ids[0], False, "shipped")
    assert _told_shop(demo_home, "1004") == [again.parcel_ids[0]]
    verified = run_station(demo_home.home, "db", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_a_shipment_brts_branch_has_taken_is_not_voided_and_brt_says_why(
    demo_home: AppContext, brt: FakeBrt
) -> None:
    # GIVEN order 1004 shipped by BRT, whose branch has taken the shipment in hand
    _shipped_by_brt(demo_home, brt)
    brt.shipments[0].taken = True
    before = _parcel(demo_home, "1004")
    # WHEN a lead voids it
    with pytest.raises(CommandError) as refused:
        _void(demo_home, "1004")
    # THEN BRT's reason is said in one sentence, and nothing changed
    assert refused.value.message("en") == (
        "BRT keeps order 1004's shipment (Spedizione già in presa in gestione dalla filiale), "
        "so it leaves as labelled."
    )
    assert len(brt.live()) == 1
    assert _parcel(demo_home, "1004") == before


def test_an_order_the_shop_cancelled_stays_cancelled_once_its_shipment_is_voided(
    demo_home: AppContext, brt: FakeBrt
) -> None:
    # GIVEN order 1004 shipped by BRT, then cancelled at the shop
    bench = _shipped_by_brt(demo_home, brt)
    with demo_home.db.write() as session:
        order = session.scalars(select(Order).where(Order.number == "1004")).one()
        record(session, ev.OrderCancelledByShop(order=order.uid, shop="demo"), at=utc_now())
    # WHEN a lead voids it
    _void(demo_home, "1004")
    # THEN BRT holds nothing; the order stays cancelled, its parcel unlabelled, and the
    # bench asks for no new label
    assert brt.live() == []
    assert _parcel(demo_home, "1004") == (None, False, "cancelled")
    done = retry_pending(
        demo_home.db, demo_home.settings, bench.archive, bench=bench.bench_name,
        operator="anna", clock=utc_now,
    )  # fmt: skip
    assert done.printed == []
    assert brt.live() == []


def test_a_gls_parcel_is_deleted_until_the_day_is_closed(demo_home: AppContext) -> None:
    with FakeGlsItaly("M1", "123456", "gls-pw") as gls:
        # GIVEN orders 1001 and 1002 shipped by GLS, and GLS's day closed after 1002
        demo_home.settings.extra["carrier_accounts"] = {
            "GLS": {"kind": "gls-it", "url": f"{gls.url}/ilswebservice.asmx", "branch": "M1",
                    "client": "123456", "contract": "1234"},
        }  # fmt: skip
        save_secrets(demo_home.home, "carrier:GLS", {"password": "gls-pw"})
        bench = BenchService(demo_home.db, demo_home.settings, DocumentArchive(demo_home.home))
        _pack(bench, demo_home, "1001")
        [parcel] = gls.live()
        # WHEN a lead voids 1001
        _void(demo_home, "1001")
        # THEN GLS deleted the parcel, and the order waits for a new label
        assert gls.live() == []
        assert parcel.deleted
        assert _parcel(demo_home, "1001") == (None, True, "shipped")
        # WHEN its new label came and GLS's day is closed
        retry_pending(
            demo_home.db, demo_home.settings, bench.archive, bench=bench.bench_name,
            operator="anna", clock=utc_now,
        )  # fmt: skip
        [again] = gls.live()
        again.closed = True
        # THEN voiding it again is refused in GLS's words
        with pytest.raises(CommandError) as refused:
            _void(demo_home, "1001")
        assert refused.value.message("en") == (
            f"GLS keeps order 1001's shipment (Spedizione {again.number} non presente), so it "
            "leaves as labelled."
        )


def test_a_lead_voids_on_the_command_line_with_their_pin(
    demo_home: AppContext, brt: FakeBrt
) -> None:
    # GIVEN order 1004 shipped by BRT
    _shipped_by_brt(demo_home, brt)
    # WHEN an operator tries, THEN it is refused; WHEN the lead does, with the PIN on stdin
    refused = run_station(demo_home.home, "orders", "void", "1004", "--lead", "anna", stdin="1111")
    voided = run_station(demo_home.home, "orders", "void", "1004", "--lead", "giulia", stdin="9999")
    # THEN the lead's is done and said in one line, and BRT holds nothing
    assert refused.returncode == 1
    assert voided.returncode == 0, voided.stderr
    assert voided.stdout.strip() == (
        "Order 1004: the BRT shipment is cancelled; its parcels get new labels at the bench "
        "that packed them."
    )
    assert brt.live() == []
    # AND an order with nothing to cancel is said so
    nothing = run_station(
        demo_home.home, "orders", "void", "1005", "--lead", "giulia", stdin="9999"
    )
    assert nothing.returncode == 1
    assert nothing.stderr.strip() == "station: Order 1005 has no carrier label to cancel."


def test_a_label_from_a_number_range_is_voided_and_numbered_again_from_the_range(
    demo_home: AppContext,
) -> None:
    # GIVEN order 1001 shipped with a number from its carrier's range (no network)
    bench = BenchService(demo_home.db, demo_home.settings, DocumentArchive(demo_home.home))
    _pack(bench, demo_home, "1001")
    first, _pending, _status = _parcel(demo_home, "1001")
    assert first
    # WHEN a lead voids it and the bench that packed it makes its round
    _void(demo_home, "1001")
    done = retry_pending(
        demo_home.db, demo_home.settings, bench.archive, bench=bench.bench_name,
        operator="anna", clock=utc_now,
    )  # fmt: skip
    # THEN the parcel has the range's next number, never the voided one, and its label printed
    again, pending, status = _parcel(demo_home, "1001")
    assert (pending, status) == (False, "shipped")
    assert again
    assert again != first
    assert [(d.document, d.tracking_number) for d in done.printed] == [("label", again)]
    verified = run_station(demo_home.home, "db", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
