"""Batch picking on benches of one hub: a picker's batch is claimed through the bench's claim
source (the hub's leases), so pickers at two benches never take the same order, even when a
bench has not yet heard of the other's leases."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from station.app import open_home, pick_service
from tests.hub.conftest import set_settings, sync_once, warehouse
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


def test_an_order_in_a_pickers_batch_is_never_leased_to_another_bench(
    hub_url: str, tmp_path: Path
) -> None:
    # GIVEN B1's picker holding a batch of five, whose leases on the hub run out after 1 s
    homes = warehouse(hub_url, tmp_path, "B2")
    set_settings(homes["B1"], hub_lease_s=1)
    with open_home(homes["B1"]) as ctx:
        batch = {o.number for o in pick_service(ctx, 5).pick.orders}
    sync_once(homes["B1"])  # the hub hears of the batch
    time.sleep(2)
    # WHEN B2 asks the hub for many more orders to pack
    set_settings(homes["B2"], hub_lease_orders=25)
    sync_once(homes["B2"])
    # THEN B2 got orders, but none of the batch's: they are in a picker's hands, not queued
    held = leases(hub_url)
    assert len(held["B2"]) > 5
    assert not batch & held["B2"]
