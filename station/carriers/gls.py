"""GLS Italy through its label service: GLS numbers each parcel (NumeroSpedizione) and draws
its label (PDF and ZPL); the day's parcels are handed over with CloseWorkDay ("trasmissione in
sede"); a parcel not yet closed can be deleted. The account lives in `carrier_accounts` of
station.toml, its password where shop secrets are kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from station.carriers import gls_wire as wire
from station.carriers.port import (
    CarrierRecord,
    CounterStore,
    CreatedLabels,
    LabelledParcel,
    LabelRequest,
    ShippingError,
    Tracked,
)
from station.carriers.registry import configured_account, register_carrier
from station.carriers.transport import DEFAULT_DEADLINE_S, CarrierHttp
from station.config import Settings

KIND = "gls-it"
DEFAULT_URL = "https://labelservice.gls-italy.com/ilswebservice.asmx"


@dataclass
class GlsItalyCarrier:
    code: str
    account: wire.GlsAccount
    http: CarrierHttp
    needs_network: bool = True

    def create_labels(self, request: LabelRequest, counters: CounterStore) -> CreatedLabels:
        """All the request's parcels in one AddParcel; a parcel GLS refuses deletes the ones it
        took, so the order is never half labelled."""
        info = wire.add_parcel_info(self.account, request)
        answer = self.http.post_form("AddParcel", {"XMLInfoParcel": info})
        parcels = wire.read_parcels(answer)
        if parcels is None or len(parcels) != len(request.parcels):
            raise ShippingError("gls_answer_unreadable", carrier=self.code)
        refused = [p for p in parcels if p.number == wire.REFUSED_NUMBER]
        if refused:
            self._delete_quietly([p.number for p in parcels if p not in refused])
            reason = refused[0].refusal or wire.REFUSED_NUMBER
            raise ShippingError("gls_refused", carrier=self.code, reason=reason)
        return CreatedLabels(
            self.code,
            tuple(
                LabelledParcel(wanted.seq, got.number, got.documents)
                for wanted, got in zip(request.parcels, parcels, strict=True)
            ),
        )

    def void(self, tracking_numbers: Sequence[str]) -> None:
        """DeleteSped each parcel; GLS's "not present" is said, not ignored."""
        for number in tracking_numbers:
            said = wire.root_text(
                self.http.post_form("DeleteSped", wire.delete_fields(self.account, number))
            )
            if said is None:
                raise ShippingError("gls_answer_unreadable", carrier=self.code)
            if "non presente" in said.lower():
                raise ShippingError("gls_refused", carrier=self.code, reason=said)

    def close_day(self, day: dt.date, tracking_numbers: Sequence[str]) -> bytes | None:
        """CloseWorkDay: GLS's branch gets the day's parcels; it answers OK, no manifest."""
        info = wire.close_info(self.account, list(tracking_numbers))
        said = wire.root_text(self.http.post_form("CloseWorkDay", {"XMLCloseInfoParcel": info}))
        if said != "OK":
            raise ShippingError("gls_refused", carrier=self.code, reason=said or "?")
        return None

    def shipments_listed(self) -> list[wire.Listed]:
        """ListSped: the shipments GLS holds for the account (the last 4 months)."""
        answer = self.http.post_form("ListSped", wire.auth_fields(self.account))
        found = wire.listed(answer)
        if found is None:
            reason = wire.root_text(answer) or "?"
            raise ShippingError("gls_refused", carrier=self.code, reason=reason)
        return found

    def track(self, tracking_number: str) -> Tracked:
        """GLS's Track & Trace feed for the parcel; "not found" is GLS's refusal, said."""
        params = wire.tracking_params(self.account, tracking_number)
        answer = self.http.request("GET", self.account.track_url, params=params).text
        found = wire.read_tracking(tracking_number, answer)
        if isinstance(found, str):
            raise ShippingError("gls_refused", carrier=self.code, reason=found)
        if found is None:
            raise ShippingError("gls_answer_unreadable", carrier=self.code)
        return found

    def shipments_on_record(self) -> list[CarrierRecord]:
        return [CarrierRecord(s.number, s.order, s.closed) for s in self.shipments_listed()]

    def forget(self, order_number: str) -> None:
        """Delete the parcels a call whose answer was lost may have made for the order (GLS
        lists them by the Bda they were sent with), so asking again makes no second one."""
        bda = order_number[: wire.BDA_MAX]
        mine = [s.number for s in self.shipments_listed() if s.order == bda and not s.closed]
        self._delete_quietly(mine)

    def _delete_quietly(self, numbers: list[str]) -> None:
        for number in numbers:
            self.http.post_form("DeleteSped", wire.delete_fields(self.account, number))


def account_from(conf: Mapping[str, Any], password: str) -> wire.GlsAccount:
    return wire.GlsAccount(
        url=str(conf.get("url") or DEFAULT_URL),
        branch=str(conf["branch"]),
        client=str(conf["client"]),
        password=password,
        contract=str(conf["contract"]),
        track_url=str(conf.get("track_url") or wire.TRACK_URL),
    )


def gls_carrier(code: str, settings: Settings) -> GlsItalyCarrier:
    account, conf = configured_account(code, settings, account_from)
    deadline = float(conf.get("deadline_s", DEFAULT_DEADLINE_S))
    return GlsItalyCarrier(code, account, CarrierHttp(code, account.url, deadline))


register_carrier(KIND, gls_carrier)
