"""SSCC serials that never collide offline: the hub hands each bench blocks of the GS1 company
prefix's serials, as it does tracking ranges; a bench without a hub numbers as it always did.
The hub is the machine's PostgreSQL; the benches are real console benches with their own
SQLite homes, or their homes' files and databases driven in-process. SSCC-18 layout (extension
digit, company prefix, serial reference, GS1 check digit) after GS1 General Specifications
§2.2.1; `station.labels.tracking` implements it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from station.app import open_home
from station.carriers.numbering import Numbering, ShipmentCounters, sscc_key
from station.config import Settings
from station.db.engine import Database
from station.db.models import Counter, Event
from station.domain import events as ev
from station.labels.tracking import is_valid_sscc, make_sscc
from sync.hub.blocks import SSCC, has_numbers, in_blocks, load_blocks, save_blocks, top_up_blocks
from sync.hub.link import init_hub
from sync.hub.schema import hub_blocks
from sync.secrets import save_hub_url
from tests.console_process import ConsoleProcess, run_station
from tests.hub.conftest import pack, set_settings, sync_once, warehouse
from tests.hub.test_numbers import NOWHERE, leased

pytestmark = pytest.mark.slow
PREFIX = "8012345"  # a made-up GS1 company prefix of 7 digits
WHOLE = sscc_key(PREFIX)


@pytest.fixture
def hub(pg_schema_url: str) -> Iterator[Database]:
    init_hub(pg_schema_url)
    db = Database(pg_schema_url)
    yield db
    db.dispose()


def serial_of(sscc: str) -> int:
    return int(sscc[1 + len(PREFIX) : 17])


def ssccs_of(home: Path) -> list[str]:
    with open_home(home) as ctx, ctx.db.read() as s:
        created = s.scalars(select(Event.payload).where(Event.type == ev.LabelCreated.TYPE))
        return [str(p["sscc"]) for p in created if p.get("sscc")]


def counters_of(home: Path) -> dict[str, int]:
    with open_home(home) as ctx, ctx.db.read() as s:
        return {c.name: c.value for c in s.scalars(select(Counter))}


def granted(hub_url: str) -> dict[str, list[tuple[int, int]]]:
    """The blocks of SSCC serials the hub handed out, by bench."""
    db = Database(hub_url)
    try:
        with db.read() as s:
            rows = s.execute(
                select(hub_blocks.c.bench, hub_blocks.c.first, hub_blocks.c.last)
                .where(hub_blocks.c.range_key == WHOLE)
                .order_by(hub_blocks.c.first)
            )
            found: dict[str, list[tuple[int, int]]] = {}
            for bench, first, last in rows:
                found.setdefault(bench, []).append((first, last))
            return found
    finally:
        db.dispose()


def test_two_benches_offline_print_ssccs_from_their_own_blocks_only(
    hub_url: str, tmp_path: Path
) -> None:
    # GIVEN two benches with a GS1 company prefix, 5 leased orders each, blocks of 10
    homes = warehouse(
        hub_url,
        tmp_path,
        "B2",
        "B3",
        hub_lease_orders=5,
        hub_block_size=10,
        gs1_company_prefix=PREFIX,
    )
    for name in ("B2", "B3"):
        sync_once(homes[name])
        assert load_blocks(homes[name])[WHOLE]  # handed out ahead of need, kept in the home
    # WHEN the LAN goes and each bench packs what it holds
    refused: list[str] = []
    for name in ("B2", "B3"):
        save_hub_url(homes[name], NOWHERE)
        bench = ConsoleProcess(homes[name])
        bench.wait_for("PROMPT")
        for number, _carrier, _units in leased(homes[name], name):
            said = bench.send(number, "")
            while not said.startswith(("OK order_opened", "ERROR")):
                said = bench.wait_for("")
            if said.startswith("ERROR"):
                refused.append(said)
                continue
            pack(bench, homes[name], number)
        assert bench.close() == 0
    # THEN both printed SSCCs, valid ones, and none of them twice
    printed = {name: ssccs_of(homes[name]) for name in ("B2", "B3")}
    assert printed["B2"]
    assert printed["B3"]
    everything = printed["B2"] + printed["B3"]
    assert all(is_valid_sscc(code) and code.startswith(f"0{PREFIX}") for code in everything)
    assert len(set(everything)) == len(everything)
    # AND each SSCC is a serial of a block the hub handed that bench, counted under the block's
    # own key (never the whole series' key, which another bench's counter would share)
    blocks = granted(hub_url)
    for name in ("B2", "B3"):
        for code in printed[name]:
            assert any(a <= serial_of(code) <= b for a, b in blocks[name])
        assert WHOLE not in counters_of(homes[name])
        assert any(key.startswith(f"{WHOLE}:") for key in counters_of(homes[name]))
    # AND any order its blocks could not number was refused before it was opened
    assert all(line.startswith("ERROR hub_no_") for line in refused)


def test_a_bench_numbers_ssccs_from_its_block_and_asks_for_more_ahead_of_need(
    hub: Database, tmp_path: Path
) -> None:
    # GIVEN bench B2, which numbered SSCCs up to serial 57 before it joined (blocks of 5)
    settings = Settings(bench_name="B2", gs1_company_prefix=PREFIX)
    settings.extra["hub_block_size"] = 5
    used: dict[str, int] = {WHOLE: 57}
    other = Settings(bench_name="B3", gs1_company_prefix=PREFIX)
    other.extra["hub_block_size"] = 5
    # WHEN B2 and then B3 are topped up
    b2: dict[str, list[tuple[int, int]]] = {}
    b3: dict[str, list[tuple[int, int]]] = {}
    with hub.write() as s:
        assert top_up_blocks(s, b2, settings, used.get, only=SSCC) == 1
    with hub.write() as s:
        assert top_up_blocks(s, b3, other, {}.get, only=SSCC) == 1
    # THEN B2's block starts after what it numbered alone, and B3's after B2's
    assert b2[WHOLE] == [(58, 62)]
    assert b3[WHOLE] == [(63, 67)]
    # AND B2 numbers from its block under the block's own counter
    labelling = in_blocks(settings, b2, used.get)
    assert labelling.sscc_block == (58, 62)
    numbering = Numbering(ShipmentCounters(used.get))
    block_key = sscc_key(PREFIX, (58, 62))
    for serial in range(58, 63):
        got = numbering.sscc(PREFIX, labelling.sscc_block)
        assert got == (make_sscc(PREFIX, serial), {block_key: serial})
        used[block_key] = serial
    assert used[WHOLE] == 57  # the series' own counter never moved
    assert not numbering.warnings  # running low means the whole series, not a block
    # AND with its block used up and no hub, it holds no SSCC for the next order
    save_blocks(tmp_path, b2)
    assert not has_numbers(tmp_path, settings, SSCC, used.get)
    assert in_blocks(settings, b2, used.get).sscc_block == (10**9, 10**9 - 1)  # empty
    # AND the next round's top-up hands it a block after every block handed out
    with hub.write() as s:
        assert top_up_blocks(s, b2, settings, used.get) >= 1
    assert b2[WHOLE][-1] == (68, 72)
    assert in_blocks(settings, b2, used.get).sscc_block == (68, 72)


def test_a_bench_without_a_hub_keeps_numbering_ssccs_under_the_series_key(tmp_path: Path) -> None:
    # GIVEN a single bench with the demo shop and a GS1 company prefix, joined to no hub
    home = tmp_path / "alone"
    assert run_station(home, "--demo", "orders", "list").returncode == 0
    set_settings(home, gs1_company_prefix=PREFIX)
    # WHEN it packs its next order
    bench = ConsoleProcess(home)
    bench.wait_for("PROMPT")
    number = bench.send("NEXT", "OK order_opened").split()[3]
    assert pack(bench, home, number)
    assert bench.close() == 0
    # THEN its SSCCs are counted from 1 under `sscc:0{prefix}`, as they always were
    printed = ssccs_of(home)
    assert printed
    assert sorted(serial_of(code) for code in printed) == list(range(1, len(printed) + 1))
    assert counters_of(home)[WHOLE] == len(printed)
    assert not load_blocks(home)
