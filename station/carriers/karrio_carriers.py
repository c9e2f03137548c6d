"""DHL Express and UPS through karrio: karrio's own connectors (MyDHL API, UPS Shipping API with
OAuth) build the requests and read the answers; this adapter gives them the order's parcels and
a deadline, and turns what comes back into one number and one label per parcel.

karrio waits on the network without a limit, so each call runs on a thread of its own and the
bench waits at most the account's deadline. What a call answers after that is kept, and the
parcel's carrier label, asked for again, comes from it (`_LateAnswers`). DHL's MyDHL API has
no call to cancel a shipment (nor has karrio one), and neither carrier has an
end-of-day call: MyDHL sends DHL the shipment's data when it is created, and UPS's Ship API has
no manifest. The account lives in `carrier_accounts` of station.toml, its secret where shop
secrets are kept.
"""

from __future__ import annotations

import http.client
import logging
import threading
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

from station.carriers import karrio_wire as wire
from station.carriers.port import (
    CounterStore,
    CreatedLabels,
    LabelledParcel,
    LabelRequest,
    ShippingError,
)
from station.carriers.registry import configured_account, register_carrier
from station.carriers.transport import DEFAULT_DEADLINE_S, CarrierUnreachableError
from station.config import Settings
from station.labels.courier import Address

if TYPE_CHECKING:
    from types import ModuleType

log = logging.getLogger(__name__)
T = TypeVar("T")
# Codes of a MyDHL answer that say DHL is down, not that it refused (its `status` field).
DOWN_STATUSES = frozenset({"500", "502", "503", "504"})


@dataclass
class KarrioCarrier:
    code: str
    account: wire.KarrioAccount
    deadline_s: float = DEFAULT_DEADLINE_S
    needs_network: bool = True

    def create_labels(self, request: LabelRequest, counters: CounterStore) -> CreatedLabels:
        """One shipment at the carrier for the request's parcels: its numbers and labels, or a
        refusal in the carrier's words with nothing kept there. An order whose last call was
        answered late gets the shipment that answer brought."""
        if request.cod_amount is not None:
            raise ShippingError("karrio_no_cod", carrier=self.code, number=request.order_number)
        if not _LATE.wait_for_call(self, request, self.deadline_s):
            raise CarrierUnreachableError(
                "carrier_timeout", carrier=self.code, seconds=self.deadline_s
            )
        details = _LATE.take(self, request)
        if details is None:
            payload = wire.shipment_payload(self.account, request)
            details, messages = self._within(
                lambda gw, g: gw.create_shipment(g, payload),
                late=lambda answer: _LATE.keep(self, request, answer[0]),
                abandoned=lambda call: _LATE.under_way(self, request, call),
            )
            if details is None:
                raise self._refusal(messages)
        shipment = _shipment_of(details)
        numbers = wire.parcel_numbers(self.account.kind, details.meta, shipment)
        documents = self._documents(details.docs.label, len(request.parcels))
        if len(numbers) != len(request.parcels) or len(documents) != len(request.parcels):
            self._void_quietly(shipment)  # half a shipment must not stay at the carrier
            raise ShippingError("karrio_labels_missing", carrier=self.code)
        fmt = self.account.label
        return CreatedLabels(
            self.code,
            tuple(
                LabelledParcel(p.seq, number, {fmt: document})
                for p, number, document in zip(request.parcels, numbers, documents, strict=True)
            ),
        )

    def void(self, tracking_numbers: Sequence[str]) -> None:
        """UPS voids whole shipments, named by their first parcel's number (UPS's shipment
        number is its lead package's); DHL Express has no call for it, which is said."""
        if not tracking_numbers:
            return
        if self.account.kind == "dhl":
            raise ShippingError("dhl_cannot_void", carrier=self.code, number=tracking_numbers[0])
        identifier = tracking_numbers[0]
        confirmation, messages = self._within(lambda gw, g: gw.cancel_shipment(g, identifier))
        if confirmation is None:
            raise self._refusal(messages)

    def check(self, sender: Address) -> None:
        """Proof the account works, for `station carrier test`: UPS hands out an OAuth token,
        DHL validates the sender's own address; a refusal is raised in the carrier's words."""
        if self.account.kind == "ups":
            found, messages = self._within(lambda gw, g: (g.proxy.get_token(), []))
        else:
            found, messages = self._within(lambda gw, g: gw.validate_address(g, _place(sender)))
        if not found:
            raise self._refusal(messages)

    # -- the calls -------------------------------------------------------------------------

    def _within(
        self,
        work: Callable[[ModuleType, Any], T],
        late: Callable[[T], None] | None = None,
        abandoned: Callable[[_Call], None] | None = None,
    ) -> T:
        """`work(karrio_gateway, gateway)` on a thread of its own, waited for at most the
        deadline; an answer after that goes to `late`, and the call to `abandoned`. karrio is
        loaded first, on this thread: its one-time start (about a second) is no carrier's
        slowness."""
        module, gateway = self._gateway()
        call = _Call(lambda: work(module, gateway), late)
        if not call.wait(self.deadline_s):
            if abandoned is not None:
                abandoned(call)
            raise CarrierUnreachableError(
                "carrier_timeout", carrier=self.code, seconds=self.deadline_s
            )
        return cast(T, call.outcome(self.code))

    def _gateway(self) -> tuple[ModuleType, Any]:
        try:
            from station.carriers import karrio_gateway as gw
        except ImportError:
            raise ShippingError("karrio_missing", carrier=self.code) from None

        a = self.account
        return gw, gw.gateway(a.kind, a.url, a.user, a.secret, a.account_number)

    def _documents(self, label: str | None, count: int) -> list[bytes]:
        import base64

        if not label:
            return []
        document = base64.b64decode(label)
        if self.account.label == "zpl":
            return wire.zpl_labels(document, count)
        from station.carriers.karrio_gateway import pdf_labels

        return pdf_labels(document, count)

    def _refusal(self, messages: Sequence[Any]) -> ShippingError:
        errors = [m for m in messages if getattr(m, "level", None) != "warning"] or list(messages)
        if not errors:
            return ShippingError("karrio_answer_unreadable", carrier=self.code)
        first = errors[0]
        code, reason = str(first.code or "?"), str(first.message or "").strip().rstrip(".")
        if self.account.kind == "dhl" and code in DOWN_STATUSES:
            return CarrierUnreachableError("carrier_down", carrier=self.code, status=code)
        return ShippingError("karrio_refused", carrier=self.code, code=code, reason=reason)

    def _void_quietly(self, shipment: str) -> None:
        if self.account.kind == "dhl":
            log.warning("%s shipment %s is not used and cannot be cancelled", self.code, shipment)
            return
        try:
            self.void([shipment])
        except ShippingError as exc:
            log.warning("%s shipment %s could not be voided: %s", self.code, shipment, exc.code)


def _shipment_of(details: Any) -> str:
    return str(details.shipment_identifier or details.tracking_number)


@dataclass(frozen=True)
class _Kept:
    parcels: tuple[tuple[int, int], ...]  # (seq, weight_g) of the parcels it was asked for
    details: Any


class _LateAnswers:
    """Shipments whose answer came after the bench stopped waiting, by carrier and order.

    The parcel left with an internal label and its carrier label is asked for again: that
    call is answered from here, with the shipment the carrier already made, instead of making
    a second. A shipment made for other parcels, or a second late one, is voided (UPS) or
    logged (DHL cannot cancel). While a call is still under way, asking again waits for it
    instead of making a second shipment. Kept in this process only: a bench stopped meanwhile
    asks anew.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # by account and order number
        self._kept: dict[tuple[wire.KarrioAccount, str], _Kept] = {}
        self._under_way: dict[tuple[wire.KarrioAccount, str], _Call] = {}

    def keep(self, carrier: KarrioCarrier, request: LabelRequest, details: Any) -> None:
        if details is None:
            return
        key = (carrier.account, request.order_number)
        with self._lock:
            extra = key in self._kept
            if not extra:
                self._kept[key] = _Kept(_parcels(request), details)
        if extra:
            carrier._void_quietly(_shipment_of(details))

    def under_way(self, carrier: KarrioCarrier, request: LabelRequest, call: _Call) -> None:
        with self._lock:
            self._under_way[(carrier.account, request.order_number)] = call

    def wait_for_call(self, carrier: KarrioCarrier, request: LabelRequest, wait_s: float) -> bool:
        """Whether no call for the order is still under way (waiting up to `wait_s` for one):
        asking again meanwhile would make the carrier a second shipment."""
        key = (carrier.account, request.order_number)
        with self._lock:
            call = self._under_way.get(key)
        if call is None:
            return True
        if not call.settled.wait(wait_s):
            return False
        with self._lock:
            if self._under_way.get(key) is call:
                del self._under_way[key]
        return True

    def take(self, carrier: KarrioCarrier, request: LabelRequest) -> Any:
        with self._lock:
            kept = self._kept.pop((carrier.account, request.order_number), None)
        if kept is None:
            return None
        if kept.parcels != _parcels(request):
            carrier._void_quietly(_shipment_of(kept.details))
            return None
        return kept.details

    def shipments(self, account: wire.KarrioAccount) -> list[str]:
        """The shipment numbers kept for the account."""
        with self._lock:
            return [_shipment_of(k.details) for (a, _), k in self._kept.items() if a == account]


def _parcels(request: LabelRequest) -> tuple[tuple[int, int], ...]:
    return tuple((p.seq, p.weight_g) for p in request.parcels)


_LATE = _LateAnswers()
late_shipments = _LATE.shipments


class _Call:
    """One carrier call on a daemon thread: waited for up to a deadline, then abandoned."""

    def __init__(self, work: Callable[[], Any], late: Callable[[Any], None] | None) -> None:
        self._work, self._late = work, late
        self._lock = threading.Lock()
        self._done = threading.Event()
        self.settled = threading.Event()  # done, and a late answer handed over
        self._abandoned = False
        self._result: Any = None
        self._error: BaseException | None = None
        threading.Thread(target=self._run, name="carrier-call", daemon=True).start()

    def wait(self, deadline_s: float) -> bool:
        finished = self._done.wait(deadline_s)
        with self._lock:
            self._abandoned = not self._done.is_set()
            return finished or not self._abandoned

    def outcome(self, carrier: str) -> Any:
        if isinstance(self._error, _UNREACHABLE):
            raise CarrierUnreachableError("carrier_unreachable", carrier=carrier) from None
        if isinstance(self._error, ValueError):  # a body that is no JSON: a proxy's error page
            raise CarrierUnreachableError("karrio_answer_unreadable", carrier=carrier) from None
        if self._error is not None and type(self._error).__name__ == "ParsedMessagesError":
            return None, list(cast(Any, self._error).messages)  # UPS refused its OAuth login
        if isinstance(self._error, ShippingError):
            raise self._error
        if self._error is not None:  # karrio could not read what the carrier said
            log.warning("%s: karrio failed on the answer: %r", carrier, self._error)
            raise CarrierUnreachableError("karrio_answer_unreadable", carrier=carrier) from None
        return self._result

    def _run(self) -> None:
        try:
            result, error = self._work(), None
        except BaseException as exc:  # handed to the waiting thread, or dropped when late
            result, error = None, exc
        with self._lock:
            self._result, self._error = result, error
            self._done.set()
            late = self._abandoned
        try:
            if late and self._late is not None and error is None:
                self._late(result)
        except Exception:
            log.exception("a late carrier answer could not be kept")
        finally:
            self.settled.set()


def _place(address: Address) -> dict[str, Any]:
    # karrio puts the town into MyDHL's query string as it is: quoted here, "San Donato
    # Milanese" makes a valid URL, which DHL reads back as the town.
    city = urllib.parse.quote(address.city)
    return {"postal_code": address.postcode, "city": city, "country_code": address.country}


_UNREACHABLE = (OSError, http.client.HTTPException)  # URLError, refused, reset, cut answers


def account_from(kind: wire.Kind) -> Callable[[Mapping[str, Any], str], wire.KarrioAccount]:
    def read(conf: Mapping[str, Any], secret: str) -> wire.KarrioAccount:
        label = str(conf.get("label", wire.DEFAULT_LABELS[kind]))
        if label not in wire.LABEL_FORMATS[kind]:
            raise ValueError(f"label {label!r}")
        return wire.KarrioAccount(
            kind=kind,
            url=str(conf.get("url") or wire.DEFAULT_URLS[kind]),
            user=str(conf["user"]),
            secret=secret,
            account_number=str(conf["account_number"]),
            service=str(conf.get("service") or wire.DEFAULT_SERVICES[kind]),
            label=cast(Any, label),
        )

    return read


def carrier_factory(kind: wire.Kind) -> Callable[[str, Settings], KarrioCarrier]:
    def make(code: str, settings: Settings) -> KarrioCarrier:
        account, conf = configured_account(code, settings, account_from(kind))
        deadline = float(conf.get("deadline_s", DEFAULT_DEADLINE_S))
        return KarrioCarrier(code, account, deadline)

    return make


for _kind in wire.KINDS:
    register_carrier(_kind, carrier_factory(_kind))
