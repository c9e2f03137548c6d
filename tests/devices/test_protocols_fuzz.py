"""Random bytes never crash a parser; garbage is dropped, counted, and real frames still read."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from station.devices.protocols import PROTOCOLS, FrameKind, cas, mtsics, nci, toledo8217
from station.devices.protocols import toledo_continuous as tc

# A valid frame per protocol, and a separator that ends any half frame the noise left behind.
GOOD = {
    "mt-sics": (b"\r\n", mtsics.encode_weight(1250)),
    "toledo-8217": (b"\r", toledo8217.encode_weight(1250)),
    "toledo-continuous": (b"", tc.encode_grams(1250) + tc.encode_grams(1250)),
    "nci": (b"\x03", nci.encode_weight(1250)),
    "cas": (b"\r\n", cas.encode_line(1250)),
}
NAMES = sorted(PROTOCOLS)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=60, deadline=None)
@given(noise=st.lists(st.binary(max_size=40), max_size=8))
def test_random_bytes_never_raise_and_are_counted(name: str, noise: list[bytes]) -> None:
    # GIVEN a parser WHEN random chunks arrive
    parser = PROTOCOLS[name].new_parser()
    frames = [f for chunk in noise for f in parser.feed(chunk)]
    # THEN it never raises, and every frame it yields is a complete, typed frame
    assert all(isinstance(f.kind, FrameKind) for f in frames)
    assert parser.frames == len(frames)
    assert parser.garbage_bytes >= 0


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=60, deadline=None)
@given(noise=st.binary(min_size=1, max_size=60).filter(lambda b: b"\x02" not in b))
def test_a_good_frame_after_noise_still_reads(name: str, noise: bytes) -> None:
    # GIVEN noise, then whatever ends a broken frame, then a good frame
    separator, good = GOOD[name]
    parser = PROTOCOLS[name].new_parser()
    parser.feed(noise + separator)
    # WHEN the good frame arrives THEN the weight is read
    frames = parser.feed(good)
    assert any(f.grams == 1250 for f in frames)


@pytest.mark.parametrize("name", NAMES)
def test_pure_garbage_is_counted(name: str) -> None:
    parser = PROTOCOLS[name].new_parser()
    separator = GOOD[name][0]
    assert parser.feed(b"\xff\xfe garbage \x00" * 8 + separator) == []
    assert parser.garbage_bytes > 0
