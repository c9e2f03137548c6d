"""Backorders closed, as a warehouse meets them, in real processes: a console bench ships an
order short; later a lead says the owed units are in stock (`station orders backorder N ready`)
and they come back to the queue as a follow-up order that a bench packs and ships like any
other; or the lead cancels them. The listing, the outbox and `station db verify` read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from station.app import open_home
from station.db.models import Order, OutboxEntry
from tests.console_process import ean_of, run_station
from tests.console_process import run_console as console

pytestmark = pytest.mark.slow
LEAD_PIN = "9999\n"  # giulia, the demo's lead


def shipped_short(home: Path) -> dict[str, int]:
    """Order 1003 shipped with its mug only; what it owes, by SKU."""
    out = console(home, ["1003", ean_of("MUG-02"), "SHORT", "OUT", "SHORT", "WEIGH"])
    assert any(line.startswith("DONE 1003") for line in out), out
    shown = json.loads(run_station(home, "orders", "show", "1003", "--json").stdout)
    return {ln["sku"]: ln["backorder"] for ln in shown["lines"] if ln["backorder"]}


def listed(home: Path, *status: str) -> dict[str, dict[str, object]]:
    rows = json.loads(run_station(home, "orders", "list", *status, "--json").stdout)
    return {row["number"]: row for row in rows}


def test_owed_units_in_stock_come_back_as_a_follow_up_order_that_ships(tmp_path: Path) -> None:
    # GIVEN order 1003 shipped short, its other units owed
    home = tmp_path / "bench"
    owed = shipped_short(home)
    assert owed
    assert set(listed(home, "--status", "backorder")) == {"1003"}
    # WHEN the lead says the owed units are in stock
    ready = run_station(
        home, "orders", "backorder", "1003", "ready", "--lead", "giulia", stdin=LEAD_PIN
    )
    # THEN they are in the queue as order 1003-B1, and 1003 owes nothing itself
    assert ready.returncode == 0, ready.stderr
    assert ready.stdout.strip() == "order 1003: the owed units are in the queue as order 1003-B1"
    assert listed(home, "--status", "backorder") == {}
    follow_up = listed(home)["1003-B1"]
    assert (follow_up["status"], follow_up["units"], follow_up["backorder_of"]) == (
        "queued",
        sum(owed.values()),
        "1003",
    )
    # WHEN a bench opens it, scans each owed unit and weighs
    scans = [ean_of(sku) for sku, units in owed.items() for _ in range(units)]
    out = console(home, ["1003-B1", *scans, "WEIGH"])
    # THEN it ships with its own parcel and tracking number, told to the shop like any order
    assert any(line.startswith("DONE 1003-B1") for line in out), out
    shown = json.loads(run_station(home, "orders", "show", "1003-B1", "--json").stdout)
    assert shown["status"] == "shipped"
    [parcel] = shown["parcels"]
    first = json.loads(run_station(home, "orders", "show", "1003", "--json").stdout)
    assert parcel["tracking_number"] not in {p["tracking_number"] for p in first["parcels"]}
    with open_home(home) as ctx, ctx.db.read() as s:
        order = s.scalars(select(Order).where(Order.number == "1003-B1")).one()
        told = s.scalars(select(OutboxEntry).where(OutboxEntry.order_id == order.id)).all()
        keys = {e.key: e.payload for e in told}
    if order.shop_id is not None:  # the demo's orders come from its simulated shop
        assert keys["order_shipped:1003-B1"]["tracking_numbers"] == [parcel["tracking_number"]]
    # AND a replay of the log gives the same tables
    verified = run_station(home, "db", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_a_lead_cancels_a_backorder_and_an_operator_cannot(tmp_path: Path) -> None:
    # GIVEN order 1003 shipped short
    home = tmp_path / "bench"
    shipped_short(home)
    # WHEN an operator tries to cancel its backorder, then the lead does, then again
    anna = run_station(
        home, "orders", "backorder", "1003", "cancel", "--lead", "anna", stdin="1111\n"
    )
    giulia = run_station(
        home, "orders", "backorder", "1003", "cancel", "--lead", "giulia", stdin=LEAD_PIN
    )
    again = run_station(
        home, "orders", "backorder", "1003", "ready", "--lead", "giulia", stdin=LEAD_PIN, lang="it"
    )
    # THEN only the lead's is taken; nothing is owed after it, and nothing is left to release
    assert anna.returncode == 1
    assert giulia.returncode == 0, giulia.stderr
    assert giulia.stdout.strip() == "order 1003: backorder cancelled, nothing more is owed"
    assert again.returncode == 1
    assert again.stderr.strip().endswith(
        "L'ordine 1003 non deve altri pezzi: non c'è un ordine arretrato da chiudere."
    )
    assert listed(home, "--status", "backorder") == {}
    assert "1003-B1" not in listed(home)
    verified = run_station(home, "db", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
