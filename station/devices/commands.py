"""`station devices list` and `station scale read`: the bench hardware from a terminal.

Errors are one line on stderr (`station: ...`) and exit 1; every command ends in bounded time.
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from station.config import Settings, default_home, system_language
from station.devices.health import BenchHealth, DeviceHealth, HealthLevel, bench_health
from station.devices.protocols.registry import protocol_names
from station.domain.messages import text

if TYPE_CHECKING:
    from station.devices.scale import WeightReading
    from station.devices.serialscale import SerialScale

# The drivers are imported when a command runs: building `station --help` registers these
# commands, and must not load pyserial, the scanner's GS1 tables or the printers.

DEFAULT_TIMEOUT_S = 5.0
CHECK_S = 1.5  # how long `devices list` waits for each device to show signs of life


def add_device_commands(subparsers: Any) -> None:
    devices = subparsers.add_parser("devices", help="the bench's scale, scanner and printer")
    devices_sub = devices.add_subparsers(dest="devices_command", required=True)
    listing = devices_sub.add_parser("list", help="serial ports and configured devices, with state")
    listing.set_defaults(func=cmd_devices_list, needs_home=False)

    scale = subparsers.add_parser("scale", help="read a serial scale")
    scale_sub = scale.add_subparsers(dest="scale_command", required=True)
    read = scale_sub.add_parser("read", help="print the stable weight in grams")
    read.add_argument("--port", required=True, help="device, /dev/serial/by-id/... or usb:VID:PID")
    read.add_argument("--protocol", default="auto", choices=["auto", *protocol_names()])
    read.add_argument("--baud", type=int, default=None, help="default: the protocol's usual")
    read.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, metavar="SECONDS")
    read.add_argument("--watch", action="store_true", help="print every reading until Ctrl-C")
    read.set_defaults(func=cmd_scale_read, needs_home=False)


# --- scale read --------------------------------------------------------------------------------


def cmd_scale_read(args: argparse.Namespace, ctx: object = None) -> int:
    from station.devices.serialscale import ScaleOptions, SerialScale

    lang = system_language()
    protocol = args.protocol
    if protocol == "auto":
        found, error = _probe(args.port, args.baud)
        if found is None:
            return _fail(text(error, lang, port=args.port))
        protocol = found
    # A diagnostic read: an empty pan is a fine answer (0 g), unlike at the bench.
    scale = SerialScale(args.port, protocol, ScaleOptions(baudrate=args.baud, min_parcel_g=0))
    if args.watch:
        return _watch(scale)
    scale.start()
    try:
        reading = scale.read_stable(None, args.timeout)
    finally:
        scale.close()
    if reading.stable:
        print(f"{reading.grams} g")
        return 0
    return _fail(_why(reading, scale, lang))


def _probe(port: str, baudrate: int | None) -> tuple[str | None, str]:
    import serial

    from station.devices.ports import PortNotFoundError
    from station.devices.probe import probe_protocol

    try:
        found = probe_protocol(port, baudrate)
    except (PortNotFoundError, serial.SerialException, OSError):
        return None, "scale_no_port"
    return (found.name, "") if found else (None, "scale_no_protocol")


def _why(reading: WeightReading, scale: SerialScale, lang: str) -> str:
    from station.devices.scale import ScaleState

    fields = {"port": scale.port, "protocol": scale.protocol.name, "detail": reading.detail}
    code = reading.code or "scale_offline"
    if reading.state is ScaleState.OFFLINE and code == "scale_offline" and scale.garbage_bytes:
        # bytes came, but none made sense in this protocol
        return text("scale_wrong_protocol", lang, **fields)
    return text(code, lang, **fields)


def _watch(scale: SerialScale) -> int:
    last: list[WeightReading] = []

    def show(reading: WeightReading) -> None:
        if not last or last[-1] != reading:
            print(f"{reading.grams} g {reading.state.value}", flush=True)
            last.append(reading)

    scale.on_reading = show
    scale.start()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        scale.close()
    return 0


def _fail(text: str) -> int:
    print(f"station: {text}", file=sys.stderr)
    return 1


# --- devices list ------------------------------------------------------------------------------


def cmd_devices_list(args: argparse.Namespace, ctx: Any = None) -> int:
    home = Path(ctx.home) if ctx is not None else (getattr(args, "home", None) or default_home())
    settings = ctx.settings if ctx is not None else Settings.load(Path(home))
    lang = settings.language or system_language()
    print(text("serial_ports", lang))
    for line in _port_lines(lang):
        print(f"  {line}")
    print(text("configured_devices", lang))
    health = configured_health(settings, Path(home))
    for line in health.lines(lang):
        print(f"  {line}")
    return 0


def _port_lines(lang: str) -> list[str]:
    from station.devices.ports import list_serial_ports

    ports = list_serial_ports()
    if not ports:
        return [text("no_serial_ports", lang)]
    return [
        f"{p.device:<16} {p.vid_pid or '-':<10} serial {p.serial_number or '-':<16} "
        f"{p.stable_name or '-'}  {p.description}"
        for p in ports
    ]


def configured_health(settings: Settings, home: Path) -> BenchHealth:
    """The health of the devices the settings name: scanner, scale, printer."""
    return bench_health(
        [
            _scanner_health(str(settings.extra.get("scanner", "wedge"))),
            _scale_health(settings.scale),
            _printer_health(settings.printer, home),
        ]
    )


def _scale_health(spec: str) -> DeviceHealth:
    from station.devices.scale import ScaleSpecError
    from station.devices.scale_spec import open_scale
    from station.devices.serialscale import SerialScale

    if spec in ("sim", "none"):
        return DeviceHealth("scale", HealthLevel.OK, name=spec)
    try:
        scale = open_scale(spec)
    except ScaleSpecError:
        return DeviceHealth("scale", HealthLevel.FAILED, "scale_no_protocol", spec, {"port": spec})
    if not isinstance(scale, SerialScale):
        return DeviceHealth("scale", HealthLevel.OK, name=spec)
    try:
        scale.read_stable(None, CHECK_S)
        return scale.health()
    finally:
        scale.close()


def _scanner_health(spec: str) -> DeviceHealth:
    from station.devices.scanner import SerialScanner

    kind, _, port = spec.partition(":")
    if kind != "serial" or not port:
        return DeviceHealth("scanner", HealthLevel.OK, name=spec)
    scanner = SerialScanner(port).start()
    try:
        threading.Event().wait(0.3)
        return scanner.health()
    finally:
        scanner.close()


def _printer_health(spec: str, home: Path) -> DeviceHealth:
    from station.devices.printers import WINDOW_KINDS, home_printer

    try:
        return home_printer(spec, home).health()
    except ValueError:
        if spec.partition(":")[0] in WINDOW_KINDS:  # fine for the window; not checked from here
            return DeviceHealth("printer", HealthLevel.WARNING, "qt_window_only", spec)
        return DeviceHealth("printer", HealthLevel.FAILED, "not_configured", spec)
