"""What a Shopify query costs, as the client sees it: the bucket's state from each answer's
`extensions.cost`, and page sizes fitted to the requested cost the shop reports."""

from __future__ import annotations

import time
from typing import Any

from sync.http import Sleep
from sync.shops import shopify_queries as q


class Throttle:
    """The client's view of the shop's cost bucket (points restore at `restore` per second)."""

    def __init__(self, sleep: Sleep) -> None:
        self.sleep = sleep
        self.maximum = 1000.0
        self.available = 1000.0
        self.restore = 50.0
        self.stamp = time.monotonic()
        self.cost: dict[str, float] = {}

    def estimate(self) -> float:
        elapsed = time.monotonic() - self.stamp
        return min(self.maximum, self.available + self.restore * elapsed)

    def before(self, operation: str) -> None:
        need = self.cost.get(operation, 0.0)
        have = self.estimate()
        if need > have:
            wait = (need - have) / self.restore
            self.sleep(wait)
            self.available = have + wait * self.restore
            self.stamp = time.monotonic()

    def after(self, operation: str, body: dict[str, Any]) -> None:
        cost = (body.get("extensions") or {}).get("cost") or {}
        status = cost.get("throttleStatus") or {}
        if cost.get("requestedQueryCost") is not None:
            self.cost[operation] = float(cost["requestedQueryCost"])
        if status:
            self.maximum = float(status.get("maximumAvailable", self.maximum))
            self.available = float(status.get("currentlyAvailable", self.available))
            self.restore = float(status.get("restoreRate", self.restore)) or 1.0
            self.stamp = time.monotonic()


class CostTooHighError(Exception):
    """The shop refused a query as too expensive: what it costs, and the most one may cost."""

    def __init__(self, cost: float, maximum: float) -> None:
        super().__init__(cost)
        self.cost = cost
        self.maximum = maximum


def resized(first: int, cost: float | None, target: float = q.COST_TARGET) -> int:
    """The page size that makes a query of `first` items, which cost `cost`, cost `target`."""
    if not cost or cost <= 2:
        return first
    per_item = (cost - 2) / max(first, 1)
    return max(1, min(250, int((target - 2) / per_item)))
