"""A scale on a pty that speaks any of the supported protocols, for demo mode and tests.

Tell it what happens on the pan: `set_weight(1250, settle_frames=5)` puts a parcel that wobbles
for five frames, `overload()`, `underload()`, `noise(b"...")`, `silence()` (powered off, cable in),
`vanish()` (cable pulled) and `come_back()`. The frames it sends are built by the same protocol
modules the driver parses with, so the two directions are tested against one definition.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

from station.devices.protocols import cas, mtsics, nci, toledo8217
from station.devices.protocols import toledo_continuous as tc
from station.devices.simulators.pty_port import PtyPort

STREAMING = {"toledo-continuous", "cas"}
_WOBBLE_G = 9


class ScaleSimulator:
    def __init__(
        self, protocol: str, grams: int = 0, rate_hz: float = 10.0, link: Path | None = None
    ) -> None:
        if protocol not in ("mt-sics", "toledo-8217", "toledo-continuous", "nci", "cas"):
            raise ValueError(f"unknown scale protocol {protocol!r}")
        self.protocol = protocol
        self.rate_hz = rate_hz
        self.pty = PtyPort(link)
        self.received = bytearray()
        self.zero_count = 0
        self.tare_g = 0
        self._lock = threading.Lock()
        self._gross_g = grams
        self._zero_g = 0
        self._moving_left = 0
        self._over = self._under = self._silent = False
        self._streaming = protocol in STREAMING
        self._echo = False
        self._pending = b""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # --- control ---------------------------------------------------------------------------

    @property
    def port(self) -> str:
        return self.pty.port

    def start(self) -> ScaleSimulator:
        self.pty.open()
        self._thread = threading.Thread(target=self._run, name=f"sim {self.protocol}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
        self.pty.close()

    def set_weight(self, grams: int, settle_frames: int = 0) -> None:
        with self._lock:
            self._gross_g, self._moving_left = grams, settle_frames
            self._over = self._under = False

    def overload(self, on: bool = True) -> None:
        with self._lock:
            self._over = on

    def underload(self, on: bool = True) -> None:
        with self._lock:
            self._under = on

    def silence(self, on: bool = True) -> None:
        self._silent = on

    def noise(self, data: bytes) -> None:
        self.pty.write(data)

    def vanish(self) -> None:
        self.pty.close()

    def come_back(self) -> None:
        self.pty.open()

    # --- the line ----------------------------------------------------------------------------

    def _run(self) -> None:
        period = 1.0 / self.rate_hz
        next_tick = time.monotonic()
        while not self._stop.is_set():
            data = self.pty.read(max(0.0, next_tick - time.monotonic()))
            if data:
                self.received += data
                self._answer(data)
            if time.monotonic() >= next_tick:
                next_tick += period
                if self._streaming:
                    self._send(self._frame())

    def _send(self, frame: bytes) -> None:
        if not self._silent:
            self.pty.write(frame)

    def _answer(self, data: bytes) -> None:
        if self._silent:
            return
        if self.protocol == "toledo-8217":
            for byte in data:
                self._answer_8217(bytes([byte]))
            return
        self._pending += data
        eol = b"\r\n" if self.protocol == "mt-sics" else b"\r"
        while eol in self._pending:
            line, _, self._pending = self._pending.partition(eol)
            if self.protocol == "mt-sics":
                self._answer_mtsics(line.strip())
            elif self.protocol == "nci":
                self._answer_nci(line.strip())

    def _answer_mtsics(self, line: bytes) -> None:
        if line == b"SIR":
            self._streaming = True
        elif line == b"SI":
            self._send(self._frame())
        elif line == b"S":
            self._send(mtsics.BUSY if self._moving_left else self._frame())
        elif line == b"@":
            self._streaming = False
            self._send(mtsics.encode_reset_reply("SIM0001"))
        elif line == b"Z":
            self._send(mtsics.ZERO_DONE if self._zero() else mtsics.ZERO_BUSY)
        elif line == b"T":
            self._send(mtsics.encode_tare_done(self.tare_g) if self._tare() else mtsics.TARE_BUSY)
        else:
            self._send(mtsics.SYNTAX_ERROR)

    def _answer_8217(self, byte: bytes) -> None:
        if self._echo:
            self._echo = byte != toledo8217.PROBE_END
            if self._echo:
                self._send(byte)
        elif byte == b"E":
            self._echo = True
            self._send(b"\x02E\r")
        elif byte == toledo8217.WEIGH:
            self._send(self._frame())
        elif byte == toledo8217.ZERO:
            self._zero()
        elif byte == toledo8217.TARE:
            self._tare()
        elif byte == toledo8217.CLEAR_TARE:
            self.tare_g = 0

    def _answer_nci(self, line: bytes) -> None:
        if line == b"W":
            self._send(self._frame())
        elif line in (b"S", b"Z"):
            if line == b"Z":
                self._zero()
            self._send(nci.encode_status_reply(self._nci_status()))
        else:
            self._send(nci.UNRECOGNISED)

    def _zero(self) -> bool:
        with self._lock:
            if self._moving_left:
                return False
            self._zero_g, self.tare_g = self._gross_g, 0
            self.zero_count += 1
            return True

    def _tare(self) -> bool:
        with self._lock:
            if self._moving_left:
                return False
            self.tare_g = self._gross_g - self._zero_g
            return True

    # --- frames ------------------------------------------------------------------------------

    def _step(self) -> tuple[int, bool]:
        """The net weight shown now, and whether it moves; one motion step is used up."""
        with self._lock:
            net = self._gross_g - self._zero_g - self.tare_g
            moving = self._moving_left > 0
            if moving:
                net += _WOBBLE_G * (1 if self._moving_left % 2 else -1) * self._moving_left
                self._moving_left -= 1
            return net, moving

    def _nci_status(self) -> bytes:
        byte2 = nci.OVER_CAPACITY if self._over else (nci.UNDER_CAPACITY if self._under else 0)
        return nci.encode_status(nci.MOTION if self._moving_left else 0, byte2)

    def _frame(self) -> bytes:
        grams, moving = self._step()
        over, under = self._over, self._under
        if self.protocol == "mt-sics":
            if over or under:
                return mtsics.OVERLOAD if over else mtsics.UNDERLOAD
            return mtsics.encode_weight(grams, stable=not moving)
        if self.protocol == "toledo-8217":
            return _toledo8217_frame(grams, moving, over, under)
        if self.protocol == "nci":
            byte2 = nci.OVER_CAPACITY if over else (nci.UNDER_CAPACITY if under else 0)
            return nci.encode_weight(grams, nci.encode_status(int(moving), byte2))
        if self.protocol == "cas":
            return cas.encode_line(grams, b"OL" if over else (b"US" if moving else b"ST"))
        negative = grams < 0 or under
        frame = tc.ContinuousFrame(abs(grams), negative=negative, motion=moving)
        return tc.encode(replace(frame, out_of_range=over or under))


def _toledo8217_frame(grams: int, moving: bool, over: bool, under: bool) -> bytes:
    if over:
        return toledo8217.encode_status(toledo8217.OVER_CAPACITY)
    if under or grams < 0:
        return toledo8217.encode_status(toledo8217.NEGATIVE)
    if moving:
        return toledo8217.encode_status(toledo8217.MOVING)
    return toledo8217.encode_weight(grams)
