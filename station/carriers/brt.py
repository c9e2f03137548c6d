"""BRT through its Shipment REST API v1: BRT routes the shipment, numbers its parcels from the
customer's series and returns each parcel's label (PDF or ZPL, as the account says).

An account's mode is BRT's contract: "auto" shipments are confirmed by BRT itself; "explicit"
ones wait for `confirm` (not before 5 minutes after creation, BRT says) and are deleted by
BRT after 15 days unconfirmed. The account lives in `carrier_accounts` of station.toml, its
password where shop secrets are kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from station.carriers import brt_wire as wire
from station.carriers.numbering import Numbering
from station.carriers.port import (
    CounterStore,
    CreatedLabels,
    LabelFormat,
    LabelledParcel,
    LabelRequest,
    ParcelToLabel,
    ShippingError,
    Tracked,
)
from station.carriers.registry import configured_account, register_carrier
from station.carriers.transport import DEFAULT_DEADLINE_S, CarrierHttp, CarrierUnreachableError
from station.config import Settings
from station.labels.brt_label import BrtLabelView, brt_label_pdf, brt_label_zpl
from station.labels.courier import Address
from station.labels.errors import DocumentError
from station.labels.tracking import NumberRange

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
        if self.account.label == "own":
            return self.own_labels(request, counters)
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

    def own_labels(self, request: LabelRequest, counters: CounterStore) -> CreatedLabels:
        """BRT routes the parcels (one routing call); Station numbers them from the account's
        series and draws BRT's layout itself (UC1/UC3). Numbers come from stored counters, so
        a BRT out of reach is a refusal to weigh again, not a label left pending: a pending
        parcel is asked for again without the stored counters."""
        numbering = Numbering(counters, request.language)
        numbers = own_range(self.code, self.account)
        numbering.reserve(numbers, sum(1 for p in request.parcels if p.tracking_number is None))
        route = self.route(request.recipient, request.language)
        day = dt.datetime.now(wire.ROME).date()
        labelled = []
        for parcel in request.parcels:
            parcel_id, advanced = parcel.tracking_number, dict[str, int]()
            if parcel_id is None:
                serial, advanced = numbering.take(numbers)
                parcel_id = wire.own_parcel_id(self.account, route, int(serial))
            view = own_label_view(self.account, route, request, parcel, parcel_id, day)
            documents = {fmt: render_own(view, fmt, request.dpi) for fmt in request.formats}
            labelled.append(LabelledParcel(parcel.seq, parcel_id, documents, None, advanced))
        return CreatedLabels(self.code, tuple(labelled), tuple(numbering.warnings.values()))

    def route(self, recipient: Address, language: str = "en") -> wire.Route:
        body = wire.routing_body(self.account, recipient)
        try:
            answer = self._call("PUT", "shipments/routing", body, "routingResponse")
        except CarrierUnreachableError as exc:
            reason = exc.message(language)
            raise ShippingError(
                "brt_routing_unreachable", carrier=self.code, reason=reason
            ) from exc
        route = wire.read_route(answer.body)
        if route is None:
            raise ShippingError("brt_answer_unreadable", carrier=self.code)
        return route

    def confirm(self, order_number: str) -> None:
        """Explicit confirmation: the shipment becomes visible to BRT's branch."""
        body = wire.reference_body(self.account, order_number, "confirmData")
        self._call("PUT", "shipments/shipment", body, "confirmResponse")

    def confirm_shipments(self, order_numbers: Sequence[str]) -> None:
        """Explicit mode: confirm each order's shipment (one already confirmed is fine); an
        auto-confirmed account has nothing to do."""
        if self.account.mode != "explicit" or self.account.label == "own":
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
        if self.account.label == "own":
            return  # a routing call creates nothing at BRT
        try:
            self.delete(order_number)
        except ShippingError as exc:
            if exc.params.get("code") != wire.NEVER_CREATED:
                raise

    def routing(self, recipient: Address) -> str:
        """Where BRT would route a parcel to `recipient` ("099/72"): proves the account works."""
        body = wire.routing_body(self.account, recipient)
        return wire.routing_of(self._call("PUT", "shipments/routing", body, "routingResponse").body)

    def track(self, tracking_number: str) -> Tracked:
        """BRT's events for the parcel (only once BRT's branch has taken the shipment)."""
        path = f"tracking/parcelID/{tracking_number}"
        headers = wire.tracking_headers(self.account)
        answer = self._call("GET", path, None, "ttParcelIdResponse", headers)
        return wire.read_tracking(tracking_number, answer)

    def _call(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None,
        envelope: str = "createResponse",
        headers: dict[str, str] | None = None,
    ) -> wire.Answer:
        answer = wire.read_answer(self.http.send(method, path, body, headers), envelope)
        if answer is None:
            raise ShippingError("brt_answer_unreadable", carrier=self.code)
        if not answer.ok:
            raise ShippingError(
                "brt_refused", carrier=self.code, code=answer.code, reason=answer.reason
            )
        return answer


def own_range(code: str, account: wire.BrtAccount) -> NumberRange:
    """The account's series as a range of 7-digit numbers, counted apart from other ranges."""
    return NumberRange(
        f"{code}-S{account.series:02d}", account.own_first, account.own_last, width=7
    )


def own_label_view(
    account: wire.BrtAccount,
    route: wire.Route,
    request: LabelRequest,
    parcel: ParcelToLabel,
    parcel_id: str,
    day: dt.date,
) -> BrtLabelView:
    return BrtLabelView(
        parcel_id=parcel_id,
        departure_depot=account.departure_depot,
        arrival_terminal=route.terminal,
        arrival_depot=route.depot,
        delivery_zone=route.zone,
        series=account.series,
        number=wire.own_number(parcel_id),
        service_type=wire.SERVICE_TYPES.get(request.service.strip().lower(), "C"),
        reference=request.order_number[: wire.REFERENCE_MAX],
        day=day,
        consignee=request.recipient,
        parcel_no=parcel.seq,
        parcel_count=request.parcel_count,
        weight_g=parcel.weight_g,
        cod_amount=request.cod_amount if parcel.seq == 1 else None,
        currency=request.currency,
    )


def render_own(view: BrtLabelView, fmt: LabelFormat, dpi: int) -> bytes:
    try:
        return brt_label_zpl(view, dpi) if fmt == "zpl" else brt_label_pdf(view)
    except DocumentError as exc:
        raise ShippingError(exc.code, **exc.params) from exc


def account_from(conf: Mapping[str, Any], password: str) -> wire.BrtAccount:
    """The account as `station carrier add brt` stored it; ValueError/KeyError when it is not."""
    mode, label = str(conf.get("mode", "auto")), str(conf.get("label", "brt-pdf"))
    if mode not in wire.MODES or label not in wire.LABEL_KINDS:
        raise ValueError(f"mode {mode!r} or label {label!r}")
    if label == "own" and not 1 <= int(conf.get("series") or 0) <= 99:
        raise ValueError("own labels need the series BRT gave")
    return wire.BrtAccount(
        url=str(conf.get("url") or DEFAULT_URL),
        user_id=str(conf["user_id"]),
        password=password,
        departure_depot=int(conf["departure_depot"]),
        customer_code=int(conf["customer_code"]),
        pricing_code=str(conf.get("pricing_code") or ""),
        mode=mode,  # checked against MODES above
        label=label,
        series=int(conf.get("series") or 0),
        own_first=int(conf.get("own_first") or 1),
        own_last=int(conf.get("own_last") or 9_999_999),
    )


def brt_carrier(code: str, settings: Settings) -> BrtCarrier:
    account, conf = configured_account(code, settings, account_from)
    deadline = float(conf.get("deadline_s", DEFAULT_DEADLINE_S))
    return BrtCarrier(code, account, CarrierHttp(code, account.url, deadline))


register_carrier(KIND, brt_carrier)
