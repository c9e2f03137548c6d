"""Check digits of the identifiers we print: GS1 mod 10 (GTIN, SSCC, GLN) and UPU S10."""

from __future__ import annotations

S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def gs1_check_digit(payload: str) -> int:
    """GS1 General Specifications §7.9.1: weights 3,1,3,… from the rightmost payload digit."""
    if not payload.isdigit():
        raise ValueError(f"GS1 payload must be digits: {payload!r}")
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(payload)))
    return (10 - total % 10) % 10


def gs1_valid(code: str) -> bool:
    return len(code) > 1 and code.isdigit() and gs1_check_digit(code[:-1]) == int(code[-1])


def s10_check_digit(serial8: str) -> int:
    """UPU S10: weights 8,6,4,2,3,5,9,7; 11 - sum mod 11, with 10 -> 0 and 11 -> 5."""
    if len(serial8) != 8 or not serial8.isdigit():
        raise ValueError(f"S10 serial must be 8 digits: {serial8!r}")
    check = 11 - sum(int(d) * w for d, w in zip(serial8, S10_WEIGHTS, strict=True)) % 11
    return 0 if check == 10 else 5 if check == 11 else check


def mod11_check_digit(payload: str) -> int:
    """Plain mod 11 with weights 2..7 from the right (remainder 0 or 1 gives 0)."""
    total = sum(int(d) * (2 + i % 6) for i, d in enumerate(reversed(payload)))
    check = 11 - total % 11
    return 0 if check >= 10 else check


def mod7_check_digit(payload: str) -> int:
    """Remainder of the number divided by 7, used by several courier series."""
    return int(payload) % 7


def luhn_check_digit(payload: str) -> int:
    total = 0
    for i, d in enumerate(reversed(payload)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return (10 - total % 10) % 10
