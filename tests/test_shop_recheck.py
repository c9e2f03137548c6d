"""Before a label prints, the bench re-reads the order from the shop: a cancellation made in the
shop while the parcel was being packed stops the shipment."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.console_process import ConsoleProcess, ean_of, run_console
from tests.fakes.shops.woocommerce import FakeWooCommerce
from tests.test_cli import station

pytestmark = pytest.mark.slow


@pytest.fixture
def shop_home(tmp_path: Path) -> Iterator[tuple[Path, FakeWooCommerce, str]]:
    """A demo bench that also takes orders from a WooCommerce shop with one T-shirt order."""
    home = tmp_path / "bench"
    run_console(home, [])
    woo = FakeWooCommerce()
    with woo:
        woo._next_id = 5000  # clear of the demo's order numbers
        order = woo.add_order(lines=[("TSH-01", 1, "15.57")])
        added = station(
            home,
            "shop",
            "add",
            "woocommerce",
            "woo",
            "--url",
            woo.url,
            "--key",
            "ck_test",
            "--secret",
            "cs_test",
        )
        assert added.returncode == 0, added.stderr
        synced = station(home, "sync", "--once")
        assert synced.returncode == 0, synced.stderr
        yield home, woo, str(order["id"])


def pack_until_weighing(home: Path, number: str) -> ConsoleProcess:
    bench = ConsoleProcess(home, "--scale", "none")
    bench.wait_for("PROMPT scan_order")
    bench.send(number, "OK order_opened")
    bench.send(ean_of("TSH-01"), "PROMPT weigh_parcel")
    return bench


def test_an_order_cancelled_in_the_shop_while_packing_does_not_ship(
    shop_home: tuple[Path, FakeWooCommerce, str],
) -> None:
    home, woo, number = shop_home
    bench = pack_until_weighing(home, number)
    # WHEN the customer cancels in the shop just before the parcel is weighed
    woo.modify(int(number), status="cancelled")
    refused = bench.send("WEIGHT 220", "ERROR")
    # THEN the bench refuses to ship it and says what to do
    assert refused.startswith("ERROR order_cancelled")
    assert bench.close() == 0
    shown = json.loads(station(home, "orders", "show", number, "--json").stdout)
    assert shown["status"] == "cancelled"
    assert all(p["tracking_number"] is None for p in shown["parcels"])
    assert woo.trackings.get(int(number), []) == []


def test_an_unchanged_order_ships_after_the_check(
    shop_home: tuple[Path, FakeWooCommerce, str],
) -> None:
    home, _woo, number = shop_home
    bench = pack_until_weighing(home, number)
    bench.send("WEIGHT 220", f"DONE {number}")
    assert bench.close() == 0
    shown = json.loads(station(home, "orders", "show", number, "--json").stdout)
    assert shown["status"] == "shipped"
