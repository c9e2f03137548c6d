"""A BRT account at the fake BRT, as `station carrier add brt` stores it, for tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from station.carriers.brt import BrtCarrier, brt_carrier
from station.config import Settings
from station.context import AppContext
from sync.secrets import save_secrets
from tests.fakes.carriers.brt import Customer, FakeBrt
from tests.fakes.shops.base import Clock

USER, PASSWORD, CUSTOMER_CODE, DEPOT = "0102030", "pw-not-real", 1020100, 102
# A Wednesday morning in Italy: outside BRT's maintenance windows.
WEEKDAY_MORNING = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC).timestamp()


def fake_brt(mode: str = "auto", at: float = WEEKDAY_MORNING) -> FakeBrt:
    customer = Customer(USER, PASSWORD, CUSTOMER_CODE, DEPOT, mode=mode)
    return FakeBrt(customer, clock=Clock(at))


def account(fake: FakeBrt, **more: Any) -> dict[str, Any]:
    return {
        "kind": "brt",
        "url": f"{fake.url}/rest/v1",
        "user_id": USER,
        "departure_depot": DEPOT,
        "customer_code": CUSTOMER_CODE,
        "mode": "auto",
        "label": "brt-pdf",
        **more,
    }


def adapter(fake: FakeBrt, **more: Any) -> BrtCarrier:
    settings = Settings(language="en", extra={"carrier_accounts": {"BRT": account(fake, **more)}})
    settings.carrier_secrets = lambda code: {"password": PASSWORD} if code == "BRT" else {}
    return brt_carrier("BRT", settings)


def configure(ctx: AppContext, fake: FakeBrt, **more: Any) -> None:
    """The home's BRT account, its password where shop secrets are kept."""
    ctx.settings.extra["carrier_accounts"] = {"BRT": account(fake, **more)}
    ctx.settings.save(ctx.home)
    save_secrets(ctx.home, "carrier:BRT", {"password": PASSWORD})
