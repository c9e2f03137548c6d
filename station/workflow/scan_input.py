"""A scanned line is untrusted bytes: a scanner in the wrong keyboard layout, a damaged label or
a pasted file can send anything. Before a line reaches the engine it is checked here, and what
a front end shows of it is made harmless (no raw control characters: a terminal would obey
them)."""

from __future__ import annotations

import re

# GS1 DataMatrix holds at most 2335 characters; anything longer is not a scan.
MAX_SCAN_CHARS = 2400
GS = "\x1d"  # the GS1 field separator: the one control character a scan may carry

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1c\x1e-\x1f\x7f-\x9f]")
_UNREADABLE = re.compile(r"[\ud800-\udfff\ufffd]")  # bytes that were not UTF-8
_SHOWN = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def scan_problem(line: str) -> str | None:
    """The message code of what makes `line` unusable as a scan (its sentence takes `length`
    and `limit`), or None when it may go on."""
    text = line.rstrip("\r\n")
    if len(text) > MAX_SCAN_CHARS:
        return "scan_too_long"
    if _UNREADABLE.search(text):
        return "scan_unreadable"
    if _CONTROL.search(text):
        return "scan_control"
    return None


def shown(text: str) -> str:
    """`text` safe to print: each control character or undecodable byte as `\\xNN`."""
    return _SHOWN.sub(lambda m: f"\\x{ord(m.group()) & 0xFF:02x}", text)
