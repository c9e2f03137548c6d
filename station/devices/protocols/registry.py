"""Scale protocols by name. Each protocol module registers its own at its bottom; the driver,
`--protocol auto`, the probe, `--scale PROTOCOL:PORT` and the CLI's choices all read this."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from station.devices.protocols.base import ScaleProtocol

_PROTOCOLS: dict[str, ScaleProtocol] = {}
PROTOCOLS: Mapping[str, ScaleProtocol] = MappingProxyType(_PROTOCOLS)


class UnknownProtocolError(KeyError):
    """No protocol of that name; the message names the known ones."""

    def __str__(self) -> str:
        return f"unknown scale protocol {self.args[0]!r}: use one of {', '.join(PROTOCOLS)}"


def register_protocol(protocol: ScaleProtocol) -> None:
    _PROTOCOLS[protocol.name] = protocol


def scale_protocol(name: str) -> ScaleProtocol:
    try:
        return _PROTOCOLS[name]
    except KeyError:
        raise UnknownProtocolError(name) from None


def protocol_names() -> list[str]:
    """In registration order: the order `station scale read --protocol` offers them."""
    return list(_PROTOCOLS)
