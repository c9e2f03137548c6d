"""The workflow's view of the database: order snapshots, product look-ups, the queue."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.interfaces import ORMOption

from station.db.models import (
    Bench,
    BoxType,
    Location,
    Operator,
    Order,
    OrderLine,
    PackedUnit,
    Parcel,
    Product,
    ProductBarcode,
    ProductLocation,
)
from station.domain import OrderStatus, Role
from station.domain.events import Reason
from station.domain.order_codes import order_number_from_code
from station.domain.reasons import stored_reason
from station.services.queue import urgency
from station.services.security import verify_pin
from station.workflow.batch_pick import is_tote
from station.workflow.state import (
    BoxInfo,
    LineState,
    OrderSnapshot,
    PackedUnits,
    ParcelState,
    ProductInfo,
)


def product_info(product: Product) -> ProductInfo:
    return ProductInfo(
        id=product.id,
        sku=product.sku,
        name=product.name,
        weight_g=product.weight_g,
        volume_mm3=product.length_mm * product.width_mm * product.height_mm,
        bin_location=product.bin_location,
        image_url=product.image_url,
        requires_lot=product.requires_lot,
        requires_expiry=product.requires_expiry,
        requires_serial=product.requires_serial,
    )


def _pick_faces(session: Session, order: Order) -> dict[int, str]:
    """The pick face of each product on the order, by product id (none known: empty)."""
    ids = [line.product_id for line in order.lines if line.product_id is not None]
    query = (
        select(ProductLocation.product_id, Location.code)
        .join(Location, Location.id == ProductLocation.location_id)
        .where(ProductLocation.product_id.in_(ids), ProductLocation.role == "face")
    )
    return {row.product_id: row.code for row in session.execute(query)} if ids else {}


def _line_state(line: OrderLine, faces: dict[int, str]) -> LineState:
    product = line.product
    codes = {b.code: b.units for b in product.barcodes} if product else {}
    info = product_info(product) if product else None
    if info is not None and product is not None and product.id in faces:
        info = dataclasses.replace(info, pick_bin=faces[product.id])
    return LineState(
        id=line.id,
        uid=line.uid,
        sku=line.sku,
        name=line.name,
        quantity=line.quantity,
        product=info,
        codes=codes,
        verified=line.verified_qty,
        short=line.short_qty,
        picked=line.picked_qty,
    )


def order_snapshot(session: Session, order: Order) -> OrderSnapshot:
    faces = _pick_faces(session, order)
    units = session.scalars(
        select(PackedUnit)
        .where(PackedUnit.order_id == order.id, PackedUnit.undone.is_(False))
        .order_by(PackedUnit.id)
    )
    return OrderSnapshot(
        id=order.id,
        uid=order.uid,
        number=order.number,
        status=OrderStatus(order.status),
        customer=order.customer_name,
        carrier=order.carrier,
        service=order.service,
        cod_amount=order.cod_amount,
        cutoff_at=order.cutoff_at,
        note=order.customer_note,
        hold=order.hold,
        claimed_by=order.bench.name if order.bench else None,
        lines=[_line_state(line, faces) for line in order.lines],
        parcels=[
            ParcelState(
                seq=p.seq,
                box_code=p.box_type.code if p.box_type else None,
                measured_g=p.measured_weight_g,
                expected_g=p.expected_weight_g,
            )
            for p in order.parcels
        ],
        units=[
            PackedUnits(u.event_id, u.line_id, u.quantity, u.parcel_seq, u.serial) for u in units
        ],
    )


def _with_everything() -> tuple[ORMOption, ...]:
    return (
        selectinload(Order.lines).selectinload(OrderLine.product).selectinload(Product.barcodes),
        selectinload(Order.parcels).selectinload(Parcel.box_type),
        selectinload(Order.bench),
    )


class DbCatalog:
    """Implements `station.workflow.state.Catalog` within one session."""

    def __init__(self, session: Session, bench_id: int) -> None:
        self.session = session
        self.bench_id = bench_id
        self._boxes: list[BoxInfo] | None = None

    def load_order(self, **where: object) -> Order | None:
        query = select(Order).options(*_with_everything()).filter_by(**where)
        return self.session.scalars(query).first()

    def find_order(self, code: str) -> OrderSnapshot | None:
        order = self.load_order(number=order_number_from_code(code))
        if order is None and is_tote(code):  # pack-out: the tote holds the order till it ships
            order = self.load_order(tote=code.strip().upper())
        return order_snapshot(self.session, order) if order else None

    def next_order(self) -> OrderSnapshot | None:
        """The order NEXT claims: the most urgent of those a lead assigned to this bench, else
        the most urgent unassigned one (never one assigned to another bench, nor one a picker
        took into a batch or put in a tote), by the queue's one definition of urgency. Two small queries, each
        served by an index."""
        queued = (
            select(Order.id)
            # an order in a tote is packed by scanning its tote, not picked again from the shelves
            .where(Order.status == OrderStatus.QUEUED, Order.tote == "", Order.pick_batch.is_(None))
            .order_by(*urgency())
            .limit(1)
        )
        candidate = self.session.scalar(queued.where(Order.bench_id == self.bench_id))
        if candidate is None:
            candidate = self.session.scalar(queued.where(Order.bench_id.is_(None)))
        if candidate is None:
            return None
        order = self.load_order(id=candidate)
        return order_snapshot(self.session, order) if order else None

    def product_by_code(self, key: str) -> ProductInfo | None:
        product = self.session.scalar(
            select(Product).join(ProductBarcode).where(ProductBarcode.code == key)
        ) or self.session.scalar(select(Product).where(Product.sku == key))
        return product_info(product) if product else None

    def serial_packed(self, product_id: int, serial: str) -> bool:
        found = self.session.scalar(
            select(PackedUnit.id).where(
                PackedUnit.product_id == product_id,
                PackedUnit.serial == serial,
                PackedUnit.undone.is_(False),
            )
        )
        return found is not None

    def order_status(self, order_id: int) -> tuple[OrderStatus, Reason | None]:
        row = self.session.execute(
            select(Order.status, Order.hold_code, Order.hold_params).where(Order.id == order_id)
        ).one()
        return OrderStatus(row.status), stored_reason(row.hold_code, row.hold_params)

    def order_bench(self, order_id: int) -> str | None:
        return self.session.scalar(
            select(Bench.name).join(Order, Order.bench_id == Bench.id).where(Order.id == order_id)
        )

    def lead_for_pin(self, pin: str) -> str | None:
        leads = self.session.scalars(
            select(Operator).where(
                Operator.role.in_([Role.LEAD, Role.ADMIN]), Operator.active.is_(True)
            )
        )
        return next((lead.name for lead in leads if verify_pin(pin, lead.pin_hash)), None)

    def boxes(self) -> list[BoxInfo]:
        if self._boxes is None:
            self._boxes = [
                BoxInfo(
                    code=b.code,
                    name=b.name,
                    volume_mm3=b.inner_length_mm * b.inner_width_mm * b.inner_height_mm,
                    tare_g=b.tare_g,
                    max_weight_g=b.max_weight_g,
                )
                for b in self.session.scalars(select(BoxType).order_by(BoxType.id))
            ]
        return self._boxes
