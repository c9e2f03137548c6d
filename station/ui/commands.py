"""Every action at the bench has a key and a command barcode, so nothing needs the mouse.

Workflow commands (NEXT, UNDO, ...) go to the engine as typed lines; window commands (QUEUE,
SETTINGS, LOCK, ...) are handled by the window. Keys avoid plain letters and digits: a wedge
scanner types those.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication


@dataclass(frozen=True)
class BenchCommand:
    word: str  # the command barcode, and the line sent to the engine for workflow commands
    key: str  # a QKeySequence string
    label: str  # source text, translated when shown
    workflow: bool = True


COMMANDS: tuple[BenchCommand, ...] = (
    BenchCommand("NEXT", "F2", "Next order"),
    BenchCommand("UNDO", "F3", "Undo last scan"),
    BenchCommand("NEWBOX", "F4", "New parcel"),
    BenchCommand("WEIGH", "F5", "Weigh parcel"),
    BenchCommand("SHORT", "F6", "Mark missing"),
    BenchCommand("HOLD", "F7", "Hold order…"),
    BenchCommand("PRINT", "F8", "Print packing slip"),
    BenchCommand("REPRINT", "F9", "Reprint labels"),
    BenchCommand("ABORT", "Ctrl+Shift+Backspace", "Put order back"),
    BenchCommand("BENCH", "Ctrl+1", "Bench", workflow=False),
    BenchCommand("QUEUE", "Ctrl+2", "Order queue", workflow=False),
    BenchCommand("SETTINGS", "Ctrl+,", "Settings…", workflow=False),
    BenchCommand("SCANTEST", "Ctrl+T", "Scanner test…", workflow=False),
    BenchCommand("PRINTERS", "Ctrl+P", "Print jobs…", workflow=False),
    BenchCommand("LEAD", "Ctrl+O", "Lead override…", workflow=False),
    BenchCommand("LOCK", "Ctrl+L", "Lock bench", workflow=False),
    BenchCommand("QUIT", "Ctrl+Q", "Quit", workflow=False),
)


def label(command: BenchCommand) -> str:
    return QCoreApplication.translate("Commands", command.label)


def window_command(text: str) -> BenchCommand | None:
    word = text.strip().upper()
    return next((c for c in COMMANDS if not c.workflow and c.word == word), None)


def _mark_for_translation() -> None:
    """Never called: lets pyside6-lupdate see the labels as source strings."""
    for text in (
        QCoreApplication.translate("Commands", "Next order"),
        QCoreApplication.translate("Commands", "Undo last scan"),
        QCoreApplication.translate("Commands", "New parcel"),
        QCoreApplication.translate("Commands", "Weigh parcel"),
        QCoreApplication.translate("Commands", "Mark missing"),
        QCoreApplication.translate("Commands", "Hold order…"),
        QCoreApplication.translate("Commands", "Print packing slip"),
        QCoreApplication.translate("Commands", "Reprint labels"),
        QCoreApplication.translate("Commands", "Put order back"),
        QCoreApplication.translate("Commands", "Bench"),
        QCoreApplication.translate("Commands", "Order queue"),
        QCoreApplication.translate("Commands", "Settings…"),
        QCoreApplication.translate("Commands", "Scanner test…"),
        QCoreApplication.translate("Commands", "Print jobs…"),
        QCoreApplication.translate("Commands", "Lead override…"),
        QCoreApplication.translate("Commands", "Lock bench"),
        QCoreApplication.translate("Commands", "Quit"),
    ):
        del text
