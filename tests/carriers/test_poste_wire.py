"""Poste's wire format as data (station/carriers/poste_wire.py), against the shapes of the C#
client mlocati/MLPosteDeliveryExpress (its Address annotations and its test request)."""

from __future__ import annotations

import datetime as dt

import pytest

from station.carriers import poste_wire as wire


@pytest.mark.parametrize(
    ("street", "expected"),
    [
        ("Corso Garibaldi 42", ("Corso Garibaldi", "42")),
        ("Via Roma, 7B", ("Via Roma", "7B")),
        ("Viale Europa 192/4", ("Viale Europa 192/4", "")),  # over Poste's 4 characters
        ("Calle Larga XXII Marzo 2", ("Calle Larga XXII Marzo", "2")),
        ("Piazza del Duomo", ("Piazza del Duomo", "")),
    ],
)
def test_the_house_number_goes_apart_when_it_fits_postes_four_characters(
    street: str, expected: tuple[str, str]
) -> None:
    assert wire.split_house_number(street) == expected


def test_the_shipment_date_is_utc_with_milliseconds_as_the_c_sharp_client_sends_it() -> None:
    rome = dt.timezone(dt.timedelta(hours=1))
    at = dt.datetime(2020, 11, 26, 9, 2, 20, 986_400, tzinfo=rome)
    assert wire.shipment_date(at) == "2020-11-26T08:02:20.986+0000"


def test_a_client_reference_stays_within_25_characters() -> None:
    reference = wire.client_reference("#SHOPIFY-1234567890123456789", "a1b2c3")
    assert len(reference) <= wire.REFERENCE_MAX
    assert reference.endswith("-a1b2c3")


def test_an_answer_with_a_refused_waybill_is_a_refusal_not_a_label() -> None:
    answer = {
        "result": {"errorCode": 0, "errorDescription": "OK"},
        "waybills": [{"code": "1", "downloadURL": "u", "errorCode": 0, "errorDescription": "OK"},
                     {"code": None, "errorCode": 7, "errorDescription": "Peso non valido"}],
    }  # fmt: skip
    assert wire.read_waybills(answer) == wire.Refusal("7", "Peso non valido")
    assert wire.read_waybills({"result": {}, "waybills": []}) is None
    assert wire.read_waybills("<html>") is None
