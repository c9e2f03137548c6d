"""The bench's clock watch: jumps seen against the monotonic clock, a wrong clock seen against a
shop's `Date` header, each told once. Driven by a fake time source; nothing sleeps."""

from __future__ import annotations

import datetime as dt
import email.utils

from station.services.clock import ClockWatch, SystemTime
from tests.fakes.clock import FakeTime

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_time_passing_is_no_jump() -> None:
    # GIVEN a watched clock
    time = FakeTime(START)
    watch = ClockWatch(time)
    # WHEN hours pass, read now and then, and NTP nudges the clock by a few seconds
    for _ in range(10):
        time.advance(3600)
        watch.now()
    time.move_wall(dt.timedelta(seconds=20))
    # THEN nothing is seen and nothing is told
    assert watch.now() == START + dt.timedelta(hours=10, seconds=20)
    assert watch.jumps_for("outbox") == []
    assert watch.notices("en") == []


def test_a_jump_back_is_told_once_and_handed_to_each_reader_once() -> None:
    # GIVEN a watched clock read a minute ago
    time = FakeTime(START)
    watch = ClockWatch(time)
    time.advance(60)
    watch.now()
    # WHEN someone sets it a day back, and it is read on several threads' behalf
    time.move_wall(-dt.timedelta(days=1))
    readings = [watch.now(), watch.now()]
    # THEN the readings are the wall clock as it now is
    assert readings == [START + dt.timedelta(seconds=60) - dt.timedelta(days=1)] * 2
    # AND the jump is seen once, given to each reader once
    jumps = watch.jumps_for("outbox")
    assert [j.delta for j in jumps] == [-dt.timedelta(days=1)]
    assert watch.jumps_for("outbox") == []
    assert [j.delta for j in watch.jumps_for("another")] == [-dt.timedelta(days=1)]
    # AND the operator is told once, in one sentence, in their language
    assert watch.notices("en") == [
        "The computer's clock jumped 24 h 00 min back: check its date, time and time zone; "
        "packing goes on, and manifests and shop updates stay in order."
    ]
    assert watch.notices("en") == []


def test_a_jump_ahead_is_told_in_italian() -> None:
    time = FakeTime(START)
    watch = ClockWatch(time)
    time.move_wall(dt.timedelta(minutes=45))
    watch.now()
    assert watch.notices("it") == [
        "L'orologio del computer è andato avanti di 45 min: controlla data, ora e fuso orario; "
        "l'imballaggio continua, e borderò e aggiornamenti al negozio restano in ordine."
    ]


def test_a_clock_wrong_from_the_start_is_seen_against_the_shops_date() -> None:
    # GIVEN a bench started with its clock a day ahead (no jump to see)
    shop_now = START
    watch = ClockWatch(FakeTime(START + dt.timedelta(days=1, minutes=3)))
    # WHEN two shops answer with their Date header, then one answers with garbage
    watch.shop_date("woo", email.utils.format_datetime(shop_now, usegmt=True))
    watch.shop_date("shopify", email.utils.format_datetime(shop_now, usegmt=True))
    watch.shop_date("woo", "yesterday-ish")
    # THEN the operator is told once, naming the first shop
    assert watch.notices("en") == [
        "The computer's clock is 24 h 03 min ahead of the shop woo's: set its date and time "
        "right (or turn on automatic time)."
    ]
    assert watch.jumps_for("outbox") == []  # a wrong clock is not a jump: no wait is moved


def test_a_shop_within_minutes_of_the_bench_says_nothing() -> None:
    watch = ClockWatch(FakeTime(START))
    watch.shop_date("woo", email.utils.format_datetime(START - dt.timedelta(minutes=2), True))
    assert watch.notices("en") == []


def test_the_system_clocks_agree_with_each_other() -> None:
    # The real clocks, read twice in a row: a monotonic clock that counts sleep (Linux
    # CLOCK_BOOTTIME) and the wall clock move together.
    watch = ClockWatch(SystemTime())
    watch.now()
    watch.now()
    assert watch.jumps_for("outbox") == []
