"""The serial scale driver end to end, over real pty pairs, against the simulator."""

from __future__ import annotations

import time

import pytest

from station.devices.health import HealthLevel
from station.devices.scale import ScaleState
from station.devices.scale_spec import open_scale
from tests.devices.conftest import ALL_PROTOCOLS, Bench, Recorder


@pytest.mark.parametrize("protocol", ALL_PROTOCOLS)
def test_open_scale_reads_the_stable_weight_in_grams(bench: Bench, protocol: str) -> None:
    # GIVEN a 1.250 kg parcel on a scale speaking `protocol`
    sim = bench.simulator(protocol, 1250)
    # WHEN the bench opens it from its spec and asks for a stable weight
    scale = open_scale(f"{protocol}:{sim.port}")
    assert scale is not None
    try:
        reading = scale.read_stable(None, timeout_s=3.0)
    finally:
        scale.close()
    # THEN it gets 1250 g, stable
    assert (reading.grams, reading.state) == (1250, ScaleState.STABLE)


@pytest.mark.parametrize("protocol", ALL_PROTOCOLS)
def test_a_moving_parcel_is_motion_until_it_settles(bench: Bench, protocol: str) -> None:
    # GIVEN an empty, steady scale
    sim = bench.simulator(protocol, 0)
    seen = Recorder()
    scale = bench.scale(protocol, sim.port, seen)
    assert scale.read_stable(None, 3.0).grams == 0
    # WHEN a parcel is put down and wobbles for a few frames
    sim.set_weight(2000, settle_frames=4)
    # THEN the operator sees motion first, then the stable weight
    assert seen.wait_for(lambda r: r.stable and r.grams == 2000)
    states = seen.states()
    last_zero = max(i for i, r in enumerate(seen.readings) if r.grams == 0 and r.stable)
    assert ScaleState.MOTION in states[last_zero:]
    assert scale.read_stable(None, 1.0).grams == 2000


@pytest.mark.parametrize("protocol", ALL_PROTOCOLS)
def test_overload_is_a_state_with_a_message_not_an_exception(bench: Bench, protocol: str) -> None:
    # GIVEN a scale that is overloaded
    sim = bench.simulator(protocol, 1250)
    sim.overload()
    scale = bench.scale(protocol, sim.port)
    # WHEN the bench asks for a weight
    reading = scale.read_stable(None, timeout_s=0.5)
    # THEN it gets an overload reading with its message code, and the health panel warns
    assert (reading.state, reading.code) == (ScaleState.OVERLOAD, "scale_overload")
    assert scale.health().level is HealthLevel.WARNING
    assert "overloaded" in scale.health().message("en")


@pytest.mark.parametrize("protocol", ["mt-sics", "toledo-continuous", "nci"])
def test_underload_is_reported(bench: Bench, protocol: str) -> None:
    sim = bench.simulator(protocol, 1250)
    sim.underload()
    reading = bench.scale(protocol, sim.port).read_stable(None, timeout_s=0.5)
    assert reading.state is ScaleState.UNDERLOAD


@pytest.mark.parametrize("protocol", ["mt-sics", "toledo-8217", "toledo-continuous"])
def test_unplugged_scale_is_reported_within_2_s_and_reconnects(bench: Bench, protocol: str) -> None:
    # GIVEN a working scale reached through its stable by-id style link
    sim = bench.simulator(protocol, 1250)
    seen = Recorder()
    scale = bench.scale(protocol, sim.port, seen)
    assert scale.read_stable(None, 3.0).stable
    # WHEN its cable is pulled (the pty closes and the link disappears)
    pulled = time.monotonic()
    sim.vanish()
    # THEN the bench knows within 2 s, and the health panel shows it failed
    assert seen.wait_for(lambda r: r.state is ScaleState.OFFLINE, timeout_s=2.0)
    assert time.monotonic() - pulled < 2.0
    assert scale.health().level is HealthLevel.FAILED
    # WHEN it is plugged back in (a new pty behind the same link)
    sim.set_weight(800)
    sim.come_back()
    # THEN it reconnects by itself and weighs again
    reading = scale.read_stable(None, 5.0)
    assert (reading.grams, reading.state) == (800, ScaleState.STABLE)
    assert scale.health().level is HealthLevel.OK


def test_a_silent_scale_is_reported_offline_and_recovers(bench: Bench) -> None:
    # GIVEN a streaming scale that stops talking (powered off, cable still in)
    sim = bench.simulator("cas", 1250)
    seen = Recorder()
    scale = bench.scale("cas", sim.port, seen, offline_after_s=0.5)
    assert scale.read_stable(None, 3.0).stable
    sim.silence()
    # THEN it is shown offline with the "does not answer" message
    assert seen.wait_for(lambda r: r.code == "scale_offline")
    assert "does not answer" in scale.health().message("en")
    # WHEN it talks again THEN readings resume
    sim.silence(False)
    assert scale.read_stable(None, 3.0).stable


def test_noise_on_the_line_is_counted_and_ignored(bench: Bench) -> None:
    # GIVEN a scale whose cable picks up noise
    sim = bench.simulator("mt-sics", 1250)
    seen = Recorder()
    scale = bench.scale("mt-sics", sim.port, seen)
    assert scale.read_stable(None, 3.0).stable
    sim.noise(b"\xff\x00\x13garbage\r\n")
    sim.set_weight(900)
    # THEN the weight still comes through, and the garbage was counted
    assert seen.wait_for(lambda r: r.grams == 900 and r.stable)
    assert scale.garbage_bytes >= 12
    assert ScaleState.ERROR not in seen.states()


def test_motion_that_never_settles_times_out_with_motion(bench: Bench) -> None:
    sim = bench.simulator("toledo-continuous", 0)
    scale = bench.scale("toledo-continuous", sim.port)
    # an empty pan is stable, but it is not a parcel's weight
    empty = scale.read_stable(None, 1.0)
    assert (empty.state, empty.code, empty.grams) == (ScaleState.EMPTY, "scale_empty", 0)
    sim.set_weight(1500, settle_frames=10_000)
    time.sleep(0.3)
    reading = scale.read_stable(None, timeout_s=0.5)
    assert (reading.state, reading.code) == (ScaleState.MOTION, "scale_motion")


def test_a_port_that_does_not_exist_is_offline_with_a_clear_code(bench: Bench) -> None:
    scale = bench.scale("mt-sics", "/dev/serial/by-id/usb-no-such-scale")
    reading = scale.read_stable(None, timeout_s=0.3)
    assert (reading.state, reading.code) == (ScaleState.OFFLINE, "scale_no_port")
    assert "does not exist" in scale.health().message("en")
    assert "non esiste" in scale.health().message("it")


def test_tare_and_zero_reach_the_scale(bench: Bench) -> None:
    # GIVEN an MT-SICS balance with a 300 g box on it
    sim = bench.simulator("mt-sics", 300)
    seen = Recorder()
    scale = bench.scale("mt-sics", sim.port, seen)
    assert scale.read_stable(None, 3.0).grams == 300
    # WHEN the operator tares
    assert scale.tare()
    # THEN the balance reads 0 net, and the box weight was its tare
    assert seen.wait_for(lambda r: r.grams == 0 and r.stable)
    assert sim.tare_g == 300
    assert b"T\r\n" in sim.received
    # AND zero is sent as MT-SICS `Z`
    assert scale.zero()
    assert seen.wait_for(lambda r: sim.zero_count == 1)


def test_cas_stream_has_no_remote_zero(bench: Bench) -> None:
    sim = bench.simulator("cas", 0)
    assert bench.scale("cas", sim.port).zero() is False
