"""Numbers that never collide offline: a courier's range, and the SSCC serials of the GS1
company prefix, are split into blocks, and each bench labels from blocks the hub handed it
ahead of need.

A bench asks for a new block when fewer than half a block's numbers are left to it
(`hub_block_size`, default 200), so a LAN outage finds it with numbers in hand. Each block is
labelled from as a series of its own (its own counter key, as `station.carriers.numbering`
names a range or a block of SSCC serials), so no bench's counter ever moves another's. The blocks a bench holds are kept
in `hub-blocks.json` in its home: they must survive a restart with the hub out of reach.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from station.carriers import ShippingError
from station.carriers.numbering import range_key, sscc_key, sscc_serials, tracking_range
from station.carriers.registry import carrier_kind
from station.config import Settings
from station.db.models import Counter
from station.files import PRIVATE_FILE, set_aside, write_atomically
from station.labels.tracking import NumberRange
from sync.hub.link import LOCK_KEY
from sync.hub.schema import hub_blocks

FILE_NAME = "hub-blocks.json"
BLOCK_SIZE = 200
# An order may need a parcel per unit; the check before opening asks for that many numbers, up
# to this many (an order of more units than this is packed in fewer parcels in practice).
MAX_PARCELS = 10
Block = tuple[int, int]
Blocks = dict[str, list[Block]]  # by the whole series' counter key
# The name the SSCC serials go by among the carriers' ranges (`only`, `has_numbers`, ...)
SSCC = "SSCC"
LastUsed = Callable[[str], int | None]


def block_size(settings: Settings) -> int:
    return int(settings.extra.get("hub_block_size", BLOCK_SIZE))


def numbers_needed(units: int) -> int:
    """How many tracking numbers an order of `units` units may need: one per parcel."""
    return max(1, min(units, MAX_PARCELS))


def load_blocks(home: Path) -> Blocks:
    path = home / FILE_NAME
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {key: [(int(a), int(b)) for a, b in blocks] for key, blocks in data.items()}
    except (ValueError, TypeError, AttributeError, UnicodeDecodeError):
        # The blocks are lost, never reused: the hub hands out new ones after every block it
        # ever gave, so a damaged file costs unused numbers, never a duplicate.
        set_aside(path)
        return {}


def save_blocks(home: Path, blocks: Blocks) -> None:
    write_atomically(home / FILE_NAME, json.dumps(blocks).encode("utf-8"), mode=PRIVATE_FILE)


def ranges_of(settings: Settings) -> dict[str, NumberRange]:
    """The carriers labelled from a configured range (no courier account), by code."""
    found = {}
    for code in settings.tracking_ranges:
        if carrier_kind(code, settings) != "range":
            continue
        try:
            found[code.upper()] = tracking_range(settings.tracking_ranges, code)
        except ShippingError:
            continue  # a range set up wrong says so when a parcel of it is labelled
    return found


@dataclasses.dataclass(frozen=True)
class Series:
    """Numbers the hub hands out in blocks: a courier's range, or the SSCC serials of a GS1
    company prefix (`company_prefix` set)."""

    numbers: NumberRange  # the whole series
    company_prefix: str = ""

    @property
    def key(self) -> str:
        """The whole series' counter key: its blocks are granted and kept under it."""
        if self.company_prefix:
            return sscc_key(self.company_prefix)
        return range_key(self.numbers)

    def block_key(self, block: Block) -> str:
        if self.company_prefix:
            return sscc_key(self.company_prefix, block)
        return range_key(dataclasses.replace(self.numbers, first=block[0], last=block[1]))


def sscc_series(settings: Settings) -> Series | None:
    """The SSCC serials of the configured GS1 company prefix; None without one."""
    if not settings.gs1_company_prefix:
        return None
    try:
        return Series(sscc_serials(settings.gs1_company_prefix), settings.gs1_company_prefix)
    except ShippingError:
        return None  # a prefix set up wrong says so when a parcel is labelled


def series_of(settings: Settings) -> dict[str, Series]:
    """Every series handed out in blocks, by carrier code (the SSCC serials as `SSCC`)."""
    found = {code: Series(numbers) for code, numbers in ranges_of(settings).items()}
    sscc = sscc_series(settings)
    if sscc is not None:
        found[SSCC] = sscc
    return found


def left_in(series: Series, block: Block, last_used: LastUsed) -> int:
    used = last_used(series.block_key(block))
    return block[1] - (block[0] - 1 if used is None else used)


def current_block(series: Series, blocks: list[Block], last_used: LastUsed) -> Block | None:
    return next((b for b in blocks if left_in(series, b, last_used) > 0), None)


def stored(session: Session) -> LastUsed:
    def last_used(key: str) -> int | None:
        counter = session.get(Counter, key)
        return None if counter is None else counter.value

    return last_used


def in_blocks(settings: Settings, blocks: Blocks, last_used: LastUsed) -> Settings:
    """The settings a joined bench labels with: each range, and the SSCC serials, narrowed to
    the bench's current block. A series without a block left stays empty (first past last): it
    cannot label."""
    ranges = {code: dict(conf) for code, conf in settings.tracking_ranges.items()}
    sscc_block = None
    for code, series in series_of(settings).items():
        block = current_block(series, blocks.get(series.key, []), last_used)
        first, last = block if block is not None else (series.numbers.last + 1, series.numbers.last)
        if series.company_prefix:
            sscc_block = (first, last)
            continue
        conf = next(c for k, c in ranges.items() if k.upper() == code)
        conf["first"], conf["last"] = first, last
    return dataclasses.replace(settings, tracking_ranges=ranges, sscc_block=sscc_block)


def grant_block(
    hub: Session, series: Series, bench: str, size: int, floor: int | None
) -> Block | None:
    """The next block of the series for `bench`, after every block handed out and after any
    number taken before the series was split (`floor`); None when the series is used up."""
    key, numbers = series.key, series.numbers
    hub.execute(text(f"SELECT pg_advisory_xact_lock({LOCK_KEY})"), {"lock_name": f"block:{key}"})
    top = hub.scalar(select(func.max(hub_blocks.c.last)).where(hub_blocks.c.range_key == key))
    taken = hub.scalar(select(Counter.value).where(Counter.name == key))
    start = max(numbers.first, (top or 0) + 1, (taken or 0) + 1, (floor or 0) + 1)
    if start > numbers.last:
        return None
    block = (start, min(start + size - 1, numbers.last))
    hub.execute(
        insert(hub_blocks).values(
            range_key=key,
            first=block[0],
            last=block[1],
            bench=bench,
            granted_at=dt.datetime.now(dt.UTC),
        )
    )
    return block


def top_up_blocks(
    hub: Session,
    blocks: Blocks,
    settings: Settings,
    last_used: LastUsed,
    *,
    only: str = "",
    need: int = 1,
) -> int:
    """Ask for a block of each series (or of carrier `only`, `SSCC` for the SSCC serials) with
    less than half a block left here, or with no block holding `need` numbers, adding it to `blocks`; returns how many were
    granted. The caller keeps `blocks` once the hub committed: a block saved but never granted
    could be handed to another bench too."""
    size, granted = block_size(settings), 0
    for code, series in series_of(settings).items():
        if only and code != only.upper():
            continue
        mine = blocks.setdefault(series.key, [])
        left = [left_in(series, b, last_used) for b in mine]
        if sum(left) * 2 >= size and max(left, default=0) >= need:
            continue
        floor = last_used(series.key)
        block = grant_block(hub, series, settings.bench_name, max(size, need), floor)
        if block is not None:
            mine.append(block)
            granted += 1
    return granted


def has_numbers(
    home: Path, settings: Settings, carrier: str, last_used: LastUsed, need: int = 1
) -> bool:
    """Whether the bench's current block of the carrier's range (`SSCC`: of the SSCC serials)
    holds `need` numbers: a shipment is labelled from one block, so an order is never left
    half labelled."""
    series = series_of(settings).get(carrier.upper())
    if series is None:
        return True  # a courier's own numbering, or no range: not the hub's to hand out
    mine = load_blocks(home).get(series.key, [])
    block = current_block(series, mine, last_used)
    return block is not None and left_in(series, block, last_used) >= need


def make_room(
    blocks: Blocks, settings: Settings, carrier: str, last_used: LastUsed, need: int
) -> bool:
    """Set aside the blocks ahead of the first one holding `need` numbers (their few numbers
    left are never used: the hub never hands them out again); False when no block holds that
    many. Returns whether the carrier's current block now holds `need` numbers."""
    series = series_of(settings).get(carrier.upper())
    if series is None:
        return True
    mine = blocks.get(series.key, [])
    for at, block in enumerate(mine):
        if left_in(series, block, last_used) >= need:
            del mine[:at]
            return True
    return False
