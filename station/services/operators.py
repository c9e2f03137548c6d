"""Who is at the bench: operators sign in by PIN or by scanning their badge."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from station.db.models import Operator
from station.domain import Role
from station.services.security import verify_pin


@dataclass(frozen=True)
class SignedIn:
    name: str
    role: Role

    @property
    def is_lead(self) -> bool:
        return self.role in (Role.LEAD, Role.ADMIN)


def _signed_in(operator: Operator) -> SignedIn:
    return SignedIn(operator.name, Role(operator.role))


def sign_in_by_badge(session: Session, badge: str) -> SignedIn | None:
    """A badge is a barcode: matched exactly, case-insensitively (scanners differ on case)."""
    code = badge.strip().upper()
    if not code:
        return None
    for operator in session.scalars(select(Operator).where(Operator.active.is_(True))):
        if operator.badge.upper() == code:
            return _signed_in(operator)
    return None


def sign_in_by_pin(session: Session, pin: str) -> SignedIn | None:
    """PINs are stored only as salted hashes, so each active operator's hash is tried in turn.

    Each try costs tens of milliseconds (scrypt): call this off the GUI thread.
    """
    if not pin.strip():
        return None
    operators = session.scalars(select(Operator).where(Operator.active.is_(True)))
    found = next((o for o in operators if verify_pin(pin.strip(), o.pin_hash)), None)
    return _signed_in(found) if found is not None else None


def sign_in(session: Session, text: str) -> SignedIn | None:
    """What the sign-in screen received: a badge scan or a typed PIN."""
    return sign_in_by_badge(session, text) or (
        sign_in_by_pin(session, text) if text.strip().isdigit() else None
    )
