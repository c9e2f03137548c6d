"""Shop kinds: each connector module registers its own at its bottom, and everything that lists,
adds, validates or connects shops reads this registry instead of a list of its own."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from station.domain.messages import MessageError
from sync.http import Sleep
from sync.remote import Connector


class ShopConfigError(MessageError):
    """A shop cannot be added or used as configured; the message says what to fix."""


@dataclass(frozen=True)
class ShopAccess:
    """What a connector is built from: the shop as configured and its stored secrets."""

    name: str
    url: str
    settings: Mapping[str, Any]
    secrets: Mapping[str, str]
    timeout_s: float = 20.0
    sleep: Sleep | None = None
    # keeps secrets the connector obtained itself (a fetched access token) beside the others
    store: Callable[[dict[str, str]], None] | None = None


ConnectorFactory = Callable[[ShopAccess], Connector]
# The shops that take notes for their staff (a backorder) write them in this language.
NOTE_LANGUAGE_HELP = "the language of notes for the shop's staff: en or it (default: the bench's)"


@dataclass(frozen=True)
class ShopOption:
    """An option of `station shop add`: `--NAME VALUE`, with the help text for this kind."""

    name: str
    help: str


@dataclass(frozen=True)
class ShopKind:
    """A kind of shop. `secrets` are required and kept in the keyring (or the 0600 file), never
    in the database; `settings` are optional and stored with the shop."""

    name: str
    connect: ConnectorFactory
    location: Literal["url", "path"]  # a shop on the web, or a folder on this machine
    secrets: tuple[ShopOption, ...] = ()
    settings: tuple[ShopOption, ...] = ()
    # Sets of secrets any one of which is enough (Shopify: a token, or a client ID and secret);
    # empty: every secret is needed.
    secret_sets: tuple[tuple[str, ...], ...] = ()

    @property
    def secret_names(self) -> tuple[str, ...]:
        return tuple(o.name for o in self.secrets)

    def missing_secrets(self, secrets: Mapping[str, str]) -> list[str]:
        """The secrets still to give: none when one whole set is there, else the first set's."""
        sets = self.secret_sets or (self.secret_names,)
        for names in sets:
            if all(secrets.get(n) for n in names):
                return []
        given = [names for names in sets if any(secrets.get(n) for n in names)]
        return [n for n in (given or sets)[0] if not secrets.get(n)]

    def split_options(
        self, given: Mapping[str, str | None]
    ) -> tuple[dict[str, str], dict[str, str]]:
        """The given `shop add` options as (secrets, settings); an option this kind does not
        take is an error rather than silently dropped."""
        values = {k: v for k, v in given.items() if v}
        taken = {o.name for o in (*self.secrets, *self.settings)}
        if extra := sorted(set(values) - taken):
            raise ShopConfigError(
                "shop_takes_no_options",
                kind=self.name,
                options=" ".join(f"--{name}" for name in extra),
            )
        secrets = {n: values[n] for n in self.secret_names if n in values}
        return secrets, {o.name: values[o.name] for o in self.settings if o.name in values}

    def check(self, *, url: str, path: str, secrets: Mapping[str, str]) -> None:
        """Raise ShopConfigError saying what is missing for a shop of this kind."""
        missing = self.missing_secrets(secrets)
        if missing:
            raise ShopConfigError(
                "shop_needs_options",
                kind=self.name,
                options=" ".join(f"--{name}" for name in missing),
            )
        if self.location == "path" and not path:
            raise ShopConfigError("shop_needs_path", kind=self.name)
        if self.location == "url" and not url.startswith(("http://", "https://")):
            raise ShopConfigError("shop_needs_https")


_KINDS: dict[str, ShopKind] = {}


def register_shop_kind(
    name: str,
    connect: ConnectorFactory,
    *,
    location: Literal["url", "path"] = "url",
    secrets: Sequence[ShopOption] = (),
    settings: Sequence[ShopOption] = (),
    secret_sets: Sequence[tuple[str, ...]] = (),
) -> None:
    """Make `name` a shop kind that `station shop add` offers and sync connects with `connect`."""
    _KINDS[name] = ShopKind(
        name, connect, location, tuple(secrets), tuple(settings), tuple(secret_sets)
    )


def shop_kind(name: str) -> ShopKind:
    """The registered kind `name`; ShopConfigError naming the known kinds if there is none."""
    try:
        return _KINDS[name]
    except KeyError:
        known = ", ".join(shop_kind_names())
        raise ShopConfigError("unknown_shop_kind", kind=name, kinds=known) from None


def shop_kinds() -> tuple[ShopKind, ...]:
    return tuple(_KINDS.values())


def shop_kind_names() -> list[str]:
    return list(_KINDS)
