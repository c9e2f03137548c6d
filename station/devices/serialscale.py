"""A scale on a serial line: its own I/O thread, readings delivered to callbacks, self-healing.

Why a thread per scale: serial reads block, the GUI thread must never wait on a device, and a
scale that streams at 10 Hz must be read as it talks, not when somebody asks. The thread owns the
port; other threads only read the latest reading (under a lock) or queue zero/tare commands.

An unplugged scale raises on read (reported at once); a silent one is reported after
`offline_after_s`. Either way the thread keeps trying to reopen the port, so the scale comes back
by itself when it is plugged in again.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import termios
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar

import serial

from station.devices.health import DeviceHealth, scale_health
from station.devices.ports import PortNotFoundError
from station.devices.protocols.base import FrameKind, FrameParser, ScaleFrame, ScaleProtocol
from station.devices.protocols.registry import scale_protocol
from station.devices.scale import ScaleState, WeightReading
from station.devices.serial_line import open_serial

if TYPE_CHECKING:
    from station.devices.simulators.scale import ScaleSimulator

log = logging.getLogger(__name__)
T = TypeVar("T")

ReadingCallback = Callable[[WeightReading], None]
HealthCallback = Callable[[DeviceHealth], None]
FrameCallback = Callable[[ScaleFrame], None]

REPLY_TIMEOUT_S = 0.5  # a poll with no answer is sent again after this
RESTART_STREAM_S = 1.0  # a streaming scale silent this long is asked to stream again


@dataclass
class ScaleOptions:
    baudrate: int | None = None  # None: the protocol's usual speed
    equal_readings: int = 3  # protocols without a stable flag: N equal readings mean stable
    offline_after_s: float = 1.5
    poll_interval_s: float = 0.1
    reconnect_every_s: float = 0.5
    min_parcel_g: int = 10  # a stable reading below this is an empty pan, never a parcel


class SerialScale:
    """A `Scale` on a serial port. Call `start()` (open_scale does), then `read_stable()`."""

    def __init__(
        self,
        port: str,
        protocol: ScaleProtocol | str,
        options: ScaleOptions | None = None,
        on_reading: ReadingCallback | None = None,
        on_health: HealthCallback | None = None,
        on_command: FrameCallback | None = None,
    ) -> None:
        self.port = port
        self.protocol = scale_protocol(protocol) if isinstance(protocol, str) else protocol
        self.options = options or ScaleOptions()
        self.on_reading, self.on_health, self.on_command = on_reading, on_health, on_command
        self.name = f"{self.protocol.name}:{port}"
        self.frames = 0
        self.garbage_bytes = 0
        self._cond = threading.Condition()
        self._latest = WeightReading(0, ScaleState.OFFLINE, code="scale_connecting")
        self._health: DeviceHealth | None = None
        self._commands: queue.SimpleQueue[bytes] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._run_g: int | None = None
        self._run_length = 0
        # A simulator this scale owns (demo mode): told what the parcel weighs, closed with us.
        self.simulator: ScaleSimulator | None = None

    # --- what other threads call ----------------------------------------------------------

    def start(self) -> SerialScale:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
            self._thread.start()
        return self

    @property
    def latest(self) -> WeightReading:
        with self._cond:
            return self._latest

    def health(self) -> DeviceHealth:
        return scale_health(self.latest, self.name, self.port)

    def read_stable(self, expected_g: int | None, timeout_s: float) -> WeightReading:
        """The current stable weight, waiting at most `timeout_s`; else the reading saying why.

        `expected_g` only matters in demo mode: the simulator puts that parcel on the pan.
        """
        if self.simulator is not None and expected_g is not None:
            self._wait_for_parcel(expected_g, timeout_s)
        deadline = time.monotonic() + timeout_s
        with self._cond:
            # The empty pan is stable too: wait for a parcel, or the operator weighs nothing.
            while not self._has_parcel(self._latest):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return _why_not(self._latest)
                self._cond.wait(remaining)
            return self._latest

    def _has_parcel(self, reading: WeightReading) -> bool:
        return reading.stable and reading.grams >= self.options.min_parcel_g

    def _wait_for_parcel(self, grams: int, timeout_s: float) -> None:
        assert self.simulator is not None
        self.simulator.set_weight(grams, settle_frames=3)
        with self._cond:
            self._cond.wait_for(lambda: self._latest.grams == grams, timeout_s)

    def zero(self) -> bool:
        """Ask the scale to zero; False when the protocol cannot (the operator uses the key)."""
        return self._queue(self.protocol.zero)

    def tare(self) -> bool:
        return self._queue(self.protocol.tare)

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
        if self.simulator is not None:
            self.simulator.stop()

    def _queue(self, command: bytes) -> bool:
        if command:
            self._commands.put(command)
        return bool(command)

    # --- the I/O thread --------------------------------------------------------------------

    def _run(self) -> None:
        while not self._stop.is_set():
            link = self._connect()
            if link is None:
                self._stop.wait(self.options.reconnect_every_s)
                continue
            try:
                self._serve(link)
            except (serial.SerialException, OSError) as exc:
                self._offline("scale_disconnected", str(exc))
            finally:
                _close_quietly(link)

    def _connect(self) -> serial.Serial | None:
        try:
            return open_serial(self.port, self.protocol, self.options.baudrate)
        except (PortNotFoundError, FileNotFoundError):
            self._offline("scale_no_port")
        except (serial.SerialException, OSError, termios.error) as exc:
            missing = "No such file" in str(exc) or "could not open port" in str(exc)
            self._offline("scale_no_port" if missing else "scale_cannot_open", str(exc))
        return None

    def _serve(self, link: serial.Serial) -> None:
        parser = self.protocol.new_parser()
        link.reset_input_buffer()
        if self.protocol.start:
            link.write(self.protocol.start)
        last_frame = last_send = time.monotonic()
        answered = True
        while not self._stop.is_set():
            self._send_commands(link)
            now = time.monotonic()
            if self._should_poll(now, last_send, answered):
                link.write(self.protocol.poll)
                last_send, answered = now, False
            elif self.protocol.start and now - max(last_frame, last_send) > RESTART_STREAM_S:
                link.write(self.protocol.start)  # a power-cycled balance forgets its stream
                last_send = now
            frames = self._read(link, parser)
            now = time.monotonic()
            if frames:
                last_frame, answered = now, True
            elif now - last_frame > self.options.offline_after_s:
                self._offline("scale_offline")

    def _should_poll(self, now: float, last_send: float, answered: bool) -> bool:
        if not self.protocol.poll:
            return False
        wait = self.options.poll_interval_s if answered else REPLY_TIMEOUT_S
        return now - last_send >= wait

    def _send_commands(self, link: serial.Serial) -> None:
        while not self._commands.empty():
            link.write(self._commands.get_nowait())

    def _read(self, link: serial.Serial, parser: FrameParser) -> int:
        data = link.read(max(1, link.in_waiting))
        if not data:
            return 0
        frames = parser.feed(data)
        self.garbage_bytes = parser.garbage_bytes
        for frame in frames:
            self._on_frame(frame, link)
        self.frames += len(frames)
        return len(frames)

    def _on_frame(self, frame: ScaleFrame, link: serial.Serial) -> None:
        if frame.kind is FrameKind.READING:
            self._publish(self._judge(frame))
        elif frame.kind in (FrameKind.DONE, FrameKind.REFUSED):
            if self.protocol.start:
                link.write(self.protocol.start)  # some balances end the stream on a command
            _call(self.on_command, frame)
        elif self._latest.state is ScaleState.OFFLINE:
            self._publish(replace(self._latest, code="scale_connecting"))

    def _judge(self, frame: ScaleFrame) -> WeightReading:
        grams = frame.grams if frame.grams is not None else self._latest.grams
        if frame.state is not ScaleState.STABLE:
            self._run_length = 0
            return WeightReading(grams, frame.state, frame.detail, _code(frame.state))
        if frame.flagged:
            return WeightReading(grams, ScaleState.STABLE)
        # No stable flag on the wire: stable once the same weight came N times in a row.
        self._run_length = self._run_length + 1 if grams == self._run_g else 1
        self._run_g = grams
        if self._run_length >= self.options.equal_readings:
            return WeightReading(grams, ScaleState.STABLE)
        return WeightReading(grams, ScaleState.MOTION, "settling", "scale_motion")

    def _offline(self, code: str, detail: str = "") -> None:
        latest = self.latest
        if latest.state is ScaleState.OFFLINE and latest.code == code:
            return
        self._run_length = 0
        self._publish(WeightReading(0, ScaleState.OFFLINE, detail, code))

    def _publish(self, reading: WeightReading) -> None:
        with self._cond:
            self._latest = reading
            self._cond.notify_all()
        _call(self.on_reading, reading)
        health = self.health()
        if health != self._health:
            self._health = health
            _call(self.on_health, health)


_CODES = {
    ScaleState.MOTION: "scale_motion",
    ScaleState.OVERLOAD: "scale_overload",
    ScaleState.UNDERLOAD: "scale_underload",
    ScaleState.ERROR: "scale_error",
}


def _code(state: ScaleState) -> str:
    return _CODES.get(state, "")


def _why_not(reading: WeightReading) -> WeightReading:
    if reading.state is ScaleState.OFFLINE and reading.code == "scale_connecting":
        return replace(reading, code="scale_offline")
    if reading.stable:
        return replace(reading, state=ScaleState.EMPTY, code="scale_empty")
    return reading


def _call(callback: Callable[[T], None] | None, value: T) -> None:
    # A failing UI slot must not kill the device thread: log it and keep reading.
    if callback is None:
        return
    try:
        callback(value)
    except Exception:
        log.exception("device callback failed")


def _close_quietly(link: serial.Serial) -> None:
    with contextlib.suppress(serial.SerialException, OSError):
        link.close()
