"""The warehouse's words, shared by every layer: statuses, roles, event kinds. Pure Python."""

from __future__ import annotations

import enum


class OrderStatus(enum.StrEnum):
    QUEUED = "queued"
    PACKING = "packing"
    HELD = "held"
    SHIPPED = "shipped"
    CANCELLED = "cancelled"


OPEN_STATUSES = (OrderStatus.QUEUED, OrderStatus.PACKING)


class Role(enum.StrEnum):
    OPERATOR = "operator"
    LEAD = "lead"
    ADMIN = "admin"


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    PARKED = "parked"  # a permanent error: kept, shown, retried only by a person


class OutboxKind(enum.StrEnum):
    PARCEL_SHIPPED = "parcel_shipped"  # one tracking number for the shop
    ORDER_SHIPPED = "order_shipped"  # the order's shipped status


class EventType(enum.StrEnum):
    """The catalogue of everything that happens; each event row carries one of these."""

    ORDER_IMPORTED = "order_imported"
    ORDER_UPDATED = "order_updated"
    ORDER_CLAIMED = "order_claimed"
    ORDER_RELEASED = "order_released"
    UNITS_VERIFIED = "units_verified"
    SCAN_REJECTED = "scan_rejected"
    SCAN_UNDONE = "scan_undone"
    PARCEL_OPENED = "parcel_opened"
    BOX_CHOSEN = "box_chosen"
    UNITS_SHORTED = "units_shorted"
    ORDER_HELD = "order_held"
    ORDER_RELEASED_FROM_HOLD = "order_released_from_hold"
    PARCEL_WEIGHED = "parcel_weighed"
    WEIGHT_REJECTED = "weight_rejected"
    WEIGHT_OVERRIDDEN = "weight_overridden"
    ORDER_PACKED = "order_packed"
    LABEL_PRINTED = "label_printed"
    ORDER_SHIPPED = "order_shipped"
    OPERATOR_SIGNED_IN = "operator_signed_in"
    CODE_LEARNT = "code_learnt"
    MANIFEST_CLOSED = "manifest_closed"
