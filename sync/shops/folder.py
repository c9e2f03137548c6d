"""Drop folder: order files (CSV or JSON) for shops without an API. See docs/drop-folder.md.

A file is read whole, its orders imported, and then it moves to `done/`, or to `failed/` with
`<file>.reason.txt` beside it. Shipments go out as one JSON file per parcel in `shipped/`,
written atomically, so writing one twice changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from station.domain.messages import Phrase
from station.files import write_atomically
from sync.errors import OfflineError, PermanentError
from sync.remote import (
    ADDRESS_KEYS,
    RemoteLine,
    RemoteOrder,
    RemoteProduct,
    Shipment,
    ShopState,
    address,
    money,
    parse_utc,
)
from sync.shops.registry import ShopAccess, register_shop_kind

STATES = {
    "": ShopState.OPEN,
    "open": ShopState.OPEN,
    "hold": ShopState.ON_HOLD,
    "cancelled": ShopState.CANCELLED,
}


class DropFolder:
    kind = "folder"

    def __init__(self, name: str, path: Path) -> None:
        self.name = name
        self.path = path
        self.pending_moves: list[tuple[Path, str]] = []

    def close(self) -> None:
        self._finish_moves()

    def test(self) -> Phrase:
        if not self.path.is_dir():
            raise PermanentError("folder_missing", shop=self.name, path=self.path)
        files = [p for p in self.path.iterdir() if p.suffix.lower() in (".csv", ".json")]
        return Phrase("folder_ready", {"count": len(files)})

    def _files(self) -> list[Path]:
        """The files waiting; a folder that is gone (an unmounted share, a deleted folder) is
        this shop being unreachable, not a crash of every round."""
        try:
            return sorted(
                p
                for p in self.path.iterdir()
                if p.is_file() and p.suffix.lower() in (".csv", ".json")
            )
        except OSError as exc:
            raise OfflineError(
                "drop_folder_unreadable", shop=self.name, path=self.path, error=exc.strerror
            ) from None

    def order_pages(self, since: dt.datetime | None) -> Iterator[list[RemoteOrder]]:
        self._finish_moves()
        for file in self._files():
            try:
                orders = read_orders(file)
            except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
                _move(file, "failed", f"{type(exc).__name__}: {exc}")
                continue
            yield orders
            # Moved only after the importer committed the page (the generator resumes then).
            _move(file, "done", "")

    def _finish_moves(self) -> None:
        self.pending_moves.clear()

    def product_pages(self) -> Iterator[list[RemoteProduct]]:
        return iter(())

    def fetch_order(self, external_id: str) -> RemoteOrder | None:
        return None

    def push(self, shipment: Shipment) -> None:
        self._files()  # the folder must be there: its `shipped` folder is not created elsewhere
        out = self.path / "shipped"
        out.mkdir(exist_ok=True)
        seq = shipment.payload.get("parcel_seq", "order")
        target = out / f"{shipment.order_number}-{seq}.json"
        data = {
            "order": shipment.order_number,
            "external_id": shipment.order_external_id,
            "kind": shipment.kind,
            **shipment.payload,
        }
        write_atomically(target, json.dumps(data, indent=1).encode("utf-8"), mode=0o644)


def _move(file: Path, folder: str, reason: str) -> None:
    target_dir = file.parent / folder
    target_dir.mkdir(exist_ok=True)
    target = target_dir / file.name
    if target.exists():
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
        target = target_dir / f"{file.stem}.{stamp}{file.suffix}"
    file.replace(target)
    if reason:
        target.with_name(target.name + ".reason.txt").write_text(reason + "\n", encoding="utf-8")


def read_orders(file: Path) -> list[RemoteOrder]:
    stamp = dt.datetime.fromtimestamp(file.stat().st_mtime, dt.UTC)
    if file.suffix.lower() == ".json":
        body = json.loads(file.read_text(encoding="utf-8"))
        raw = body.get("orders") if isinstance(body, dict) else body
        if not isinstance(raw, list):
            raise ValueError('expected a list of orders or {"orders": [...]}')
        return [_order(o, stamp) for o in raw]
    return _csv_orders(file, stamp)


def _csv_orders(file: Path, stamp: dt.datetime) -> list[RemoteOrder]:
    text = file.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    grouped: dict[str, dict[str, Any]] = {}
    for n, row in enumerate(csv.DictReader(text.splitlines(), dialect=dialect), start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        if not row.get("order"):
            raise ValueError(f"line {n}: the 'order' column is empty")
        order = grouped.setdefault(
            row["order"],
            {
                **{
                    k: v
                    for k, v in row.items()
                    if k not in ("sku", "name", "quantity", "price", "vat_rate")
                },
                "number": row["order"],
                "lines": [],
            },
        )
        order["lines"].append(
            {
                "sku": row.get("sku", ""),
                "name": row.get("name", ""),
                "quantity": row.get("quantity", ""),
                "price": row.get("price"),
                "vat_rate": row.get("vat_rate"),
            }
        )
    return [_order(o, stamp) for o in grouped.values()]


def _order(o: dict[str, Any], stamp: dt.datetime) -> RemoteOrder:
    number = str(o.get("number") or o.get("order") or "")
    if not number:  # its number is its id in a drop folder
        return RemoteOrder.without_id(o, "", stamp)
    try:
        ship = o.get("shipping") or {k: o.get(f"ship_{k}") or o.get(k) for k in ADDRESS_KEYS}
        lines = [
            RemoteLine(
                external_id=str(n),
                sku=str(li.get("sku") or ""),
                name=str(li.get("name") or ""),
                quantity=int(li["quantity"]),
                unit_price=money(li.get("price")),
                vat_rate=money(li.get("vat_rate")),
            )
            for n, li in enumerate(o.get("lines") or [], start=1)
        ]
        return RemoteOrder(
            external_id=number,
            number=number,
            state=STATES[str(o.get("status") or "").lower()],
            updated_at=parse_utc(o["updated_at"]) if o.get("updated_at") else stamp,
            customer_name=str(ship.get("name") or ""),
            customer_email=str(o.get("email") or ""),
            shipping_address=address(**ship),
            billing_address=address(**ship),
            currency=str(o.get("currency") or "EUR"),
            total=money(o.get("total")),
            shipping_total=money(o.get("shipping_total")),
            payment_method=str(o.get("payment_method") or ""),
            cod=str(o.get("cod") or "").lower() in ("1", "true", "yes"),
            shipping_method=str(o.get("shipping_method") or ""),
            customer_note=str(o.get("note") or ""),
            lines=lines,
        )
    except (KeyError, ValueError, TypeError) as exc:
        return RemoteOrder.broken(number, number, f"{type(exc).__name__}: {exc}", stamp)


def _connect(shop: ShopAccess) -> DropFolder:
    return DropFolder(shop.name, Path(shop.settings["path"]))


register_shop_kind(DropFolder.kind, _connect, location="path")
