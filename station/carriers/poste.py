"""Poste Delivery Business (and SDA contracts, which use the same API) natively: a session
token, one waybill (LdV) per parcel numbered by Poste, each parcel's label fetched from the URL
Poste gives, cash on delivery and accessory services, and tracking.

Poste has no call to cancel a waybill and none to close the day: a voided parcel is refused
with that reason, and the day's manifest is Station's own borderò for the pickup driver. The
account lives in `carrier_accounts` of station.toml, its client secret where shop secrets go.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from station.carriers import poste_wire as wire
from station.carriers.port import (
    CounterStore,
    CreatedLabels,
    LabelledParcel,
    LabelRequest,
    ShippingError,
    Tracked,
)
from station.carriers.registry import configured_account, register_carrier
from station.carriers.transport import DEFAULT_DEADLINE_S, CarrierHttp, CarrierUnreachableError
from station.config import Settings

KIND = "poste"
DEFAULT_URL = "https://apiw.gp.posteitaliane.it/gp/internet/"
TOKEN_MARGIN_S = 60  # a token this close to its end is renewed first, as the C# client does
LABEL_STARTS = {"pdf": b"%PDF", "zpl": b"^XA"}

# Tokens last about an hour: one per account for every adapter this process makes, so a bench
# asks Poste for a session once an hour, not once a parcel.
_tokens: dict[tuple[str, str], tuple[str, float]] = {}
_tokens_lock = threading.Lock()


@dataclass
class PosteCarrier:
    code: str
    account: wire.PosteAccount
    http: CarrierHttp
    needs_network: bool = True

    def create_labels(self, request: LabelRequest, counters: CounterStore) -> CreatedLabels:
        """One waybill per parcel in one call (Multicollo when several), then each label;
        Poste creates all of them or none, so a refusal leaves nothing half labelled."""
        ends_at = time.monotonic() + self.http.deadline_s
        reference = wire.client_reference(request.order_number, secrets.token_hex(3))
        body = wire.waybill_body(self.account, request, reference, dt.datetime.now(dt.UTC))
        answer = self._call("POST", "postalandlogistics/parcel/waybill", ends_at, json=body)
        created = wire.read_waybills(answer)
        if isinstance(created, wire.Refusal):
            raise ShippingError(
                "poste_refused", carrier=self.code, code=created.code, reason=created.reason
            )
        if created is None or len(created) != len(request.parcels):
            raise ShippingError("poste_answer_unreadable", carrier=self.code)
        fmt = self.account.label_format
        parcels = tuple(
            LabelledParcel(p.seq, w.code, {fmt: self._label(w, fmt, ends_at)})
            for p, w in zip(request.parcels, created, strict=True)
        )
        return CreatedLabels(self.code, parcels)

    def void(self, tracking_numbers: Sequence[str]) -> None:
        """Poste's API has no call to cancel a waybill: said, never pretended."""
        raise ShippingError(
            "poste_cannot_void", carrier=self.code, numbers=", ".join(tracking_numbers)
        )

    def track(self, tracking_number: str) -> Tracked:
        path, params = wire.tracking_path(tracking_number)
        ends_at = time.monotonic() + self.http.deadline_s
        found = wire.read_tracking(tracking_number, self._call("GET", path, ends_at, params=params))
        if isinstance(found, wire.Refusal):
            raise ShippingError(
                "poste_refused", carrier=self.code, code=found.code, reason=found.reason
            )
        if found is None:
            raise ShippingError("poste_answer_unreadable", carrier=self.code)
        return found

    def session(self) -> str:
        """A token for the account (asked for now unless one is still good): proves it works."""
        return self._token(time.monotonic() + self.http.deadline_s)

    # -- calls -----------------------------------------------------------------------------

    def _call(self, method: str, path: str, ends_at: float, **kwargs: Any) -> Any:
        """An API call with the session's token; a token Poste no longer takes is renewed once."""
        for attempt in (1, 2):
            token = self._token(ends_at)
            response = self.http.request(
                method,
                path,
                headers=wire.headers(self.account, token),
                timeout=_left(ends_at, self.http),
                **kwargs,
            )
            if response.status_code != 401 or attempt == 2:
                break
            _forget_token(self.account)
        if response.status_code in (401, 403):
            raise ShippingError("poste_login_refused", carrier=self.code, reason="HTTP 401")
        return self.http.json_of(response)

    def _token(self, ends_at: float) -> str:
        key = (self.account.url, self.account.client_id)
        with _tokens_lock:
            kept = _tokens.get(key)
        if kept is not None and kept[1] - time.monotonic() > TOKEN_MARGIN_S:
            return kept[0]
        response = self.http.request(
            "POST",
            "user/sessions",
            json=wire.token_body(self.account),
            headers=wire.headers(self.account),
            timeout=_left(ends_at, self.http),
        )
        token = wire.read_token(self.http.json_of(response))
        if isinstance(token, wire.Refusal):
            raise ShippingError("poste_login_refused", carrier=self.code, reason=token.reason)
        if token is None:
            raise ShippingError("poste_answer_unreadable", carrier=self.code)
        with _tokens_lock:
            _tokens[key] = (token.value, time.monotonic() + token.expires_in_s)
        return token.value

    def _label(self, waybill: wire.CreatedWaybill, fmt: str, ends_at: float) -> bytes:
        """The label behind the waybill's download URL (a storage link with its own access
        token: none of ours is sent there)."""
        response = self.http.request("GET", waybill.download_url, timeout=_left(ends_at, self.http))
        if response.status_code != 200 or not response.content.startswith(LABEL_STARTS[fmt]):
            raise ShippingError(
                "poste_label_missing",
                carrier=self.code,
                number=waybill.code,
                status=response.status_code,
            )
        return response.content


def _left(ends_at: float, http: CarrierHttp) -> float:
    """What is left of the call's deadline for the next request; none left is a timeout."""
    left = ends_at - time.monotonic()
    if left <= 0:
        raise CarrierUnreachableError(
            "carrier_timeout", carrier=http.carrier, seconds=http.deadline_s
        )
    return left


def _forget_token(account: wire.PosteAccount) -> None:
    with _tokens_lock:
        _tokens.pop((account.url, account.client_id), None)


def account_from(conf: Mapping[str, Any], secret: str) -> wire.PosteAccount:
    """The account as `station carrier add poste` stored it; ValueError/KeyError when not."""
    label, cod_mode = str(conf.get("label", "pdf-1011")), str(conf.get("cod_mode", "CON"))
    if label not in wire.LABEL_KINDS or cod_mode not in wire.COD_MODES:
        raise ValueError(f"label {label!r} or COD mode {cod_mode!r}")
    return wire.PosteAccount(
        url=str(conf.get("url") or DEFAULT_URL),
        client_id=str(conf["client_id"]),
        secret=secret,
        cost_center=str(conf["cost_center"]),
        scope=str(conf.get("scope") or wire.PRODUCTION_SCOPE),
        label=label,  # checked against LABEL_KINDS above
        cod_mode=cod_mode,
        accessories=tuple(str(c) for c in conf.get("accessories") or ()),
    )


def poste_carrier(code: str, settings: Settings) -> PosteCarrier:
    account, conf = configured_account(code, settings, account_from)
    deadline = float(conf.get("deadline_s", DEFAULT_DEADLINE_S))
    return PosteCarrier(code, account, CarrierHttp(code, account.url, deadline))


register_carrier(KIND, poste_carrier)
