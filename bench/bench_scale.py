"""Scale: time from the first stable frame on the wire to the weight delivered to the callback.

A 10 Hz stream on a real pty: a parcel wobbles for a few frames, then the scale flags it stable.
The clock starts just before the first stable frame is written and stops when the driver's
callback receives that stable weight. Target (reference/performance.md): under 150 ms.
Also: the time to notice an unplugged scale (target: under 2 s).
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable

from station.devices.protocols import cas, mtsics
from station.devices.protocols import toledo_continuous as tc
from station.devices.scale import ScaleState, WeightReading
from station.devices.serialscale import SerialScale
from station.devices.simulators.pty_port import PtyPort

PERIOD_S = 0.1  # 10 Hz
TRIALS = 15
Encoder = Callable[[int, bool], bytes]
ENCODERS: dict[str, Encoder] = {
    "toledo-continuous": lambda g, moving: tc.encode_grams(g, motion=moving),
    "cas": lambda g, moving: cas.encode_line(g, b"US" if moving else b"ST"),
    "mt-sics": lambda g, moving: mtsics.encode_weight(g, stable=not moving),
}


class Watch:
    def __init__(self) -> None:
        self.target = -1
        self.seen_at = 0.0
        self.offline_at = 0.0
        self.event = threading.Event()

    def __call__(self, reading: WeightReading) -> None:
        now = time.perf_counter()
        if reading.stable and reading.grams == self.target and not self.event.is_set():
            self.seen_at = now
            self.event.set()
        if reading.state is ScaleState.OFFLINE and not self.offline_at:
            self.offline_at = now


def trial(pty: PtyPort, encode: Encoder, watch: Watch, grams: int) -> float:
    watch.target, watch.event = grams, threading.Event()
    for wobble in (40, -25, 12, -6):
        pty.write(encode(grams + wobble, True))
        time.sleep(PERIOD_S)
    started = time.perf_counter()
    pty.write(encode(grams, False))
    for _ in range(5):
        if watch.event.wait(PERIOD_S):
            break
        pty.write(encode(grams, False))
    return (watch.seen_at - started) * 1000 if watch.event.is_set() else float("inf")


def run(protocol: str) -> tuple[list[float], float]:
    pty = PtyPort()
    pty.open()
    watch = Watch()
    scale = SerialScale(pty.port, protocol, on_reading=watch).start()
    time.sleep(0.3)  # let the driver open the port and send its start command
    latencies = [trial(pty, ENCODERS[protocol], watch, 1000 + 10 * i) for i in range(TRIALS)]
    pulled = time.perf_counter()
    pty.close()
    deadline = time.perf_counter() + 3.0
    while not watch.offline_at and time.perf_counter() < deadline:
        time.sleep(0.005)
    scale.close()
    unplug_ms = (watch.offline_at - pulled) * 1000 if watch.offline_at else float("inf")
    return latencies, unplug_ms


def main() -> None:
    print(f"   stable frame -> callback, 10 Hz stream on a pty, {TRIALS} parcels each")
    for protocol in ENCODERS:
        latencies, unplug_ms = run(protocol)
        ordered = sorted(latencies)
        p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
        print(
            f"   {protocol:<18} median {statistics.median(latencies):6.1f} ms  "
            f"p95 {p95:6.1f} ms  max {max(latencies):6.1f} ms  (target < 150 ms)  "
            f"unplug noticed in {unplug_ms:5.0f} ms (target < 2000 ms)"
        )


if __name__ == "__main__":
    main()
