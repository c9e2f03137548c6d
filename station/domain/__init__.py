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
