"""The lead console's keyboard path, key by key: Ctrl+M asks for a bench, Ctrl+H for a reason,
Ctrl+I for a priority; each answer is typed into the dialog and confirmed with Enter, or
abandoned with Escape, against a real database."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from station.context import AppContext
from station.db.models import Bench
from station.domain import OrderStatus
from station.ui.lead_window import LeadConsole
from tests.ui.test_lead_console import order_row, select_order

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def console(qtbot: QtBot, ctx: AppContext) -> Iterator[LeadConsole]:
    with ctx.db.write() as session:
        session.add(Bench(name="bench-2"))
    lead = LeadConsole(ctx, "giulia")
    qtbot.addWidget(lead)
    lead.resize(1100, 700)
    lead.show()
    lead.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: len(lead.clock_model.rows) > 5, timeout=5000)
    qtbot.waitUntil(lambda: "bench-2" in [r.bench for r in lead.board_model.rows], timeout=5000)
    yield lead
    lead.close()


def when_asked(qtbot: QtBot, answer: Callable[[QtBot, QInputDialog], None]) -> list[str]:
    """Answer the next input dialog as the lead would, by keys; returns its title once shown."""
    titles: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog) or not dialog.isVisible():
            QTimer.singleShot(20, look)
            return
        titles.append(dialog.windowTitle())
        answer(qtbot, dialog)

    QTimer.singleShot(0, look)
    return titles


def press(qtbot: QtBot, console: LeadConsole, key: Qt.Key) -> None:
    """Ctrl+key in the console, once it is the active window again (a dialog just closed)."""
    console.activateWindow()
    qtbot.waitUntil(console.isActiveWindow)
    qtbot.keyClick(console.clock_view, key, CTRL)


def test_ctrl_m_moves_the_selected_order_to_the_bench_picked_by_keys(
    qtbot: QtBot, ctx: AppContext, console: LeadConsole
) -> None:
    # GIVEN 1002 selected in the queue
    select_order(console.clock_view, console.clock_model, "1002")
    offered: list[str] = []

    def pick_bench_2(qtbot: QtBot, dialog: QInputDialog) -> None:
        combo = dialog.findChild(QComboBox)
        offered.extend(combo.itemText(i) for i in range(combo.count()))
        while combo.currentText() != "bench-2":
            qtbot.keyClick(combo, Qt.Key.Key_Down)
        qtbot.keyClick(combo, Qt.Key.Key_Return)

    titles = when_asked(qtbot, pick_bench_2)
    # WHEN the lead presses Ctrl+M, arrows down to bench-2 and presses Enter
    with qtbot.waitSignal(console.said, timeout=5000) as said:
        press(qtbot, console, Qt.Key.Key_M)
    # THEN the dialog named the order and offered every bench; the order waits at bench-2
    assert titles == ["Move order 1002"]
    assert offered == [r.bench for r in console.board_model.rows]
    assert said.args == [True, "order 1002 assigned to bench bench-2"]
    assert order_row(ctx, "1002")[:2] == (OrderStatus.QUEUED, "bench-2")


def test_ctrl_h_holds_with_the_reason_typed_and_escape_holds_nothing(
    qtbot: QtBot, ctx: AppContext, console: LeadConsole
) -> None:
    select_order(console.clock_view, console.clock_model, "1003")

    def escape(qtbot: QtBot, dialog: QInputDialog) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit), "never mind")
        qtbot.keyClick(dialog.findChild(QLineEdit), Qt.Key.Key_Escape)

    # WHEN the lead presses Ctrl+H, starts typing and changes their mind (Escape)
    titles = when_asked(qtbot, escape)
    press(qtbot, console, Qt.Key.Key_H)
    # THEN nothing was held
    assert titles == ["Hold order 1003"]
    qtbot.wait(200)
    assert order_row(ctx, "1003")[0] == OrderStatus.QUEUED

    def type_reason(qtbot: QtBot, dialog: QInputDialog) -> None:
        field = dialog.findChild(QLineEdit)
        qtbot.keyClicks(field, "wet carton")
        qtbot.keyClick(field, Qt.Key.Key_Return)

    # WHEN the lead presses Ctrl+H again, types the reason and presses Enter
    when_asked(qtbot, type_reason)
    with qtbot.waitSignal(console.said, timeout=5000) as said:
        press(qtbot, console, Qt.Key.Key_H)
    # THEN it is held for that reason
    assert said.args == [True, "order 1003 held: wet carton"]
    assert order_row(ctx, "1003")[0] == OrderStatus.HELD
    assert order_row(ctx, "1003")[3] == "hold_note"


def test_ctrl_i_sets_the_priority_typed(
    qtbot: QtBot, ctx: AppContext, console: LeadConsole
) -> None:
    select_order(console.clock_view, console.clock_model, "1004")

    def type_twelve(qtbot: QtBot, dialog: QInputDialog) -> None:
        spin = dialog.findChild(QSpinBox)
        spin.selectAll()
        qtbot.keyClicks(spin, "12")
        qtbot.keyClick(spin, Qt.Key.Key_Return)

    titles = when_asked(qtbot, type_twelve)
    # WHEN the lead presses Ctrl+I, types 12 and presses Enter
    with qtbot.waitSignal(console.said, timeout=5000) as said:
        press(qtbot, console, Qt.Key.Key_I)
    # THEN the order has priority 12, and heads the queue
    assert titles == ["Priority of order 1004"]
    assert said.args == [True, "order 1004 now has priority 12"]
    assert order_row(ctx, "1004")[2] == 12
    qtbot.waitUntil(lambda: console.clock_model.rows[0].number == "1004", timeout=5000)


def test_a_key_with_no_order_selected_asks_for_one_and_opens_nothing(
    qtbot: QtBot, console: LeadConsole
) -> None:
    # GIVEN nothing selected
    console.clock_view.clearSelection()
    # WHEN the lead presses Ctrl+M
    with qtbot.waitSignal(console.said, timeout=5000) as said:
        press(qtbot, console, Qt.Key.Key_M)
    # THEN the console says to select an order first, and no dialog opened
    assert said.args == [
        False,
        "Select an order first (in the queue, or a bench with an order on the board).",
    ]
    assert QApplication.activeModalWidget() is None
