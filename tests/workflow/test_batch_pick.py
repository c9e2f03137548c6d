"""The batch-picking state machine on its own: totes first, then bins and put-to-tote; each
wrong scan its own refusal, and nothing recorded for it."""

from __future__ import annotations

import uuid

from station.domain import events as ev
from station.domain.locations import parse_location
from station.workflow.batch_pick import BatchLine, BatchOrder, BatchPick
from station.workflow.io import Command, CommandName, Prompt, Scan


def order(number: str, *lines: tuple[str, int, str]) -> BatchOrder:
    return BatchOrder(
        uuid.uuid4(),
        number,
        tuple(BatchLine(uuid.uuid4(), sku, sku, qty, parse_location(b)) for sku, qty, b in lines),
    )


def codes(pick: BatchPick, *inputs: str) -> list[str]:
    said: list[str] = []
    for raw in inputs:
        word, _, arg = raw.partition(" ")
        inp = Command(CommandName.SHORT, arg) if word == "SHORT" else Scan(raw)
        said += [e.code for e in pick.handle(inp).effects if not isinstance(e, Prompt)]
    return said


def test_totes_are_checked_then_the_route_is_walked_with_put_to_tote() -> None:
    # GIVEN two orders sharing a bin, and a tote already holding another order
    first = order("1001", ("MUG-01", 2, "A-01-01"), ("TSH-01", 1, "A-02-06"))
    second = order("1002", ("MUG-01", 1, "A-01-01"))
    pick = BatchPick(uuid.uuid4(), [first, second], {"TOTE09"}, "en")
    # WHEN the picker scans a bin for a tote, the busy tote, then two free ones
    assert codes(pick, "A-01-01", "TOTE09", "tote01", "TOTE01", "TOTE02") == [
        "tote_expected",
        "tote_busy",
        "tote_taken",
        "tote_busy",
        "tote_taken",
    ]
    # THEN one stop serves both orders at A-01-01, then A-02-06
    assert [s.bin.code for s in pick.stops if s.bin] == ["A-01-01", "A-02-06"]
    assert pick.prompt().message == "Stop 1 of 2: go to bin A-01-01 and scan its label."
    # WHEN a wrong bin, the right one, a wrong tote, a SHORT without a count, then the puts
    said = codes(pick, "A-02-06", "A-01-01", "TOTE02", "SHORT", "SHORT 1", "TOTE02")
    assert said == [
        "wrong_bin",
        "batch_at_bin",
        "wrong_tote",
        "pick_short_how_many",
        "pick_shorted",
        "put_ok",
    ]
    # THEN the short and the put are events about their own orders and totes
    out = pick.handle(Scan("A-02-06"))
    assert [e.code for e in out.effects if not isinstance(e, Prompt)] == ["batch_at_bin"]
    out = pick.handle(Scan("TOTE01"))
    # AND the last put ends the batch: each order leaves it, waiting in its tote
    assert out.events == [
        ev.UnitsPicked(
            order=first.uid, line=first.lines[1].uid, bin="A-02-06", tote="TOTE01", quantity=1
        ),
        ev.BatchFinished(order=first.uid, batch=pick.batch),
        ev.BatchFinished(order=second.uid, batch=pick.batch),
    ]
    assert pick.finished
    assert pick.prompt().code == "batch_finished"


def test_an_empty_batch_says_so() -> None:
    pick = BatchPick(uuid.uuid4(), [], set(), "it")
    assert pick.prompt().message.startswith("Nessun ordine da prelevare")
