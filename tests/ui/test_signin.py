"""Signing in by badge or PIN, the idle lock, and a lead signing in over an operator."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from station import demo
from station.context import AppContext
from station.devices.scale import WeightReading
from station.services.orders import show_order
from station.ui.main import create_window
from station.ui.window import BenchWindow
from tests.ui.conftest import type_scan


def test_a_wrong_pin_is_refused_and_a_right_one_signs_in(qtbot: QtBot, window: BenchWindow) -> None:
    # GIVEN the sign-in screen
    assert window.stack.currentWidget() is window.signin
    # WHEN a wrong PIN is typed
    type_scan(qtbot, window.signin.pin, "1234")
    # THEN it says so and stays locked
    qtbot.waitUntil(lambda: bool(window.signin.error.text()), timeout=5000)
    assert window.operator == ""
    # WHEN marco's PIN is typed
    type_scan(qtbot, window.signin.pin, "2222")
    # THEN marco is at the bench
    qtbot.waitUntil(lambda: window.operator == "marco", timeout=5000)
    assert window.stack.currentWidget() is window.bench
    assert "marco" in window.operator_label.text()


def test_scans_do_nothing_while_locked(qtbot: QtBot, window: BenchWindow) -> None:
    # WHEN an order is scanned before anyone signed in (the badge field is not focused)
    type_scan(qtbot, window.bench.lines, "1001")
    qtbot.wait(200)
    # THEN the bench stays locked and no order is open
    assert window.stack.currentWidget() is window.signin
    assert window.view.order is None


def test_the_bench_locks_when_idle(qtbot: QtBot, bench: BenchWindow) -> None:
    # GIVEN a short idle time
    bench.idle.set_minutes(0.002)
    # THEN after it the sign-in screen is back, naming who was signed in
    qtbot.waitUntil(lambda: bench.stack.currentWidget() is bench.signin, timeout=3000)
    assert "anna" in bench.signin.hint.text()


class HeavyScale:
    """A parcel that weighs far more than it should."""

    def read_stable(self, expected_g: int | None, timeout_s: float) -> WeightReading:
        return WeightReading((expected_g or 0) + 2000)

    def close(self) -> None:
        pass


def test_a_lead_signs_in_over_the_operator_to_override_a_weight(
    qtbot: QtBot, ctx: AppContext, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    window = create_window(ctx, HeavyScale(), tmp_path / "cache")
    qtbot.addWidget(window)
    window.show()
    type_scan(qtbot, window.signin.pin, "OPANNA")
    qtbot.waitUntil(lambda: window.operator == "anna", timeout=5000)
    # GIVEN order 1001 packed and weighed 2 kg too heavy
    for code in ("1001", demo.product_ean(15)):
        with qtbot.waitSignal(window.outcome_shown, timeout=5000):
            type_scan(qtbot, window.bench.lines, code)
    type_scan(qtbot, window.bench.lines, "WEIGH")
    qtbot.waitUntil(lambda: window.view.weight_pending, timeout=5000)
    assert window.bench.banner.kind == "bad_weight"
    # WHEN the lead scans LEAD and types her PIN
    type_scan(qtbot, window.bench.lines, "LEAD")
    assert window.stack.currentWidget() is window.signin
    type_scan(qtbot, window.signin.pin, "9999")
    # THEN the weight is accepted under her name and the order is done
    qtbot.waitUntil(lambda: window.bench.banner.kind == "done", timeout=5000)
    assert "giulia" in window.operator_label.text()
    with ctx.db.read() as session:
        order = show_order(session, "1001")
    assert order is not None
    assert order["parcels"][0]["weight_override_by"] == "giulia"
    window.close()
