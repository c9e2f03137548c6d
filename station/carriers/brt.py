"""BRT through its Shipment REST API v1: BRT routes the shipment, numbers its parcels from the
customer's series and returns each parcel's label (PDF or ZPL, as the account says).

An account's mode is BRT's contract: "auto" shipments are confirmed by BRT itself; "explicit"
ones wait for `confirm` (not before 5 minutes after creation, BRT says) and are deleted by
BRT after 15 days unconfirmed. The account lives in `carrier_accounts` of station.toml, its
password where shop secrets are kept.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from station.carriers import brt_wire as wire
from station.carriers.port import (
    CounterStore,
    CreatedLabels,
    LabelledParcel,
    LabelRequest,
    ShippingError,
)
from station.carriers.registry import configured_account, register_carrier
from station.carriers.transport import DEFAULT_DEADLINE_S, CarrierHttp
from station.config import Settings
from station.labels.courier import Address

KIND = "brt"
DEFAULT_URL = "https://api.brt.it/rest/v1"
SECRET_NAMES = ("password",)


@dataclass
class BrtCarrier:
    code: str
    account: wire.BrtAccount
    http: CarrierHttp
    needs_network: bool = True

    def create_labels(self, request: LabelRequest, counters: CounterStore) -> CreatedLabels:
        """One BRT shipment for the request's parcels; BRT's numbers and labels, or a refusal
        with BRT's reason and nothing kept."""
        if len(request.parcels) > wire.MAX_PARCELS:
            raise ShippingError("brt_too_many_parcels", count=len(request.parcels))
        answer = self._call("POST", "shipments/shipment", wire.create_body(self.account, request))
        labels = wire.read_labels(answer.body)
        if labels is None or len(labels) != len(request.parcels):
            # Half a shipment must not stay at BRT: the order is labelled again as a whole.
            self.delete(request.order_number)
            raise ShippingError("brt_labels_missing", carrier=self.code)
        fmt = self.account.label_format
        parcels = tuple(
            LabelledParcel(p.seq, label.parcel_id, {fmt: label.document})
            for p, label in zip(request.parcels, labels, strict=True)
        )
        warnings = (answer.reason,) if answer.code > 0 else ()
        return CreatedLabels(self.code, parcels, warnings)

    def confirm(self, order_number: str) -> None:
        """Explicit confirmation: the shipment becomes visible to BRT's branch."""
        body = wire.reference_body(self.account, order_number, "confirmData")
        self._call("PUT", "shipments/shipment", body, "confirmResponse")

    def confirm_shipments(self, order_numbers: Sequence[str]) -> None:
        """Explicit mode: confirm each order's shipment (one already confirmed is fine); an
        auto-confirmed account has nothing to do."""
        if self.account.mode != "explicit":
            return
        for number in dict.fromkeys(order_numbers):
            try:
                self.confirm(number)
            except ShippingError as exc:
                if exc.params.get("code") != wire.ALREADY_CONFIRMED:
                    raise

    def delete(self, order_number: str) -> None:
        """Cancel the order's shipment; BRT allows it until its branch has taken it."""
        body = wire.reference_body(self.account, order_number, "deleteData")
        self._call("PUT", "shipments/delete", body, "deleteResponse")

    def cancel_shipment(self, order_number: str) -> None:
        self.delete(order_number)

    def forget(self, order_number: str) -> None:
        """Delete a shipment a lost answer may have created; "never created" is fine."""
        try:
            self.delete(order_number)
        except ShippingError as exc:
            if exc.params.get("code") != wire.NEVER_CREATED:
                raise

    def routing(self, recipient: Address) -> str:
        """Where BRT would route a parcel to `recipient` ("099/72"): proves the account works."""
        body = wire.routing_body(self.account, recipient)
        return wire.routing_of(self._call("PUT", "shipments/routing", body, "routingResponse").body)

    def _call(
        self, method: str, path: str, body: dict[str, Any], envelope: str = "createResponse"
    ) -> wire.Answer:
        answer = wire.read_answer(self.http.send(method, path, body), envelope)
        if answer is None:
            raise ShippingError("brt_answer_unreadable", carrier=self.code)
        if not answer.ok:
            raise ShippingError(
                "brt_refused", carrier=self.code, code=answer.code, reason=answer.reason
            )
        return answer


def account_from(conf: Mapping[str, Any], password: str) -> wire.BrtAccount:
    """The account as `station carrier add brt` stored it; ValueError/KeyError when it is not."""
    mode, label = str(conf.get("mode", "auto")), str(conf.get("label", "brt-pdf"))
    if mode not in wire.MODES or label not in wire.LABEL_KINDS:
        raise ValueError(f"mode {mode!r} or label {label!r}")
    return wire.BrtAccount(
        url=str(conf.get("url") or DEFAULT_URL),
        user_id=str(conf["user_id"]),
        password=password,
        departure_depot=int(conf["departure_depot"]),
        customer_code=int(conf["customer_code"]),
        pricing_code=str(conf.get("pricing_code") or ""),
        mode=mode,  # checked against MODES above
        label=label,
    )


def brt_carrier(code: str, settings: Settings) -> BrtCarrier:
    account, conf = configured_account(code, settings, account_from)
    deadline = float(conf.get("deadline_s", DEFAULT_DEADLINE_S))
    return BrtCarrier(code, account, CarrierHttp(code, account.url, deadline))


register_carrier(KIND, brt_carrier)
