"""A Poste Delivery Business account at the fake Poste, as `station carrier add poste` stores
it, for tests."""

from __future__ import annotations

from typing import Any

from station.carriers.poste import PosteCarrier, poste_carrier
from station.config import Settings
from station.context import AppContext
from sync.secrets import save_secrets
from tests.fakes.carriers.poste import FakePoste

CLIENT_ID, SECRET, COST_CENTER = "0f1e2d3c-client", "secret-not-real", "CDC-00012345"
SCOPE = "api://fake-poste/.default"


def fake_poste() -> FakePoste:
    return FakePoste(CLIENT_ID, SECRET, COST_CENTER, SCOPE)


def account(fake: FakePoste, **more: Any) -> dict[str, Any]:
    return {
        "kind": "poste",
        "url": fake.api_url,
        "client_id": CLIENT_ID,
        "cost_center": COST_CENTER,
        "scope": SCOPE,
        "label": "pdf-1011",
        **more,
    }


def adapter(fake: FakePoste, secret: str = SECRET, **more: Any) -> PosteCarrier:
    settings = Settings(language="en", extra={"carrier_accounts": {"POSTE": account(fake, **more)}})
    settings.carrier_secrets = lambda code: {"password": secret}
    return poste_carrier("POSTE", settings)


def configure(ctx: AppContext, fake: FakePoste, code: str = "POSTE", **more: Any) -> None:
    """The home's Poste account, its client secret where shop secrets are kept."""
    accounts = dict(ctx.settings.extra.get("carrier_accounts") or {})
    accounts[code] = account(fake, **more)
    ctx.settings.extra["carrier_accounts"] = accounts
    ctx.settings.save(ctx.home)
    save_secrets(ctx.home, f"carrier:{code}", {"password": SECRET})
