"""End of day: the parcels Station put on a carrier's manifest against the carrier's own
records, where the carrier can list them (GLS ListSped; BRT's API has no list).

Two kinds of difference matter to whoever hands the parcels over: a parcel on the manifest that
the carrier does not hold (deleted there, or never registered), and a shipment the carrier
holds, not yet handed over, that Station did not ship (a label made by other software, or by a
call whose answer was lost and not deleted since).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from station.carriers import ShippingError, carrier_for
from station.carriers.port import CarrierRecord, ListingCarrier
from station.config import Settings
from station.domain.messages import text
from station.labels.manifest import ManifestParcel


@dataclass(frozen=True)
class Reconciled:
    carrier: str
    compared: bool  # False: the carrier cannot list, or did not answer
    not_at_carrier: tuple[ManifestParcel, ...] = ()
    unknown_at_carrier: tuple[CarrierRecord, ...] = ()

    @property
    def agrees(self) -> bool:
        return self.compared and not (self.not_at_carrier or self.unknown_at_carrier)


def compare(
    carrier: str, parcels: Sequence[ManifestParcel], records: Sequence[CarrierRecord]
) -> Reconciled:
    held = {r.tracking_number for r in records}
    shipped = {p.tracking_number for p in parcels}
    return Reconciled(
        carrier,
        True,
        tuple(p for p in parcels if p.tracking_number not in held),
        tuple(r for r in records if not r.handed_over and r.tracking_number not in shipped),
    )


def reconcile(
    carrier: str, parcels: Sequence[ManifestParcel], settings: Settings
) -> Reconciled | None:
    """The comparison, or None when the carrier keeps no list Station can read."""
    adapter = carrier_for(carrier, settings)
    if not isinstance(adapter, ListingCarrier):
        return None
    try:
        records = adapter.shipments_on_record()
    except ShippingError:  # away or refusing: said, the manifest stands
        return Reconciled(carrier, False)
    return compare(carrier, parcels, records)


def said(found: Reconciled, language: str, count: int) -> list[str]:
    """One sentence per kind of difference, naming the numbers; or that all agrees."""
    code = found.carrier
    if not found.compared:
        return [text("manifest_not_compared", language, carrier=code)]
    if found.agrees:
        return [text("manifest_agrees", language, carrier=code, count=count)]
    lines = []
    if found.not_at_carrier:
        numbers = ", ".join(f"{p.tracking_number} ({p.order_number})" for p in found.not_at_carrier)
        lines.append(
            text(
                "manifest_not_at_carrier",
                language,
                carrier=code,
                count=len(found.not_at_carrier),
                numbers=numbers,
            )
        )
    if found.unknown_at_carrier:
        numbers = ", ".join(r.tracking_number for r in found.unknown_at_carrier)
        lines.append(
            text(
                "manifest_unknown_at_carrier",
                language,
                carrier=code,
                count=len(found.unknown_at_carrier),
                numbers=numbers,
            )
        )
    return lines
