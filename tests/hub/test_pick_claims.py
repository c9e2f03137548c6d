"""Batch picking on benches of one hub: a picker's batch is claimed through the bench's claim
source (the hub's leases), so pickers at two benches never take the same order, even when a
bench has not yet heard of the other's leases."""

from __future__ import annotations

from pathlib import Path

import pytest

from station.app import open_home, pick_service
from tests.hub.conftest import warehouse
from tests.hub.test_claims import leases

pytestmark = pytest.mark.slow


def test_pickers_at_two_benches_of_a_hub_never_take_the_same_order(
    hub_url: str, tmp_path: Path
) -> None:
    # GIVEN two benches of one hub, each after one round (B1 has not heard of B2's leases)
    homes = warehouse(hub_url, tmp_path, "B2")
    # WHEN a picker at each bench takes a batch of five
    taken: dict[str, set[str]] = {}
    for name in ("B1", "B2"):
        with open_home(homes[name]) as ctx:
            ctx.settings.language = "en"
            taken[name] = {o.number for o in pick_service(ctx, 5).pick.orders}
    # THEN each has five orders, none in both
    assert len(taken["B1"]) == len(taken["B2"]) == 5
    assert not taken["B1"] & taken["B2"]
    # AND the hub holds each batch's orders leased to the picker's bench
    held = leases(hub_url)
    assert taken["B1"] <= held["B1"]
    assert taken["B2"] <= held["B2"]
