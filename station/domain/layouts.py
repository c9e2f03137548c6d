"""Keyboard-wedge layout fix-ups: a scanner typing for one keyboard layout into another.

A wedge scanner sends key positions, not characters. Set to US and plugged into an Italian
system, the key it presses for `-` is the one that types `'` in Italian, so `ABC-123/X` arrives as
`ABC'123-X`. `fix_layout` reverses that: each received character is traced back to the key (and
shift) the system needed for it, then read as the scanner's layout would have meant it.
Characters the system types with AltGr, or that no key maps, are left as they are.
"""

from __future__ import annotations

from functools import cache

# One row per key that differs somewhere, named by its US character:
# (key, US plain, US shift, IT plain, IT shift, IT AltGr, IT AltGr+shift)
_KEYS: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    ("`", "`", "~", "\\", "|", "", ""),
    ("1", "1", "!", "1", "!", "", ""),
    ("2", "2", "@", "2", '"', "", ""),
    ("3", "3", "#", "3", "£", "", ""),
    ("4", "4", "$", "4", "$", "", ""),
    ("5", "5", "%", "5", "%", "€", ""),
    ("6", "6", "^", "6", "&", "", ""),
    ("7", "7", "&", "7", "/", "", ""),
    ("8", "8", "*", "8", "(", "", ""),
    ("9", "9", "(", "9", ")", "", ""),
    ("0", "0", ")", "0", "=", "", ""),
    ("-", "-", "_", "'", "?", "", ""),
    ("=", "=", "+", "ì", "^", "", ""),
    ("[", "[", "{", "è", "é", "[", "{"),
    ("]", "]", "}", "+", "*", "]", "}"),
    (";", ";", ":", "ò", "ç", "@", ""),
    ("'", "'", '"', "à", "°", "#", ""),
    ("\\", "\\", "|", "ù", "§", "", ""),
    (",", ",", "<", ",", ";", "", ""),
    (".", ".", ">", ".", ":", "", ""),
    ("/", "/", "?", "-", "_", "", ""),
)

LAYOUTS = ("us", "it")
Level = int  # 0 plain, 1 shift, 2 AltGr, 3 AltGr+shift


@cache
def _typed(layout: str) -> dict[tuple[str, Level], str]:
    """(key, level) -> the character that layout types."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown keyboard layout {layout!r}: use one of {', '.join(LAYOUTS)}")
    table: dict[tuple[str, Level], str] = {}
    for key, us, us_shift, it, it_shift, it_altgr, it_altgr_shift in _KEYS:
        chars = (
            (us, us_shift, "", "") if layout == "us" else (it, it_shift, it_altgr, it_altgr_shift)
        )
        for level, char in enumerate(chars):
            if char:
                table[(key, level)] = char
    return table


@cache
def _keys_for(layout: str) -> dict[str, tuple[str, Level]]:
    """character -> the (key, level) that types it, plain and shift first."""
    found: dict[str, tuple[str, Level]] = {}
    for (key, level), char in sorted(_typed(layout).items(), key=lambda kv: kv[0][1]):
        found.setdefault(char, (key, level))
    return found


def fix_layout(text: str, scanner: str = "us", system: str = "us") -> str:
    """What the scanner meant, given what a `system` layout typed for a `scanner` layout."""
    if scanner == system:
        return text
    typed, keys = _typed(scanner), _keys_for(system)
    return "".join(_fix_char(c, typed, keys) for c in text)


def _fix_char(
    char: str, typed: dict[tuple[str, Level], str], keys: dict[str, tuple[str, Level]]
) -> str:
    key = keys.get(char)
    if key is None or key[1] >= 2:
        return char  # letters, space, and AltGr characters the scanner never meant
    return typed.get(key, char)


def as_typed(text: str, scanner: str = "us", system: str = "us") -> str:
    """The inverse: what `system` shows when a `scanner`-layout device types `text` (for tests)."""
    if scanner == system:
        return text
    return fix_layout(text, scanner=system, system=scanner)
