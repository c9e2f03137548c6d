"""A guard against a reference-counting bug in PySide6 6.12 on Python 3.11.

Measured here: every call of a Qt method that returns nothing (setText, setStyleSheet,
QTimer.start, ...) gives back `None` without taking a reference to it, so None's reference
count drops by one per call. After some thousands of calls Python aborts with "Fatal Python
error: none_dealloc". Python 3.12 made None, True and False immortal, which hides the bug
there; on 3.11 we do the same by hand, once, before the window is built.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40  # far more calls than a bench makes in years, far from overflow


def make_singletons_immortal() -> None:
    if sys.version_info >= (3, 12):
        return  # already immortal
    for singleton in (None, True, False, NotImplemented, Ellipsis):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        if refcount.value < _HEADROOM:
            refcount.value += _HEADROOM
