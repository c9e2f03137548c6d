"""The hold reason dialog, big enough to read from a metre and to type a reason in."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class HoldDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hold order"))
        self.reason = QLineEdit()
        self.reason.setMinimumWidth(600)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Reason:"), buddy=self.reason))
        layout.addWidget(self.reason)
        layout.addWidget(buttons)

    def textValue(self) -> str:  # noqa: N802 - as QInputDialog, which it replaces
        return self.reason.text()

    def setTextValue(self, text: str) -> None:  # noqa: N802
        self.reason.setText(text)


def hold_dialog(parent: QWidget) -> HoldDialog:
    return HoldDialog(parent)


def ask_hold_reason(parent: QWidget) -> str | None:
    """The reason typed, or None when the operator cancelled."""
    dialog = HoldDialog(parent)
    accepted = dialog.exec()
    reason = dialog.textValue()
    dialog.deleteLater()
    return reason if accepted else None
