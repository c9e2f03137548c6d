"""Every scale protocol, byte by byte: the frames the host sends, the frames a scale answers."""

from __future__ import annotations

import pytest

from station.devices.protocols import PROTOCOLS, FrameKind, ScaleFrame, cas, mtsics, nci, toledo8217
from station.devices.protocols import toledo_continuous as tc
from station.devices.scale import ScaleState

STABLE, MOTION = ScaleState.STABLE, ScaleState.MOTION
OVERLOAD, UNDERLOAD, ERROR = ScaleState.OVERLOAD, ScaleState.UNDERLOAD, ScaleState.ERROR


def reading(state: ScaleState, grams: int | None = None, **kw: object) -> ScaleFrame:
    return ScaleFrame(FrameKind.READING, state, grams, **kw)  # type: ignore[arg-type]


# --- MT-SICS -------------------------------------------------------------------------------


def test_mtsics_host_commands_are_exact_bytes() -> None:
    # GIVEN the commands the driver and the probe send
    # THEN they are the ASCII commands of the spec, each ending CR LF
    assert mtsics.SEND_STABLE == b"S\r\n"
    assert mtsics.SEND_IMMEDIATE == b"SI\r\n"
    assert mtsics.SEND_REPEAT == b"SIR\r\n"
    assert (mtsics.ZERO, mtsics.TARE, mtsics.RESET) == (b"Z\r\n", b"T\r\n", b"@\r\n")
    assert PROTOCOLS["mt-sics"].start == b"SIR\r\n"


def test_mtsics_encoder_writes_the_balance_frame() -> None:
    assert mtsics.encode_weight(256) == b"S S      0.256 kg\r\n"
    assert mtsics.encode_weight(1250, stable=False) == b"S D      1.250 kg\r\n"
    assert mtsics.encode_weight(100, unit="g") == b"S S        100 g\r\n"
    assert mtsics.encode_tare_done(500) == b"T S      0.500 kg\r\n"
    assert mtsics.encode_reset_reply("B207696838") == b'I4 A "B207696838"\r\n'


@pytest.mark.parametrize(
    ("wire", "frame"),
    [
        (b"S S      0.256 kg\r\n", reading(STABLE, 256)),
        (b"S D      1.250 kg\r\n", reading(MOTION, 1250)),
        (b"S S     100.00 g\r\n", reading(STABLE, 100)),
        (b"S S     -0.256 kg\r\n", reading(STABLE, -256)),
        (b"S S   -   0.256 kg\r\n", reading(STABLE, -256)),
        (b"S S      2.000 lb\r\n", reading(STABLE, 907)),
        (b"S S     10.000 oz\r\n", reading(STABLE, 283)),
        (b"S +\r\n", reading(OVERLOAD)),
        (b"S -\r\n", reading(UNDERLOAD)),
        (b"S I\r\n", ScaleFrame(FrameKind.BUSY)),
        (b"S S    Error 12t\r\n", reading(ERROR, detail="error 12t")),
        (b"S S      1.000 ct\r\n", reading(ERROR, detail="unit ct not supported")),
        (b"ES\r\n", reading(ERROR, detail="ES: syntax error")),
        (b"ET\r\n", reading(ERROR, detail="ET: transmission error")),
        (b"EL\r\n", reading(ERROR, detail="EL: logical error")),
        (b"Z A\r\n", ScaleFrame(FrameKind.DONE, detail="zero")),
        (b"Z I\r\n", ScaleFrame(FrameKind.REFUSED, detail="zero busy")),
        (b"Z +\r\n", ScaleFrame(FrameKind.REFUSED, detail="zero above range")),
        (b"T S      0.500 kg\r\n", ScaleFrame(FrameKind.DONE, detail="tare", tare_g=500)),
        (b"T -\r\n", ScaleFrame(FrameKind.REFUSED, detail="tare below range")),
        (b'I4 A "B207696838"\r\n', ScaleFrame(FrameKind.INFO, detail='I4 A "B207696838"')),
    ],
)
def test_mtsics_parser_reads_each_reply(wire: bytes, frame: ScaleFrame) -> None:
    # GIVEN a fresh parser WHEN one reply arrives THEN it yields exactly that frame
    parser = mtsics.MtSicsParser()
    assert parser.feed(wire) == [frame]
    assert parser.garbage_bytes == 0


def test_mtsics_frame_split_across_reads_is_joined() -> None:
    parser = mtsics.MtSicsParser()
    assert parser.feed(b"S S    ") == []
    assert parser.feed(b"  0.256 kg\r") == []
    assert parser.feed(b"\n") == [reading(STABLE, 256)]


def test_mtsics_noise_line_is_counted_and_the_next_frame_still_reads() -> None:
    parser = mtsics.MtSicsParser()
    frames = parser.feed(b"\x00\xffxx\r\nS S      0.256 kg\r\n")
    assert frames == [reading(STABLE, 256)]
    assert parser.garbage_bytes == 6


# --- Toledo 8217 ---------------------------------------------------------------------------


def test_8217_commands_and_line_settings() -> None:
    proto = PROTOCOLS["toledo-8217"]
    assert (proto.bytesize, proto.parity, proto.baudrate) == (7, "E", 9600)
    assert (proto.poll, proto.zero, proto.tare) == (b"W", b"Z", b"T")
    assert proto.probe == b"Ehello"
    assert toledo8217.CLEAR_TARE == b"C"


def test_8217_encoder_writes_stx_weight_cr() -> None:
    assert toledo8217.encode_weight(0) == b"\x0200.000\r"
    assert toledo8217.encode_weight(1250) == b"\x0201.250\r"
    assert toledo8217.encode_weight(1250, net=True) == b"\x0201.250N\r"
    assert toledo8217.encode_status(toledo8217.MOVING) == b"\x02?A\r"


@pytest.mark.parametrize(
    ("wire", "frame"),
    [
        (b"\x0201.250\r", reading(STABLE, 1250, flagged=False)),
        (b"\x02 1.250N\r", reading(STABLE, 1250, flagged=False)),
        (b"\x02?B\r", reading(OVERLOAD)),
        (b"\x02?D\r", reading(UNDERLOAD)),
        (b"\x02?H\r", reading(ERROR, detail="outside zero range")),
        (b"\x02?A\r", reading(MOTION)),
        (b"\x02?@\r", ScaleFrame(FrameKind.INFO, detail="status ok")),
        (b"\x02E\r", ScaleFrame(FrameKind.INFO, detail="probe echo")),
    ],
)
def test_8217_parser_reads_each_reply(wire: bytes, frame: ScaleFrame) -> None:
    assert toledo8217.Toledo8217Parser().feed(wire) == [frame]


def test_8217_all_clear_status_repeats_the_last_weight() -> None:
    # GIVEN a scale that sends the weight once, then only an all-clear status
    parser = toledo8217.Toledo8217Parser()
    parser.feed(b"\x0201.250\r")
    # WHEN the status comes THEN it reads as the same weight, still for the driver to confirm
    assert parser.feed(b"\x02?@\r") == [reading(STABLE, 1250, flagged=False)]
    assert parser.feed(b"\x02?A\r") == [reading(MOTION, 1250)]


def test_8217_parser_in_pounds() -> None:
    assert toledo8217.Toledo8217Parser(unit="lb").feed(b"\x0202.00\r")[0].grams == 907


# --- Toledo continuous ---------------------------------------------------------------------

EXAMPLE = b"\x02,0 001234000000\r+"  # 12.34 kg, gross, stable, with checksum


def test_continuous_encoder_matches_the_reference_frames() -> None:
    assert tc.encode(tc.ContinuousFrame(1234, decimals=2)) == EXAMPLE
    moving = tc.encode(tc.ContinuousFrame(1234, decimals=2, motion=True))
    assert moving == b"\x02,8 001234000000\r#"
    assert tc.encode_grams(1250, checksum=False) == b"\x02-0 001250000000\r"
    assert sum(tc.encode_grams(1250)) & 0x7F == 0


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        (tc.ContinuousFrame(1234, decimals=2), reading(STABLE, 12340, tare_g=0)),
        (tc.ContinuousFrame(1234, decimals=2, motion=True), reading(MOTION, 12340, tare_g=0)),
        (tc.ContinuousFrame(1250, 200, decimals=3, net=True), reading(STABLE, 1250, tare_g=200)),
        (tc.ContinuousFrame(5, decimals=0, negative=True), reading(STABLE, -5000, tare_g=0)),
        (tc.ContinuousFrame(275, decimals=2, unit="lb"), reading(STABLE, 1247, tare_g=0)),
        (tc.ContinuousFrame(1250, decimals=0, unit="g"), reading(STABLE, 1250, tare_g=0)),
        (tc.ContinuousFrame(12, decimals=-2, unit="g"), reading(STABLE, 1200, tare_g=0)),
        (tc.ContinuousFrame(999999, out_of_range=True), reading(OVERLOAD, 999999, tare_g=0)),
        (tc.ContinuousFrame(1, out_of_range=True, negative=True), reading(UNDERLOAD, -1, tare_g=0)),
    ],
)
def test_continuous_round_trip(frame: tc.ContinuousFrame, expected: ScaleFrame) -> None:
    # GIVEN a frame built from its fields, twice in a row (the stream)
    wire = tc.encode(frame) * 2
    # WHEN parsed THEN both frames read back to the same weight and state
    assert tc.ToledoContinuousParser().feed(wire) == [expected, expected]


def test_continuous_learns_whether_a_checksum_follows() -> None:
    with_chk, without = tc.ToledoContinuousParser(), tc.ToledoContinuousParser()
    with_chk.feed(EXAMPLE + b"\x02")
    without.feed(tc.encode_grams(1, checksum=False) + b"\x02")
    assert (with_chk.checksum, without.checksum) == (True, False)
    # once learned, a frame is delivered as soon as its last byte arrives
    assert len(without.feed(tc.encode_grams(1, checksum=False)[1:])) == 1


def test_continuous_bad_checksum_is_garbage() -> None:
    parser = tc.ToledoContinuousParser()
    assert parser.feed(EXAMPLE[:-1] + b"*" + EXAMPLE) == [reading(STABLE, 12340, tare_g=0)]
    assert parser.garbage_bytes == 18


def test_continuous_parity_bit_on_status_words_is_ignored() -> None:
    # GIVEN a 7E1 stream read as 8N1 on the status words only (bit 7 = parity)
    raw = bytearray(tc.encode_grams(1250, checksum=False))
    raw[1] |= 0x80
    assert tc.ToledoContinuousParser().feed(bytes(raw) + b"\x02")[0].grams == 1250


# --- NCI -----------------------------------------------------------------------------------


def test_nci_commands_end_with_cr() -> None:
    assert (nci.WEIGH, nci.STATUS, nci.ZERO) == (b"W\r", b"S\r", b"Z\r")


def test_nci_encoder_writes_the_reference_frame() -> None:
    assert nci.encode_weight(1250) == b"\n001.250KG\r\n00\r\x03"
    assert nci.encode_status_reply(nci.encode_status(nci.MOTION)) == b"\n10\r\x03"
    assert nci.encode_status(0, 0, scp02=True) == b"S00"


@pytest.mark.parametrize(
    ("wire", "frame"),
    [
        (b"\n0001.25LB\r\n00\r\x03", reading(STABLE, 567)),
        (b"\n001.250KG\r\n00\r\x03", reading(STABLE, 1250)),
        (b"\n001.250KG\r\n10\r\x03", reading(MOTION, 1250)),
        (b"\n00.000LB\r\nS00\r\x03", reading(STABLE, 0)),
        (b"\n002.500KG\r\n00\r\x03", reading(STABLE, 2500)),
        (b"\n 2lb  3.5oz\r\n00\r\x03", reading(STABLE, 1006)),
        (b"\n  -0.50kg\r\n00\r\x03", reading(STABLE, -500)),
        (b"\n------KG\r\n02\r\x03", reading(OVERLOAD)),
        (b"\n------KG\r\n01\r\x03", reading(UNDERLOAD)),
        (b"\n001.250KG\r\n40\r\x03", reading(ERROR, 1250, detail="status 40")),
        (b"\n  CAL  \r\n00\r\x03", reading(ERROR, detail="display: CAL")),
        (b"\n10\r\x03", ScaleFrame(FrameKind.INFO, MOTION)),
        (b"\n?\r\x03", ScaleFrame(FrameKind.REFUSED, detail="command not recognised")),
    ],
)
def test_nci_parser_reads_each_reply(wire: bytes, frame: ScaleFrame) -> None:
    assert nci.NciParser().feed(wire) == [frame]


# --- CAS -----------------------------------------------------------------------------------


def test_cas_encoder_writes_22_bytes() -> None:
    line = cas.encode_line(1250)
    assert line == b"ST,GS,1\xc0,0001.250 kg\r\n"
    assert len(line) == 22


@pytest.mark.parametrize(
    ("wire", "frame"),
    [
        (b"ST,GS,1\xc0,0001.250 kg\r\n", reading(STABLE, 1250)),
        (b"US,GS,1\x80,0001.100 kg\r\n", reading(MOTION, 1100)),
        (b"ST,NT,1\xc0,-001.250 kg\r\n", reading(STABLE, -1250)),
        (b"OL,GS,1\x80,        kg\r\n", reading(OVERLOAD)),
        (b"ST,GS,+0012.50kg\r\n", reading(STABLE, 12500)),
        (b"ST,GS,  1250.0 g\r\n", reading(STABLE, 1250)),
    ],
)
def test_cas_parser_reads_each_line(wire: bytes, frame: ScaleFrame) -> None:
    assert cas.CasParser().feed(wire) == [frame]


# --- all -----------------------------------------------------------------------------------


def test_every_protocol_is_registered_with_its_line_settings() -> None:
    assert set(PROTOCOLS) == {"mt-sics", "toledo-8217", "toledo-continuous", "nci", "cas"}
    assert PROTOCOLS["toledo-continuous"].parity == "E"
    assert PROTOCOLS["cas"].parity == "N"
