"""Demo data: a small Italian web shop's catalogue, boxes, staff and a morning's orders.

Everything is generated from a fixed seed, so the same demo home always holds the same
orders, and every EAN-13 has a valid check digit.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from station.db.models import BoxType, Operator, Order, Product, ProductBarcode, Shop
from station.domain import Role
from station.domain import events as ev
from station.domain.barcodes import gtin_check_digit, normalize_code
from station.services.events import new_uid, record_all, recorded
from station.services.security import hash_pin

COMPANY_PREFIX = "8099999"  # a made-up Italian GS1 company prefix
DEMO_SHOP = "Demo Shop"


@dataclass(frozen=True)
class DemoProduct:
    sku: str
    name: str
    weight_g: int
    dims_mm: tuple[int, int, int]
    price: str
    vat: str = "22"
    lot: bool = False
    serial: bool = False
    pack: int = 0  # units in an outer pack with its own GTIN-14


_FAMILIES: list[tuple[str, str, int, tuple[int, int, int], str, dict[str, object]]] = [
    ("MUG", "Tazza in ceramica {}", 350, (120, 90, 100), "9.90", {"pack": 6}),
    ("CAF", "Caffè macinato {} 250 g", 270, (90, 60, 160), "6.50", {"vat": "10", "lot": True}),
    ("OLI", "Olio extravergine {} 500 ml", 980, (70, 70, 280), "12.90", {"vat": "4", "lot": True}),
    ("TSH", "T-shirt cotone {}", 180, (250, 200, 20), "19.00", {}),
    ("CRE", "Crema viso {} 50 ml", 120, (60, 60, 80), "24.50", {"lot": True}),
    ("CUF", "Cuffie bluetooth {}", 260, (190, 170, 80), "59.00", {"serial": True}),
    ("PAD", "Padella ghisa {} 28 cm", 2900, (480, 300, 60), "45.00", {}),
    ("LIB", "Libro di cucina {}", 650, (240, 170, 30), "22.00", {"vat": "4"}),
    ("CAN", "Candela profumata {}", 420, (90, 90, 110), "14.90", {"pack": 4}),
    ("CAV", "Cavo USB-C {} 1 m", 60, (150, 80, 20), "8.90", {}),
]
_VARIANTS = ["Bianca", "Blu", "Verde", "Rossa", "Nera"]

BOXES = [
    ("BOXS", "Scatola S 25×20×10", (250, 200, 100), 120, 5000),
    ("BOXM", "Scatola M 35×25×20", (350, 250, 200), 250, 15000),
    ("BOXL", "Scatola L 50×40×30", (500, 400, 300), 450, 20000),
    ("ENVL", "Busta imbottita", (300, 220, 30), 40, 1000),
]

OPERATORS = [
    ("anna", "OPANNA", Role.OPERATOR, "1111"),
    ("marco", "OPMARCO", Role.OPERATOR, "2222"),
    ("giulia", "OPGIULIA", Role.LEAD, "9999"),
]

_CUSTOMERS = [
    ("Maria Rossi", "Via Roma 1", "20121", "Milano", "MI"),
    ("Luca Bianchi", "Corso Vittorio Emanuele II 45", "10123", "Torino", "TO"),
    ("Giulia Esposito", "Via Toledo 256", "80134", "Napoli", "NA"),
    ("Francesco Romano", "Piazza Maggiore 6", "40124", "Bologna", "BO"),
    ("Chiara Colombo", "Via dei Calzaiuoli 12", "50122", "Firenze", "FI"),
    ("Alessandro Ricci", "Via del Corso 300", "00186", "Roma", "RM"),
    ("Sofia Marino", "Via Garibaldi 8", "16124", "Genova", "GE"),
    ("Matteo Greco", "Via Etnea 120", "95131", "Catania", "CT"),
    ("Elena Bruno", "Calle Larga XXII Marzo 2", "30124", "Venezia", "VE"),
    ("Davide Gallo", "Via Sparano 90", "70121", "Bari", "BA"),
]
# Made-up codici fiscali with valid check characters, one per customer above: FatturaPA needs
# the buyer's fiscal code for a private person.
_TAX_CODES = [
    "RSSMRA80A41F205B",
    "BNCLCU75B12L219Q",
    "SPSGLI90C45F839S",
    "RMNFNC85D10A944E",
    "CLMCHR92E50D612C",
    "RCCLSN78H15H501X",
    "MRNSFO95L60D969G",
    "GRCMTT88M20C351O",
    "BRNLNE83P55L736F",
    "GLLDVD70R05A662G",
]
_CARRIERS = [("BRT", "express"), ("GLS", "business"), ("SDA", "standard"), ("POSTE", "crono")]


def ean13(item_ref: int) -> str:
    body = f"{COMPANY_PREFIX}{item_ref:05d}"
    return body + str(gtin_check_digit(body))


def pack_gtin14(ean: str) -> str:
    body = "1" + ean[:-1]
    return body + str(gtin_check_digit(body))


def demo_products() -> list[DemoProduct]:
    products = []
    for family, (code, name, weight, dims, price, extra) in enumerate(_FAMILIES):
        for index, variant in enumerate(_VARIANTS):
            products.append(
                DemoProduct(
                    sku=f"{code}-{index + 1:02d}",
                    name=name.format(variant.lower() if family else variant),
                    weight_g=weight + index * 10,
                    dims_mm=dims,
                    price=price,
                    vat=str(extra.get("vat", "22")),
                    lot=bool(extra.get("lot", False)),
                    serial=bool(extra.get("serial", False)),
                    pack=int(str(extra.get("pack", 0))),
                )
            )
    return products


def product_ean(product_index: int) -> str:
    return ean13(100 + product_index)


def is_empty(session: Session) -> bool:
    products = session.scalar(select(func.count(Product.id))) or 0
    orders = session.scalar(select(func.count(Order.id))) or 0
    return products == 0 and orders == 0


def seed(session: Session, now: dt.datetime, shop_dir: Path) -> None:
    """Fill an empty database with the demo. Call inside a write transaction.

    The demo shop is a drop folder (`shop_dir`): shipments sent to it land there as files.
    """
    shop_dir.mkdir(parents=True, exist_ok=True)
    shop = Shop(name=DEMO_SHOP, kind="folder", url="", settings={"path": str(shop_dir.resolve())})
    session.add(shop)
    products = _seed_products(session)
    _seed_boxes(session)
    _seed_operators(session)
    session.flush()
    _seed_orders(session, shop, products, now)


def _seed_products(session: Session) -> list[Product]:
    rows = []
    for index, demo in enumerate(demo_products()):
        ean = product_ean(index)
        product = Product(
            sku=demo.sku,
            name=demo.name,
            weight_g=demo.weight_g,
            length_mm=demo.dims_mm[0],
            width_mm=demo.dims_mm[1],
            height_mm=demo.dims_mm[2],
            bin_location=f"A-{index // 10 + 1:02d}-{index % 10 + 1:02d}",
            requires_lot=demo.lot,
            requires_expiry=demo.lot,
            requires_serial=demo.serial,
        )
        product.barcodes.append(ProductBarcode(code=normalize_code(ean), units=1))
        if demo.pack:
            product.barcodes.append(ProductBarcode(code=pack_gtin14(ean), units=demo.pack))
        session.add(product)
        rows.append(product)
    return rows


def _seed_boxes(session: Session) -> None:
    for code, name, (length, width, height), tare, max_weight in BOXES:
        session.add(
            BoxType(
                code=code,
                name=name,
                inner_length_mm=length,
                inner_width_mm=width,
                inner_height_mm=height,
                tare_g=tare,
                max_weight_g=max_weight,
            )
        )


def _seed_operators(session: Session) -> None:
    for name, badge, role, pin in OPERATORS:
        session.add(Operator(name=name, badge=badge, role=role, pin_hash=hash_pin(pin)))


# Orders whose shape matters to the tour and the tests: number -> (sku, quantity) lines.
SHAPED_ORDERS: dict[str, list[tuple[str, int]]] = {
    "1001": [("TSH-01", 1)],
    "1002": [("MUG-01", 2), ("CAV-01", 1)],
    "1003": [
        ("MUG-02", 1),
        ("TSH-02", 2),
        ("CAV-02", 1),
        ("LIB-01", 1),
        ("CAN-01", 1),
        ("TSH-03", 1),
        ("CAV-03", 2),
    ],
    "1004": [("PAD-01", 6), ("PAD-02", 2)],  # heavy: more than one box can carry
    "1005": [("TSH-04", 1), ("MUG-03", 1)],  # cash on delivery
    "1006": [("CAV-04", 1)],  # express, early cut-off
    "1007": [("LIB-02", 1)],  # held
    "1008": [("CAF-01", 2), ("OLI-01", 1)],  # lot and expiry
    "1009": [("CUF-01", 2)],  # serial numbers
    "1010": [("MUG-04", 6), ("CAN-02", 4)],  # outer packs
}


def _seed_orders(session: Session, shop: Shop, products: list[Product], now: dt.datetime) -> None:
    """The morning's orders, imported from the demo shop like any shop's."""
    rng = random.Random(1001)
    by_sku = {p.sku: p for p in products}
    demos = {d.sku: d for d in demo_products()}
    plain = [p for p in products if not (p.requires_lot or p.requires_serial)]
    imports = []
    for n in range(1001, 1036):
        number = str(n)
        shaped = SHAPED_ORDERS.get(number)
        if shaped is None:
            picks = rng.sample(plain, rng.randint(1, 4))
            shaped = [(p.sku, rng.randint(1, 3)) for p in picks]
        lines = tuple(
            _line(line_no, by_sku[sku], demos[sku], quantity)
            for line_no, (sku, quantity) in enumerate(shaped, start=1)
        )
        imports.append(recorded(_order(number, n, rng, now, shop, lines), at=now))
    record_all(session, imports)


def _order(
    number: str,
    n: int,
    rng: random.Random,
    now: dt.datetime,
    shop: Shop,
    lines: tuple[ev.ImportedLine, ...],
) -> ev.OrderImported:
    name, street, postcode, city, province = _CUSTOMERS[n % len(_CUSTOMERS)]
    carrier, service = _CARRIERS[n % len(_CARRIERS)]
    created = now - dt.timedelta(minutes=5 * (1040 - n))
    address = {
        "name": name,
        "street": street,
        "postcode": postcode,
        "city": city,
        "province": province,
        "country": "IT",
        "phone": f"+39 3{rng.randint(10, 99)} {rng.randint(1000000, 9999999)}",
    }
    # As a shop sends it: the total the customer pays (VAT and shipping included), line
    # prices without VAT to four decimals (the catalogue's prices are VAT-included).
    shipping = Decimal("6.90")
    total = sum((_gross(ln) * ln.quantity for ln in lines), Decimal("0")) + shipping
    details = ev.OrderDetails(
        customer_name=name,
        customer_email=name.lower().replace(" ", ".") + "@example.com",
        shipping_address=address,
        billing_address={**address, "tax_code": _TAX_CODES[n % len(_TAX_CODES)]},
        currency="EUR",
        total=total,
        shipping_total=shipping,
        payment_method="carta",
    )
    order = ev.OrderImported(
        order=new_uid(),
        number=number,
        shop=shop.name,
        external_id=f"demo-{number}",
        created_at=created,
        details=details,
        carrier=carrier,
        service=service,
        cutoff_at=now.replace(hour=16, minute=0, second=0, microsecond=0) + dt.timedelta(days=1),
        lines=lines,
    )
    return _special(order, now)


def _line(line_no: int, product: Product, demo: DemoProduct, quantity: int) -> ev.ImportedLine:
    return ev.ImportedLine(
        line=new_uid(),
        line_no=line_no,
        sku=product.sku,
        name=product.name,
        quantity=quantity,
        unit_price=(Decimal(demo.price) * 100 / (100 + Decimal(demo.vat))).quantize(_NET),
        vat_rate=Decimal(demo.vat),
        external_id=f"{line_no}",
    )


_NET = Decimal("0.0001")


def _gross(line: ev.ImportedLine) -> Decimal:
    """The catalogue's VAT-included price the net line price was made from."""
    return (line.unit_price * (100 + line.vat_rate) / 100).quantize(Decimal("0.01"))


def _special(order: ev.OrderImported, now: dt.datetime) -> ev.OrderImported:
    details = order.details
    if order.number == "1005":
        details = replace(details, payment_method="contrassegno", cod_amount=details.total)
        return replace(order, details=details)
    if order.number == "1006":
        details = replace(details, customer_note="Consegna entro domani, grazie!")
        return replace(
            order,
            details=details,
            priority=5,
            service="express",
            cutoff_at=now + dt.timedelta(hours=1),
        )
    if order.number == "1007":
        return replace(order, hold=ev.Reason("hold_note", {"note": "indirizzo da verificare"}))
    if order.number == "1004":
        return replace(order, carrier="BRT", service="standard")
    return order
