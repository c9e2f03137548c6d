"""Type sizes for reading from a metre away: the dialogs' and the queue's."""

from __future__ import annotations

# Every dialog (print jobs, hold reason, settings, scanner test, message boxes) and what is in
# it. A widget's own stylesheet (the scan notice, the banner) still wins: it is more specific.
DIALOGS = """
QDialog, QDialog QWidget { font-size: 15pt; }
QDialog QHeaderView::section { font-size: 14pt; font-weight: bold; }
"""
QUEUE_POINT_SIZE = 14
QUEUE_ROW_HEIGHT = 40
