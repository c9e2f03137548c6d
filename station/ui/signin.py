"""Sign-in: scan a badge or type a PIN. Also the lock screen, and a lead's override sign-in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget


class SignInScreen(QWidget):
    entered = Signal(str, str)  # purpose ("operator" or "lead"), badge or PIN
    cancelled = Signal()  # Esc on the lead sign-in: back to the bench

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.purpose = "operator"
        self.last_entry = ""
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSize(28)
        font.setBold(True)
        self.title.setFont(font)
        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        hint_font = self.hint.font()
        hint_font.setPointSize(16)
        self.hint.setFont(hint_font)
        self.demo_people = QLabel()  # the demo's badges and PINs: a demo has nobody to ask
        self.demo_people.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_people.setWordWrap(True)
        self.demo_people.setStyleSheet(
            "background: #fff8e1; color: #3e2723; font-size: 15pt; padding: 8px;"
        )
        self.demo_people.hide()
        self.error = QLabel()
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error.setStyleSheet("color: #b71c1c; font-size: 18pt; font-weight: bold;")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.setMaximumWidth(320)
        pin_font = self.pin.font()
        pin_font.setPointSize(24)
        self.pin.setFont(pin_font)
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.pin.returnPressed.connect(self._submit)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addSpacing(24)
        layout.addWidget(self.pin, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.error)
        layout.addSpacing(16)
        layout.addWidget(self.demo_people, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.ask("operator")
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self._cancel)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def show_demo_people(self, people: list[tuple[str, str, str, bool]]) -> None:
        """(name, badge, PIN, is a lead) of the demo's staff, shown under the PIN field."""
        lines = [self.tr("Demo: scan a badge or type a PIN")]
        for name, badge, pin, lead in people:
            role = self.tr("lead") if lead else self.tr("operator")
            lines.append(self.tr("{0} ({1}): badge {2}, PIN {3}").format(name, role, badge, pin))
        self.demo_people.setText("\n".join(lines))
        self.demo_people.show()

    def _cancel(self) -> None:
        if self.purpose == "lead":
            self.cancelled.emit()

    def ask(self, purpose: str, locked_by: str = "") -> None:
        self.purpose = purpose
        self.pin.clear()
        self.error.clear()
        if purpose == "lead":
            self.title.setText(self.tr("Lead sign-in"))
            self.hint.setText(
                self.tr("A lead types their PIN to override. Esc goes back to the bench.")
            )
        elif locked_by:
            self.title.setText(self.tr("Bench locked"))
            self.hint.setText(
                self.tr("{0} was signed in. Scan your badge or type your PIN and Enter.").format(
                    locked_by
                )
            )
        else:
            self.title.setText(self.tr("Sign in"))
            self.hint.setText(self.tr("Scan your badge, or type your PIN and press Enter."))

    def show_error(self, text: str) -> None:
        self.pin.clear()
        self.error.setText(text)

    def take_scan(self, code: str) -> None:
        """A badge scanned while the PIN field did not have focus."""
        self.last_entry = code
        self.entered.emit(self.purpose, code)

    def _submit(self) -> None:
        text = self.pin.text()
        self.pin.clear()
        if text.strip():
            self.last_entry = text
            self.entered.emit(self.purpose, text)
