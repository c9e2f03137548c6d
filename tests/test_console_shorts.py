"""Shorts, holds, releases and reprints at a console bench in a real process, in English and
Italian, then the database, the listing and `station db verify` read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tomli_w
from sqlalchemy import select

from station.app import open_home
from station.db.models import Order, OutboxEntry
from station.demo import SHAPED_ORDERS
from station.domain import OrderStatus, OutboxKind
from tests.console_process import ean_of, run_station
from tests.console_process import run_console as console

pytestmark = pytest.mark.slow


def answers(out: list[str]) -> list[str]:
    """The OK/ERROR/DONE lines, by their word and code."""
    return [
        " ".join(line.split()[:2]) for line in out if line.split()[0] in ("OK", "ERROR", "DONE")
    ]


def test_a_short_pick_is_asked_confirmed_shipped_and_kept_as_a_backorder(tmp_path: Path) -> None:
    # GIVEN order 1003 (1 mug, 2 t-shirts, ...) with only the mug found
    home = tmp_path / "bench"
    # WHEN the operator presses SHORT, gives the reason, confirms, and weighs
    out = console(home, ["1003", ean_of("MUG-02"), "SHORT", "OUT", "SHORT", "WEIGH"])
    # THEN each step answers in turn, and the order ships
    assert answers(out)[1:5] == [
        "OK unit_ok",
        "OK short_asked",
        "OK short_reason_taken",
        "OK shorted",
    ]
    assert "PROMPT short_reason_prompt" in " ".join(out)
    assert any(line.startswith("DONE 1003") for line in out), out
    # AND the listing shows what it still owes, as does `orders list --status backorder`
    listed = json.loads(run_station(home, "orders", "list", "--json").stdout)
    owed = {row["number"]: row["backorder"] for row in listed if row["backorder"]}
    ordered = sum(quantity for _, quantity in SHAPED_ORDERS["1003"])
    assert owed == {"1003": ordered - 1}  # every unit but the mug
    backorders = run_station(home, "orders", "list", "--status", "backorder").stdout
    assert "1003" in backorders
    assert "1001" not in backorders
    # AND the shop is told, with the shipped status, which units are owed
    with open_home(home) as ctx, ctx.db.read() as s:
        order = s.scalars(select(Order).where(Order.number == "1003")).one()
        assert order.status == OrderStatus.SHIPPED
        shipped = s.scalars(
            select(OutboxEntry).where(
                OutboxEntry.order_id == order.id, OutboxEntry.kind == OutboxKind.ORDER_SHIPPED
            )
        ).one()
        told = {item["sku"]: item["quantity"] for item in shipped.payload["backorder"]}
        assert told == {ln.sku: ln.quantity - ln.verified_qty for ln in order.lines if ln.short_qty}
    # AND a replay of the log gives the same tables
    verified = run_station(home, "db", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_short_with_nothing_scanned_asks_before_holding_the_order(tmp_path: Path) -> None:
    # GIVEN order 1001 opened, nothing scanned
    home = tmp_path / "bench"
    # WHEN SHORT is pressed once (and the console ends there)
    out = console(home, ["1001", "SHORT"])
    # THEN the bench says the whole order would be held, and it is still open here
    assert answers(out)[-1] == "OK short_asked_hold"
    shown = json.loads(run_station(home, "orders", "show", "1001", "--json").stdout)
    assert shown["status"] == "packing"
    # WHEN the bench restarts, and SHORT comes with a reason
    out = console(home, ["SHORT NOTFOUND"])
    # THEN the question is still asked at start, the reason confirms it, and the order is held
    assert out[1].startswith("PROMPT short_reason_prompt"), out
    assert answers(out) == ["OK shorted_held", "OK held"]
    shown = json.loads(run_station(home, "orders", "show", "1001", "--json").stdout)
    assert shown["status"] == "held"
    assert shown["hold"]["code"] == "hold_nothing_packed"


def test_a_lead_approves_a_short_when_the_bench_asks_for_one(tmp_path: Path) -> None:
    # GIVEN a bench set to need a lead's approval for shorts
    home = tmp_path / "bench"
    home.mkdir()
    (home / "station.toml").write_text(tomli_w.dumps({"short_needs_lead": True}))
    # WHEN a short is confirmed, a wrong PIN and then the lead's are given
    out = console(
        home,
        ["1002", ean_of("MUG-01"), "SHORT OUT", "SHORT", "OVERRIDE 1111", "OVERRIDE 9999"],
    )
    # THEN only the lead's PIN marks the units missing
    assert answers(out)[-3:] == ["OK short_needs_lead", "ERROR bad_pin", "OK shorted"]
    assert "PROMPT short_lead_prompt" in " ".join(out)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "Nothing to reprint: no order has been packed at this bench yet"),
        ("it", "Niente da ristampare: nessun ordine è ancora stato imballato a questo banco"),
    ],
)
def test_reprint_after_a_hold_says_there_is_nothing_to_reprint(
    tmp_path: Path, lang: str, sentence: str
) -> None:
    # GIVEN a bench that held its only order
    home = tmp_path / "bench"
    # WHEN REPRINT is scanned after the hold
    out = console(home, ["1001", ean_of("TSH-01"), "HOLD", "REPRINT"], lang=lang)
    # THEN it says so plainly, and nothing is printed
    assert answers(out)[-1] == "ERROR nothing_to_reprint"
    assert sentence in out[-2] or sentence in " ".join(out)
    assert not [line for line in out if line.startswith("PRINT")]


def test_a_lead_releases_a_held_order_at_the_bench(tmp_path: Path) -> None:
    # GIVEN the demo's order 1007, held ("indirizzo da verificare")
    home = tmp_path / "bench"
    # WHEN RELEASE 1007 is scanned, a wrong PIN given, then the lead's
    out = console(home, ["RELEASE 1007", "OVERRIDE 2222", "OVERRIDE 9999"])
    # THEN the bench asks for a lead, refuses an operator's PIN and releases with the lead's
    assert answers(out) == ["OK release_asked", "ERROR bad_pin", "OK released_at_bench"]
    assert "giulia" in out[-2] or "giulia" in " ".join(out)
    shown = json.loads(run_station(home, "orders", "show", "1007", "--json").stdout)
    assert shown["status"] == "queued"
    assert shown["hold"] is None
    # AND the bench can now open it
    assert answers(console(home, ["1007"]))[0] == "OK order_opened"


def test_a_release_asked_before_a_restart_still_waits_for_the_leads_pin(tmp_path: Path) -> None:
    # GIVEN order 1001 held at the bench, and RELEASE 1001 asked, the PIN not given yet
    home = tmp_path / "bench"
    console(home, ["1001", ean_of("TSH-01"), "HOLD", "RELEASE 1001"])
    # WHEN the bench restarts and the lead gives the PIN
    out = console(home, ["OVERRIDE 9999"])
    # THEN the bench asks for it at start, and the order is released
    assert out[0].startswith("PROMPT scan_order"), out
    assert out[1].startswith("PROMPT release_pin"), out
    assert answers(out) == ["OK released_at_bench"]
    shown = json.loads(run_station(home, "orders", "show", "1001", "--json").stdout)
    assert shown["status"] == "queued"
