"""Tracking numbers: published check-digit examples, ranges that never hand out a number twice."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from station.labels.checkdigits import gs1_check_digit, s10_check_digit
from station.labels.errors import DocumentError
from station.labels.tracking import (
    NumberRange,
    RangeExhausted,
    is_valid_s10,
    is_valid_sscc,
    make_s10,
    make_sscc,
    next_number,
    s10_range,
    sscc_range,
)


@pytest.mark.parametrize(
    ("payload", "check"),
    [
        ("629104150021", 3),  # GS1's own worked GTIN-13 example
        ("590123412345", 7),  # EAN-13 5901234123457
        ("15703538141037517", 7),  # SSCC from the GS1 General Specifications
        ("950110153100", 0),
        ("9501234", 6),
    ],
)
def test_gs1_check_digit_matches_published_examples(payload: str, check: int) -> None:
    assert gs1_check_digit(payload) == check


def test_s10_check_digit_matches_upu_example() -> None:
    assert s10_check_digit("12345678") == 5
    assert make_s10("RB", 12345678, "GB") == "RB123456785GB"
    assert is_valid_s10("RB123456785GB")
    assert not is_valid_s10("RB123456786GB")


@pytest.mark.parametrize(("serial", "check"), [("00000000", 5), ("00000008", 0), ("00000001", 4)])
def test_s10_remainder_rules(serial: str, check: int) -> None:
    # UPU S10: weighted sum mod 11 of 0 gives 5, of 1 gives 0 (56 = 5*11 + 1), else 11 - rest
    assert s10_check_digit(serial) == check


def test_sscc_from_company_prefix_is_the_gs1_example() -> None:
    assert make_sscc("5703538", 141037517, extension=1) == "157035381410375177"
    assert is_valid_sscc("157035381410375177")
    assert not is_valid_sscc("157035381410375178")


def test_sscc_range_counts_serial_references_after_the_prefix() -> None:
    r = sscc_range("5703538", 1)
    first = next_number(r, None).number
    assert first.startswith("15703538")
    assert is_valid_sscc(first)
    assert next_number(r, 141037516).number == "157035381410375177"


def test_new_range_starts_at_its_first_number_and_counts_up() -> None:
    # GIVEN a BRT range of eleven numbers with a mod-7 check digit
    r = NumberRange("BRT", 1000, 1010, width=9, check="mod7")
    # WHEN two numbers are taken, passing back the stored counter
    first = next_number(r, None)
    second = next_number(r, first.counter)
    # THEN they are consecutive serials with their check digit
    assert (first.number, first.counter) == ("0000010006", 1000)
    assert second.number == f"000001001{1001 % 7}"
    assert second.counter == 1001


def test_exhausted_range_refuses_instead_of_reusing() -> None:
    r = NumberRange("GLS", 1, 3)
    with pytest.raises(RangeExhausted) as err:
        next_number(r, 3)
    assert "new range" in str(err.value)
    assert "nuova serie" in err.value.italian


def test_nearly_exhausted_range_warns_but_still_gives_a_number() -> None:
    r = NumberRange("BRT", 1, 100, warn_remaining=10)
    assert next_number(r, 80).warning is None
    alloc = next_number(r, 91)
    assert alloc.number == "092"
    assert alloc.warning is not None
    assert alloc.warning.remaining == 8
    assert "8" in alloc.warning.english
    assert "8" in alloc.warning.italian


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 50))
def test_numbers_never_repeat_within_a_range(start: int, count: int) -> None:
    r = NumberRange("SDA", start, start + 60, prefix="SD", check="luhn")
    seen: set[str] = set()
    last: int | None = None
    for _ in range(count):
        alloc = next_number(r, last)
        assert alloc.number not in seen
        seen.add(alloc.number)
        last = alloc.counter


def test_postal_s10_range_numbers_validate() -> None:
    r = s10_range("CP", "IT", first=10_000_000, last=10_000_100)
    alloc = next_number(r, None)
    assert is_valid_s10(alloc.number)
    assert alloc.number.startswith("CP10000000")
    assert alloc.number.endswith("IT")


@pytest.mark.parametrize(
    "bad",
    [
        NumberRange("BRT", 10, 5),
        NumberRange("BRT", 1, 5, prefix="a^b"),
        NumberRange("BRT", 1, 5, check="crc32"),
        NumberRange("P", 1, 5, prefix="R", suffix="IT", check="s10"),
    ],
)
def test_unusable_ranges_are_one_clear_error(bad: NumberRange) -> None:
    with pytest.raises(DocumentError) as err:
        next_number(bad, None)
    assert "settings" in str(err.value)
    assert "impostazioni" in err.value.italian
