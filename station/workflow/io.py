"""What goes into the bench engine (inputs) and what comes out (effects)."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from dataclasses import dataclass, field
from typing import Any

from station.domain.events import DomainEvent


class CommandName(enum.StrEnum):
    NEXT = "NEXT"
    UNDO = "UNDO"
    NEWBOX = "NEWBOX"
    SHORT = "SHORT"
    HOLD = "HOLD"
    WEIGH = "WEIGH"
    PRINT = "PRINT"
    REPRINT = "REPRINT"
    ABORT = "ABORT"
    OVERRIDE = "OVERRIDE"
    LEARN = "LEARN"
    RELEASE = "RELEASE"


@dataclass(frozen=True)
class Scan:
    code: str


@dataclass(frozen=True)
class Weight:
    grams: int
    stable: bool = True


@dataclass(frozen=True)
class Command:
    name: CommandName
    arg: str = ""


@dataclass(frozen=True)
class Tick:
    pass


Input = Scan | Weight | Command | Tick


class SoundKind(enum.StrEnum):
    OK = "ok"
    ERROR = "error"
    DONE = "done"


@dataclass(frozen=True)
class Prompt:
    code: str
    message: str


@dataclass(frozen=True)
class Accepted:
    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rejected:
    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Sound:
    kind: SoundKind


@dataclass(frozen=True)
class Print:
    """A document to print: `label` for one parcel, `labels` for a whole order, `slip`."""

    document: str
    order_id: int
    parcel_seq: int | None = None


@dataclass(frozen=True)
class ReadScale:
    """Ask the scale for a stable reading of the parcel now on it."""

    parcel_seq: int
    expected_g: int


@dataclass(frozen=True)
class ReleaseOrder:
    """A lead (PIN checked) releases a held order from the bench: the service records it
    through the lead's own command, so the bench and the lead console release alike."""

    number: str
    lead: str


@dataclass(frozen=True)
class Done:
    order_number: str
    message: str


@dataclass(frozen=True)
class StateChanged:
    order_id: int | None


Effect = (
    Prompt | Accepted | Rejected | Sound | Print | ReadScale | Done | StateChanged | ReleaseOrder
)


@dataclass(frozen=True)
class Fact:
    """An event the engine asks to record, with the id it was given."""

    event: DomainEvent
    id: uuid.UUID


@dataclass
class Outcome:
    effects: list[Effect] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    @property
    def rejected(self) -> list[Rejected]:
        return [e for e in self.effects if isinstance(e, Rejected)]


def parse_line(line: str, *, typed_weights: bool = False) -> Input | None:
    """One scanned or typed line as an input. Command words are case-insensitive."""
    text = line.strip("\r\n")
    if not text.strip():
        return None
    word, _, rest = text.strip().partition(" ")
    upper = word.upper()
    if upper in CommandName.__members__:
        return Command(CommandName(upper), rest.strip())
    if typed_weights and upper == "WEIGHT":
        grams = rest.strip().lower().removesuffix("g").strip()
        if grams.isdigit():
            return Weight(int(grams))
    return Scan(text)


def as_utc(now: dt.datetime) -> dt.datetime:
    return now.astimezone(dt.UTC)
