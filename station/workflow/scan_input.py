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

SCAN_MESSAGES: dict[str, tuple[str, str]] = {
    "scan_unreadable": (
        "The scan has characters that are not text: check the scanner's keyboard layout "
        "and scan again.",
        "La lettura contiene caratteri non testuali: controlla la tastiera impostata sul "
        "lettore e scansiona di nuovo.",
    ),
    "scan_control": (
        "The scan has control characters, so it was ignored: scan again.",
        "La lettura contiene caratteri di controllo ed è stata ignorata: scansiona di nuovo.",
    ),
    "scan_too_long": (
        "The scan is too long ({length} characters, at most {limit}): it was ignored.",
        "La lettura è troppo lunga ({length} caratteri, al massimo {limit}): è stata ignorata.",
    ),
}


def scan_problem(line: str) -> str | None:
    """The code of what makes `line` unusable as a scan, or None when it may go on."""
    text = line.rstrip("\r\n")
    if len(text) > MAX_SCAN_CHARS:
        return "scan_too_long"
    if _UNREADABLE.search(text):
        return "scan_unreadable"
    if _CONTROL.search(text):
        return "scan_control"
    return None


def scan_problem_text(code: str, language: str, line: str) -> str:
    english, italian = SCAN_MESSAGES[code]
    template = italian if language == "it" else english
    return template.format(length=len(line.rstrip("\r\n")), limit=MAX_SCAN_CHARS)


def shown(text: str) -> str:
    """`text` safe to print: each control character or undecodable byte as `\\xNN`."""
    return _SHOWN.sub(lambda m: f"\\x{ord(m.group()) & 0xFF:02x}", text)
