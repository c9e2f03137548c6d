"""Locks the bench after a while without a key press, a click or a scan."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel)


class IdleLock(QObject):
    idle = Signal()

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: float) -> None:
        """0 never locks."""
        self._timer.stop()
        self._enabled = minutes > 0
        if self._enabled:
            self._timer.setInterval(int(minutes * 60_000))
            self._timer.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if self._enabled and event.type() in _ACTIVITY:
            self._timer.start()
        return False
