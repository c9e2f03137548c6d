"""Sentences with two or more counts say each in its own form, for 1 and for 2, in English and
Italian: never "(s)" or "/i"."""

from __future__ import annotations

import re

import pytest

from station.domain.messages import CATALOGUE, text

HEDGED = re.compile(r"\w\(s\)|\w/[ie]\b")  # "update(s)", "pezzo/i", "riga/e"
CASES = [
    (
        "shop_updates_waiting",
        {"pending": 1, "parked": 1},
        "1 update waiting for the shop, 1 parked",
        "1 aggiornamento in attesa per il negozio, 1 parcheggiato",
    ),
    (
        "shop_updates_waiting",
        {"pending": 2, "parked": 2},
        "2 updates waiting for the shop, 2 parked",
        "2 aggiornamenti in attesa per il negozio, 2 parcheggiati",
    ),
    (
        "shop_waiting_parked",
        {"pending": 2, "parked": 1},
        "Shop: 2 updates waiting, 1 parked (see the outbox)",
        "Negozio: 2 aggiornamenti in attesa, 1 bloccato (vedi la coda di invio)",
    ),
    (
        "shop_waiting_parked",
        {"pending": 1, "parked": 2},
        "Shop: 1 update waiting, 2 parked (see the outbox)",
        "Negozio: 1 aggiornamento in attesa, 2 bloccati (vedi la coda di invio)",
    ),
    (
        "print_failed_job",
        {"job": 3, "name": "label 1001", "printer": "zebra", "attempts": 1, "reason": "off"},
        "3 label 1001 on zebra, 1 attempt: off",
        "3 label 1001 su zebra, 1 tentativo: off",
    ),
    (
        "print_failed_job",
        {"job": 3, "name": "label 1001", "printer": "zebra", "attempts": 2, "reason": "off"},
        "3 label 1001 on zebra, 2 attempts: off",
        "3 label 1001 su zebra, 2 tentativi: off",
    ),
    (
        "locations_imported",
        {"created": 1, "updated": 1, "assigned": 1},
        "1 bin created, 1 moved, 1 product place set",
        "1 ubicazione creata, 1 spostata, 1 posizione prodotto impostata",
    ),
    (
        "locations_imported",
        {"created": 2, "updated": 2, "assigned": 2},
        "2 bins created, 2 moved, 2 product places set",
        "2 ubicazioni create, 2 spostate, 2 posizioni prodotto impostate",
    ),
    (
        "tote_opened",
        {"tote": "T1", "picked": 1, "units": 1},
        "Tote T1: 1 of 1 unit picked; scan each one to pack it.",
        "Cassetta T1: 1 su 1 pezzo prelevato; scansiona ognuno per imballarlo.",
    ),
    (
        "tote_opened",
        {"tote": "T1", "picked": 1, "units": 2},
        "Tote T1: 1 of 2 units picked; scan each one to pack it.",
        "Cassetta T1: 1 su 2 pezzi prelevati; scansiona ognuno per imballarlo.",
    ),
]


@pytest.mark.parametrize(("code", "params", "english", "italian"), CASES)
def test_each_count_takes_its_own_form(
    code: str, params: dict[str, object], english: str, italian: str
) -> None:
    assert text(code, "en", **params) == english
    assert text(code, "it", **params) == italian


def test_no_sentence_says_a_count_with_s_or_i_in_brackets() -> None:
    # GIVEN every sentence in both languages, each form
    said = [
        form
        for m in CATALOGUE.values()
        for pair in [*m.forms(), *((*p.en, *p.it) for _, p in m.parts)]
        for form in pair
    ]
    # THEN none hedges a plural
    assert not [s for s in said if HEDGED.search(s)]
