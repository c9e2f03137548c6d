"""The Qt binding must not leak or drop references on the calls a bench makes all shift.

PySide6 6.12.0 on Python 3.11 drops one reference to None per call of a method returning
nothing, and the process aborts after some thousands of calls; pyproject keeps it out.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel


def test_void_calls_keep_the_reference_count_of_none(qapp: QApplication) -> None:
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("OK")
    assert sys.getrefcount(None) - before > -100
