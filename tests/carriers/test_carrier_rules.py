"""Shipping-method rules choose the carrier account and service a parcel is labelled by, when
it is labelled: by the shop's method, and, when a rule says so, the country and cash on
delivery. Managed with `station carrier rule add|list|remove`. The labelling is against the
fake BRT (tests/fakes/carriers/brt.py, built from BRT's REST documentation)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from station.carriers.rules import CarrierRule, carrier_for, parse_rules
from station.cli import main
from station.context import AppContext
from station.db.models import Order
from station.domain import events as ev
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService, utc_now
from station.services.events import record
from tests.carriers.brt_setup import configure, fake_brt
from tests.carriers.helpers import parcels
from tests.carriers.test_label_pending import _pack
from tests.fakes.carriers.brt import FakeBrt

RULES = parse_rules(
    [
        {"match": "express", "carrier": "BRT", "service": "express", "country": "IT"},
        {"match": "re:^ritiro", "carrier": "PICKUP"},
        {"match": "*", "carrier": "GLS", "cod": True},
        {"match": "*", "carrier": "SDA"},
    ]
)


def test_the_first_rule_that_matches_method_country_and_payment_wins() -> None:
    assert carrier_for("Corriere Express 24h", RULES, "it", False) == ("BRT", "express")
    assert carrier_for("Corriere Express 24h", RULES, "FR", False) == ("SDA", "")
    assert carrier_for("Ritiro in negozio", RULES, "IT", False) == ("PICKUP", "")
    assert carrier_for("Standard", RULES, "IT", True) == ("GLS", "")
    assert carrier_for("Standard", RULES, "IT", False) == ("SDA", "")
    assert carrier_for("Standard", [], "IT", False) == ("", "")
    assert RULES[0] == CarrierRule("express", "BRT", "express", "IT")


@pytest.fixture
def brt() -> Iterator[FakeBrt]:
    with fake_brt() as fake:
        yield fake


def _shop_says_method(ctx: AppContext, number: str, method: str) -> str:
    """The shop's update naming the order's shipping method; the carrier it was imported with."""
    with ctx.db.write() as session:
        o = session.scalars(select(Order).where(Order.number == number)).one()
        details = ev.OrderDetails(
            customer_name=o.customer_name, customer_email=o.customer_email,
            shipping_address=o.shipping_address, billing_address=o.billing_address,
            currency=o.currency, total=o.total, shipping_total=o.shipping_total,
            payment_method=o.payment_method, cod_amount=o.cod_amount,
            customer_note=o.customer_note, shipping_method=method,
        )  # fmt: skip
        updated = ev.OrderUpdatedByShop(
            order=o.uid, shop="demo", shop_updated_at=utc_now(), details=details
        )
        record(session, updated, at=utc_now())
        return o.carrier


def test_a_rule_added_after_the_import_labels_the_parcel_with_its_carrier(
    demo_home: AppContext, brt: FakeBrt
) -> None:
    # GIVEN order 1001, imported for another carrier, whose shop method is "Express 24h"; a
    # BRT account, and a rule sending express parcels to Italy by BRT
    configure(demo_home, brt)
    imported_by = _shop_says_method(demo_home, "1001", "Corriere Express 24h")
    assert imported_by != "BRT"
    demo_home.settings.extra["carrier_rules"] = [
        {"match": "express", "carrier": "BRT", "service": "express", "country": "IT"}
    ]
    # WHEN the order is packed
    bench = BenchService(demo_home.db, demo_home.settings, DocumentArchive(demo_home.home))
    _pack(bench, demo_home, "1001")
    # THEN BRT numbered and labelled its parcel, with the rule's service
    [live] = brt.live()
    assert parcels(demo_home, "1001") == [(live.parcel_ids[0], "BRT")]
    with demo_home.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == "1001")).one()
        assert [p.service for p in order.parcels] == ["express"]


def test_a_rule_for_another_country_leaves_the_order_with_its_carrier(
    demo_home: AppContext, brt: FakeBrt
) -> None:
    # GIVEN the same method, but the rule is for France only
    configure(demo_home, brt)
    imported_by = _shop_says_method(demo_home, "1001", "Corriere Express 24h")
    demo_home.settings.extra["carrier_rules"] = [
        {"match": "express", "carrier": "BRT", "country": "FR"}
    ]
    # WHEN it is packed, THEN BRT is not asked and the imported carrier labels it
    bench = BenchService(demo_home.db, demo_home.settings, DocumentArchive(demo_home.home))
    _pack(bench, demo_home, "1001")
    assert brt.live() == []
    [(tracking, carrier)] = parcels(demo_home, "1001")
    assert tracking
    assert carrier == imported_by


def test_rules_are_added_listed_and_removed_on_the_command_line(
    demo_home: AppContext, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    home = ["--home", str(demo_home.home)]
    demo_home.settings.extra["carrier_accounts"] = {"BRT": {"kind": "brt"}}
    demo_home.settings.save(demo_home.home)
    # WHEN two rules are added, the second before the first
    assert main([*home, "carrier", "rule", "add", "express", "BRT", "--service", "express"]) == 0
    assert main([*home, "carrier", "rule", "add", "*", "brt", "--payment", "cod", "--first"]) == 0
    assert main([*home, "carrier", "rule", "list"]) == 0
    # THEN each is said, and they are listed in the order they are tried
    assert capsys.readouterr().out.splitlines() == [
        "Rule 1 added: shipping method express goes by BRT.",
        "Rule 1 added: shipping method * goes by BRT.",
        "1\t*\t*\tcod\tBRT\t",
        "2\texpress\t*\t*\tBRT\texpress",
    ]
    # WHEN one is removed, THEN the other is left; a rule that is not there is said so
    assert main([*home, "carrier", "rule", "remove", "1"]) == 0
    assert main([*home, "carrier", "rule", "list", "--json"]) == 0
    assert main([*home, "carrier", "rule", "remove", "5"]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("Rule 1 (*) removed.\n")
    assert '"match": "express"' in out
    assert '"cod"' in out
    assert "There is no rule 5: 'station carrier rule list' shows them." in err
    # AND a carrier with no account is refused
    assert main([*home, "carrier", "rule", "add", "x", "NOPE"]) == 1
    assert "No account for carrier NOPE" in capsys.readouterr().err
