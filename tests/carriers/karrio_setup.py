"""DHL Express and UPS accounts at their fakes, as `station carrier add dhl|ups` stores them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from station import demo
from station.carriers.karrio_carriers import KarrioCarrier, carrier_factory
from station.config import Settings
from station.context import AppContext
from station.domain import events as ev
from station.services.events import new_uid, record
from sync.secrets import save_secrets
from tests.fakes.carriers.dhl import FakeMyDhl
from tests.fakes.carriers.ups import FakeUps
from tests.fakes.shops.base import FakeServer

DHL_USER, DHL_PASSWORD, DHL_ACCOUNT = "stationIT", "dhl-pw-not-real", "106012345"
UPS_CLIENT, UPS_SECRET, UPS_SHIPPER = "ups-client-id", "ups-secret-not-real", "A12B34"
SECRETS = {"DHL": DHL_PASSWORD, "UPS": UPS_SECRET}


def fake_dhl() -> FakeMyDhl:
    return FakeMyDhl(DHL_USER, DHL_PASSWORD, DHL_ACCOUNT)


def fake_ups() -> FakeUps:
    return FakeUps(UPS_CLIENT, UPS_SECRET, UPS_SHIPPER)


def account(code: str, fake: FakeServer, **more: Any) -> dict[str, Any]:
    if code == "DHL":
        conf = {"kind": "dhl", "url": f"{fake.url}/mydhlapi", "user": DHL_USER}
        return {**conf, "account_number": DHL_ACCOUNT, **more}
    conf = {"kind": "ups", "url": fake.url, "user": UPS_CLIENT}
    return {**conf, "account_number": UPS_SHIPPER, **more}


def adapter(code: str, fake: FakeServer, **more: Any) -> KarrioCarrier:
    settings = Settings(
        language="en", extra={"carrier_accounts": {code: account(code, fake, **more)}}
    )
    settings.carrier_secrets = lambda c: {"password": SECRETS[c]} if c == code else {}
    kind = "dhl" if code == "DHL" else "ups"
    return carrier_factory(kind)(code, settings)


def configure(ctx: AppContext, code: str, fake: FakeServer, **more: Any) -> None:
    """The home's account for `code`, its secret where shop secrets are kept."""
    accounts = dict(ctx.settings.extra.get("carrier_accounts") or {})
    accounts[code] = account(code, fake, **more)
    ctx.settings.extra["carrier_accounts"] = accounts
    ctx.settings.save(ctx.home)
    save_secrets(ctx.home, f"carrier:{code}", {"password": SECRETS[code]})


def import_order(ctx: AppContext, number: str, carrier: str, *, cod: Decimal | None = None) -> str:
    """An order of one demo product to Rome going by `carrier`, as shop sync records it; the
    product's SKU."""
    sku = demo.demo_products()[0].sku
    line = ev.ImportedLine(line=new_uid(), line_no=1, sku=sku, name="Demo", quantity=1)
    address = {
        "name": "Niccolò Bianchi", "street": "Corso Garibaldi 42", "postcode": "00184",
        "city": "Roma", "province": "RM", "country": "IT", "phone": "+39 333 1234567",
    }  # fmt: skip
    details = ev.OrderDetails(
        customer_name="Niccolò Bianchi", shipping_address=address, cod_amount=cod
    )
    imported = ev.OrderImported(
        order=new_uid(),
        number=number,
        created_at=dt.datetime.now(dt.UTC),
        details=details,
        carrier=carrier,
        service="standard",
        lines=(line,),
    )
    with ctx.db.write() as session:
        record(session, imported, at=dt.datetime.now(dt.UTC))
    return sku
