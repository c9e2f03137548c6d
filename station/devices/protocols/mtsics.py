"""Mettler Toledo MT-SICS (level 0/1): CR LF lines, `<ID> <status> [<weight> <unit>]`.

The driver starts the `SIR` stream (weight immediately and repeat) so stability comes from the
scale's own `S`/`D` flag at the scale's own rate; the parser also reads replies to S, SI, Z, T, @.
"""

from __future__ import annotations

from decimal import Decimal

from station.devices.protocols.base import (
    FrameKind,
    LineParser,
    ScaleFrame,
    ScaleProtocol,
    ascii_text,
    to_grams,
)
from station.devices.protocols.registry import register_protocol
from station.devices.scale import ScaleState

NAME = "mt-sics"
EOL = b"\r\n"

# Host -> scale.
SEND_STABLE = b"S\r\n"
SEND_IMMEDIATE = b"SI\r\n"
SEND_REPEAT = b"SIR\r\n"
ZERO = b"Z\r\n"
TARE = b"T\r\n"
RESET = b"@\r\n"

# Scale -> host, fixed replies.
OVERLOAD = b"S +\r\n"
UNDERLOAD = b"S -\r\n"
BUSY = b"S I\r\n"
ZERO_DONE = b"Z A\r\n"
ZERO_BUSY = b"Z I\r\n"
ZERO_RANGE_HIGH = b"Z +\r\n"
ZERO_RANGE_LOW = b"Z -\r\n"
TARE_BUSY = b"T I\r\n"
SYNTAX_ERROR = b"ES\r\n"
TRANSMISSION_ERROR = b"ET\r\n"
LOGICAL_ERROR = b"EL\r\n"

_ERRORS = {"ES": "syntax error", "ET": "transmission error", "EL": "logical error"}
_STATE_BY_FLAG = {"S": ScaleState.STABLE, "D": ScaleState.MOTION}
_REFUSALS = {"I": "busy", "+": "above range", "-": "below range"}


def format_weight(grams: int, unit: str = "kg") -> str:
    """The weight field as a balance prints it, right-aligned in 10 columns."""
    if unit == "g":
        return f"{grams:>10d} {unit}"
    places = Decimal("0.001")
    value = (Decimal(grams) / Decimal(1000)).quantize(places)
    return f"{value:>10} {unit}"


def encode_weight(grams: int, stable: bool = True, unit: str = "kg") -> bytes:
    flag = "S" if stable else "D"
    return f"S {flag} {format_weight(grams, unit)}".encode("ascii") + EOL


def encode_tare_done(grams: int, unit: str = "kg") -> bytes:
    return f"T S {format_weight(grams, unit)}".encode("ascii") + EOL


def encode_reset_reply(serial_number: str) -> bytes:
    # `@` answers in the form of I4 (serial number), as the MT-SICS reference says.
    return f'I4 A "{serial_number}"'.encode("ascii") + EOL


def encode_hardware_error(code: int, where: str = "e") -> bytes:
    return f"S S    Error {code}{where}".encode("ascii") + EOL


class MtSicsParser(LineParser):
    def __init__(self) -> None:
        super().__init__(EOL)

    def parse_line(self, line: bytes) -> ScaleFrame | None:
        tokens = ascii_text(line).split()
        if not tokens:
            return None
        if len(tokens) == 1:
            return _general_error(tokens[0])
        ident = tokens[0]
        if ident in ("S", "SI", "SIR"):
            return _weight_reply(tokens[1:])
        if ident in ("Z", "ZI"):
            return _zero_reply(tokens[1])
        if ident in ("T", "TI"):
            return _tare_reply(tokens[1:])
        if ident.startswith("I") and ident[1:].isdigit() and tokens[1] in ("A", "B"):
            return ScaleFrame(FrameKind.INFO, detail=" ".join(tokens))
        return None


def _general_error(token: str) -> ScaleFrame | None:
    reason = _ERRORS.get(token)
    if reason is None:
        return None
    return ScaleFrame(FrameKind.READING, ScaleState.ERROR, detail=f"{token}: {reason}")


def _weight_reply(rest: list[str]) -> ScaleFrame | None:
    flag = rest[0]
    if flag == "+" and len(rest) == 1:
        return ScaleFrame(FrameKind.READING, ScaleState.OVERLOAD)
    if flag == "-" and len(rest) == 1:
        return ScaleFrame(FrameKind.READING, ScaleState.UNDERLOAD)
    if flag == "I" and len(rest) == 1:
        return ScaleFrame(FrameKind.BUSY)
    if flag == "S" and len(rest) == 3 and rest[1] == "Error":
        # Hardware fault reported in the weight field: catch it before reading a number.
        return ScaleFrame(FrameKind.READING, ScaleState.ERROR, detail=f"error {rest[2]}")
    state = _STATE_BY_FLAG.get(flag)
    if state is None or len(rest) not in (3, 4):
        return None
    return _weight_frame(state, rest[1:])


def _weight_frame(state: ScaleState, fields: list[str]) -> ScaleFrame | None:
    # Some balances print the sign apart from the digits (`-  0.256 kg`).
    value, unit = "".join(fields[:-1]), fields[-1]
    grams = to_grams(value, unit)
    if grams is None:
        return None if unit.lower() in ("g", "kg", "lb", "oz") else _unit_error(unit)
    return ScaleFrame(FrameKind.READING, state, grams)


def _unit_error(unit: str) -> ScaleFrame:
    return ScaleFrame(FrameKind.READING, ScaleState.ERROR, detail=f"unit {unit} not supported")


def _zero_reply(flag: str) -> ScaleFrame | None:
    if flag == "A":
        return ScaleFrame(FrameKind.DONE, detail="zero")
    reason = _REFUSALS.get(flag)
    return ScaleFrame(FrameKind.REFUSED, detail=f"zero {reason}") if reason else None


def _tare_reply(rest: list[str]) -> ScaleFrame | None:
    if rest[0] == "S" and len(rest) == 3:
        tare_g = to_grams(rest[1], rest[2])
        return (
            ScaleFrame(FrameKind.DONE, detail="tare", tare_g=tare_g) if tare_g is not None else None
        )
    reason = _REFUSALS.get(rest[0])
    return ScaleFrame(FrameKind.REFUSED, detail=f"tare {reason}") if reason else None


PROTOCOL = ScaleProtocol(
    name=NAME,
    new_parser=MtSicsParser,
    start=SEND_REPEAT,
    zero=ZERO,
    tare=TARE,
    probe=SEND_IMMEDIATE,
)

register_protocol(PROTOCOL)
