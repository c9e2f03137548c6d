"""Scanned codes: AIM symbology, GS1 via biip, GTIN keys, and keyboard-layout fix-ups."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from station.domain.barcodes import (
    decode_scan,
    decode_typed,
    fix_layout,
    gtin_check_digit,
    normalize_code,
    symbology_name,
)
from station.domain.layouts import as_typed

GS = "\x1d"


@pytest.mark.parametrize(
    ("raw", "aim", "symbology", "key"),
    [
        ("]E05901234123457", "]E0", "EAN-13/UPC", "05901234123457"),
        ("]E496385074", "]E4", "EAN-8", "00000096385074"),
        ("]C0ABC-123", "]C0", "Code 128", "ABC-123"),
        ("]Q1https://example.com", "]Q1", "QR Code", "https://example.com"),
        ("5901234123457", None, None, "05901234123457"),
    ],
)
def test_aim_prefix_names_the_symbology(
    raw: str, aim: str | None, symbology: str | None, key: str
) -> None:
    code = decode_scan(raw)
    assert (code.aim, code.symbology, code.key) == (aim, symbology, key)


@pytest.mark.parametrize("aim", ["]C1", "]d2", "]Q3"])
def test_gs1_codes_give_gtin_lot_expiry_serial(aim: str) -> None:
    # GIVEN a GS1 code with GTIN, expiry, lot (variable, so GS-terminated) and serial
    raw = f"{aim}0107032069804988172512311012AB{GS}21XYZ9"
    # WHEN decoded
    code = decode_scan(raw)
    # THEN each element is where the bench expects it
    assert code.is_gs1
    assert code.gtin14 == "07032069804988"
    assert code.expiry == dt.date(2025, 12, 31)
    assert (code.lot, code.serial) == ("12AB", "XYZ9")
    assert code.symbology == symbology_name(aim)


def test_gs_stand_ins_are_read_as_gs() -> None:
    code = decode_scan("]C1010703206980498810LOT1<GS>21S1")
    assert (code.lot, code.serial) == ("LOT1", "S1")


def test_unknown_aim_letter_falls_back_to_its_family() -> None:
    assert symbology_name("]C4") == "Code 128"
    assert symbology_name(None) is None


def test_check_digits_and_normalisation() -> None:
    assert gtin_check_digit("590123412345") == 7
    assert gtin_check_digit("15703538141037517") == 7
    assert normalize_code("5901234123457") == "05901234123457"
    assert normalize_code("5901234123458") == "5901234123458"  # bad check digit: kept as text


@pytest.mark.parametrize(
    ("meant", "typed", "scanner", "system"),
    [
        ("ABC-123/X", "ABC'123-X", "us", "it"),
        ("ABC-123/X", "ABC/123&X", "it", "us"),
        ("]C1", "+C1", "us", "it"),
        ("SKU_7:A", "SKU?7çA", "us", "it"),
        ("a@b.it", 'a"b.it', "us", "it"),
        ("1250", "1250", "it", "us"),
    ],
)
def test_fix_layout_recovers_what_the_scanner_meant(
    meant: str, typed: str, scanner: str, system: str
) -> None:
    # GIVEN what a system with one layout typed for a scanner set to another
    assert as_typed(meant, scanner, system) == typed
    # WHEN fixed THEN the scanner's code comes back
    assert fix_layout(typed, scanner=scanner, system=system) == meant


def test_same_layout_is_left_alone_and_unknown_layout_is_refused() -> None:
    assert fix_layout("x-y", "it", "it") == "x-y"
    with pytest.raises(ValueError, match="unknown keyboard layout"):
        fix_layout("x", scanner="de", system="it")


def test_wedge_and_serial_paths_give_the_same_code() -> None:
    # GIVEN a GS1-128 scan whose scanner replaces GS by a visible stand-in (wedges lose GS)
    serial_raw = f"]C10107032069804988172512311012AB{GS}21XYZ9"
    wedge_meant = serial_raw.replace(GS, "<GS>")
    typed = as_typed(wedge_meant, "us", "it")
    # WHEN one arrives on the serial line and the other typed through an Italian layout
    from_serial = decode_scan(serial_raw)
    from_wedge = decode_typed(typed, scanner_layout="us", system_layout="it")
    # THEN the bench sees the same code
    assert (from_wedge.gtin14, from_wedge.lot, from_wedge.serial, from_wedge.expiry) == (
        from_serial.gtin14,
        from_serial.lot,
        from_serial.serial,
        from_serial.expiry,
    )
    assert from_wedge.aim == from_serial.aim == "]C1"


PRINTABLE = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=30)


@settings(max_examples=100, deadline=None)
@given(text=PRINTABLE)
def test_us_scanner_on_italian_system_round_trips_any_printable_code(text: str) -> None:
    assert fix_layout(as_typed(text, "us", "it"), scanner="us", system="it") == text


@settings(max_examples=100, deadline=None)
@given(raw=st.text(max_size=60))
def test_decode_scan_never_raises(raw: str) -> None:
    assert isinstance(decode_scan(raw).key, str)
