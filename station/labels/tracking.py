"""Tracking numbers without a carrier API: ranges the courier assigns, UPU S10, SSCC-18.

Pure functions: the core keeps the last-used serial of each range in the database and passes it
in; `next_number` returns the number to print and the counter to store in the same transaction.
A number is never handed out twice: an exhausted range is an error, never a wrap-around.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from station.domain.messages import text
from station.labels.checkdigits import (
    gs1_check_digit,
    gs1_valid,
    luhn_check_digit,
    mod7_check_digit,
    mod11_check_digit,
    s10_check_digit,
)
from station.labels.errors import DocumentError

CHECK_SCHEMES = ("none", "gs1", "s10", "mod7", "mod11", "luhn")
_S10 = re.compile(r"^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$")
_AFFIX = re.compile(r"^[A-Z0-9-]{0,12}$")


class RangeExhausted(DocumentError):  # noqa: N818 - the warehouse word, not "...Error"
    """No number left in a range: the label must not be printed with a reused number."""


@dataclass(frozen=True)
class RangeWarning:
    """A range running low: shown to the user (`message(language)`), the number is still good."""

    remaining: int
    carrier: str

    def message(self, language: str = "en") -> str:
        return text("range_low", language, remaining=self.remaining, carrier=self.carrier)

    @property
    def english(self) -> str:
        return self.message("en")

    @property
    def italian(self) -> str:
        return self.message("it")


@dataclass(frozen=True)
class NumberRange:
    """A block of numbers a courier assigned to the shipper.

    The printed number is `prefix + serial (zero-padded to width) + check digit + suffix`.
    `check` names the carrier's check-digit rule; gs1/mod7/mod11/luhn run over every digit of
    prefix and serial, s10 over the 8-digit serial only (UPU S10).
    """

    carrier: str
    first: int
    last: int
    prefix: str = ""
    suffix: str = ""
    width: int = 0
    check: str = "none"
    warn_remaining: int | None = None  # default: 5 % of the range, at least 1

    @property
    def size(self) -> int:
        return self.last - self.first + 1

    @property
    def serial_width(self) -> int:
        return max(self.width, len(str(self.last)))

    @property
    def warn_at(self) -> int:
        return self.warn_remaining if self.warn_remaining is not None else max(1, self.size // 20)


@dataclass(frozen=True)
class Allocation:
    number: str
    counter: int  # store this as the range's new last-used serial
    remaining: int
    warning: RangeWarning | None = None


def check_range(r: NumberRange) -> None:
    """Raise DocumentError when a range as typed by the user cannot produce valid numbers."""
    if r.check not in CHECK_SCHEMES:
        schemes = ", ".join(CHECK_SCHEMES)
        raise DocumentError("range_bad_check", carrier=r.carrier, schemes=schemes)
    if r.first < 0 or r.last < r.first:
        raise DocumentError("range_reversed", carrier=r.carrier)
    if not (_AFFIX.match(r.prefix) and _AFFIX.match(r.suffix)):
        raise DocumentError("range_bad_affix", carrier=r.carrier)
    if r.check == "s10" and not (
        re.fullmatch("[A-Z]{2}", r.prefix)
        and re.fullmatch("[A-Z]{2}", r.suffix)
        and r.last <= 99_999_999
        and r.width in (0, 8)
    ):
        raise DocumentError("range_bad_s10", carrier=r.carrier)


def format_number(r: NumberRange, serial: int) -> str:
    """The printed tracking number for one serial of the range."""
    width = 8 if r.check == "s10" else r.serial_width
    digits = str(serial).zfill(width)
    return f"{r.prefix}{digits}{_check_digit(r, digits)}{r.suffix}"


def _check_digit(r: NumberRange, serial: str) -> str:
    if r.check == "none":
        return ""
    if r.check == "s10":
        return str(s10_check_digit(serial))
    payload = "".join(ch for ch in r.prefix + serial if ch.isdigit())
    rule = {
        "gs1": gs1_check_digit,
        "mod7": mod7_check_digit,
        "mod11": mod11_check_digit,
        "luhn": luhn_check_digit,
    }[r.check]
    return str(rule(payload))


def next_number(r: NumberRange, last_used: int | None) -> Allocation:
    """The next number after `last_used` (None: the range is new). Raises RangeExhausted."""
    check_range(r)
    serial = r.first if last_used is None else max(r.first, last_used + 1)
    if serial > r.last:
        raise RangeExhausted("range_exhausted", carrier=r.carrier, first=r.first, last=r.last)
    remaining = r.last - serial
    warning = None
    if remaining <= r.warn_at:
        warning = RangeWarning(remaining, r.carrier)
    return Allocation(format_number(r, serial), serial, remaining, warning)


# --- UPU S10 -----------------------------------------------------------------------------------


def s10_range(
    service: str, country: str, first: int = 1, last: int = 99_999_999, carrier: str = "Poste"
) -> NumberRange:
    """A postal range of S10 identifiers, e.g. service 'RB', country 'IT'."""
    r = NumberRange(
        carrier, first, last, prefix=service.upper(), suffix=country.upper(), width=8, check="s10"
    )
    check_range(r)
    return r


def make_s10(service: str, serial: int, country: str) -> str:
    """`RB` + 8 digits + check digit + `IT`, e.g. make_s10('RB', 12345678, 'GB') = RB123456785GB."""
    return format_number(s10_range(service, country), serial)


def is_valid_s10(code: str) -> bool:
    match = _S10.match(code.strip().upper())
    return bool(match) and s10_check_digit(match.group(2)) == int(match.group(3))  # type: ignore[union-attr]


# --- SSCC-18 -----------------------------------------------------------------------------------


def sscc_range(
    company_prefix: str,
    extension: int = 0,
    warn_remaining: int | None = None,
) -> NumberRange:
    """All serial references of a GS1 company prefix (7-10 digits) under one extension digit."""
    if not (company_prefix.isdigit() and 7 <= len(company_prefix) <= 10 and 0 <= extension <= 9):
        raise DocumentError("bad_gs1_prefix")
    width = 16 - len(company_prefix)
    return NumberRange(
        "SSCC",
        0,
        10**width - 1,
        prefix=f"{extension}{company_prefix}",
        width=width,
        check="gs1",
        warn_remaining=warn_remaining,
    )


def make_sscc(company_prefix: str, serial_reference: int, extension: int = 0) -> str:
    """The 18-digit SSCC (without the AI) for one serial reference."""
    r = sscc_range(company_prefix, extension)
    if not r.first <= serial_reference <= r.last:
        raise DocumentError("sscc_serial_misfit", serial=serial_reference, prefix=company_prefix)
    return format_number(r, serial_reference)


def is_valid_sscc(code: str) -> bool:
    return len(code) == 18 and gs1_valid(code)
