"""Who may open which order: the port a bench asks before NEXT or an order scan opens one.

A bench on its own asks no one (`LocalClaims`: today's behaviour, the local queue decides). A
bench of a warehouse asks its hub (`sync.hub.claims.HubClaims`), which leases each order to one
bench at a time. The answer comes before the bench's write transaction, never during it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy.orm import Session

from station.config import Settings


@dataclass(frozen=True)
class Refusal:
    """Why the order cannot be opened here: a message code of the workflow's and its values."""

    code: str
    params: dict[str, object] = field(default_factory=dict)


class ClaimSource(Protocol):
    def before_next(self) -> Refusal | None:
        """Make sure NEXT finds an order this bench may open, or say why there is none."""

    def before_open(self, number: str) -> Refusal | None:
        """Make order `number` this bench's to open, or say why it cannot be."""

    def labelling(self, session: Session, settings: Settings) -> Settings:
        """The settings a shipment is labelled with (a hub narrows each tracking range to the
        bench's own block of it)."""


class LocalClaims:
    """A bench on its own: the local queue is the whole truth, nobody else claims."""

    def before_next(self) -> Refusal | None:
        return None

    def before_open(self, number: str) -> Refusal | None:
        return None

    def labelling(self, session: Session, settings: Settings) -> Settings:
        return settings
