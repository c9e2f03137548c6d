"""Which adapter serves a carrier code.

Adapter modules call `register_carrier(kind, factory)` at their bottom. A carrier code is
served by the kind its account names (`carrier_accounts` in the settings, e.g.
`{"BRT": {"kind": "brt", ...}}`); a code without an account but with a tracking range is served
by the built-in `range` adapter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from station.carriers.port import CarrierAdapter, ShippingError
from station.config import Settings

Account = TypeVar("Account")
CarrierFactory = Callable[[str, Settings], CarrierAdapter]  # (carrier code, settings) -> adapter
_FACTORIES: dict[str, CarrierFactory] = {}
DEFAULT_KIND = "range"
ACCOUNTS_KEY = "carrier_accounts"  # in station.toml: carrier code -> {kind, settings...}


class UnknownCarrierKindError(ShippingError, LookupError):
    """An account names an adapter kind this release does not have."""


def register_carrier(kind: str, factory: CarrierFactory) -> None:
    """Make an adapter kind available (e.g. "range", "brt", "karrio:ups")."""
    _FACTORIES[kind.lower()] = factory


def known_kinds() -> list[str]:
    return sorted(_FACTORIES)


def carrier_kind(code: str, settings: Settings) -> str:
    accounts = settings.extra.get(ACCOUNTS_KEY) or {}
    account = accounts.get(code.upper()) if isinstance(accounts, dict) else None
    if isinstance(account, dict) and account.get("kind"):
        return str(account["kind"]).lower()
    return DEFAULT_KIND


def carrier_for(code: str, settings: Settings) -> CarrierAdapter:
    """The adapter configured for carrier `code`."""
    kind = carrier_kind(code, settings)
    factory = _FACTORIES.get(kind)
    if factory is None:
        raise UnknownCarrierKindError(
            "carrier_kind_unknown", code=code.upper(), kind=kind, known=", ".join(known_kinds())
        )
    return factory(code.upper(), settings)


def configured_account(
    code: str, settings: Settings, read: Callable[[Mapping[str, Any], str], Account]
) -> tuple[Account, Mapping[str, Any]]:
    """A network carrier's account as `station carrier add` stored it, with its password; a
    missing password or a damaged account is a refusal the operator can act on."""
    conf = (settings.extra.get(ACCOUNTS_KEY) or {}).get(code, {})
    secrets = settings.carrier_secrets(code) if settings.carrier_secrets else {}
    if not secrets.get("password"):
        raise ShippingError("carrier_secrets_missing", carrier=code)
    try:
        return read(conf, secrets["password"]), conf
    except (KeyError, TypeError, ValueError):
        raise ShippingError("carrier_account_bad", carrier=code) from None
