"""View models a test can start from and change one field of (dataclasses.replace)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from station.labels.courier import Address, LabelView
from station.labels.invoice_model import InvoiceLine, InvoiceView, Party

SENDER = Address(
    "Magazzino Rossi S.r.l.",
    street="Via Roma 1",
    postcode="20100",
    city="Milano",
    province="MI",
    phone="02 1234567",
)
RECIPIENT = Address(
    "Niccolò Bianchi",
    company="Bianchi & Figli",
    street="Corso Garibaldi 42",
    street2="Scala B, interno 7",
    postcode="00184",
    city="Roma",
    province="RM",
    phone="+39 333 1234567",
)

SELLER = Party(SENDER, vat_id="00743110157", tax_code="00743110157", rea="MI-123456")
BUYER_IT = Party(
    Address(
        "Mario Rossi", street="Via Garibaldi 7", postcode="10121", city="Torino", province="TO"
    ),
    tax_code="RSSMRA85T10A562S",
)
BUYER_DE = Party(
    Address("Beispiel GmbH", street="Hauptstraße 5", postcode="10115", city="Berlin", country="DE"),
    vat_id="136695976",
)

HOSTILE_NAMES = {
    "long": "Bartolomeo " * 18 + "Z" * 2,  # 200 characters
    "accents": "Niccolò Pérez-Müller Ærøskøbing",
    "greek": "Αλέξανδρος Παπαδόπουλος",
    "polish": "Łukasz Żółć Gęślą Jaźń",
    "emoji": "Anna 📦🚚 Rossi 👍🏽",
    "rtl": "שלום עליכם محمد",
    "zpl": "A^XZ~JR^FDevil~DGR:x",
}


def label_view(**changes: object) -> LabelView:
    from dataclasses import replace

    view = LabelView(
        SENDER,
        RECIPIENT,
        "BRT",
        "Express",
        2350,
        1,
        2,
        "1003",
        "RB123456785IT",
        Decimal("49.90"),
        sscc="157035381410375177",
    )
    return replace(view, **changes)  # type: ignore[arg-type]


def invoice_view(n_lines: int = 3, **changes: object) -> InvoiceView:
    """A B2C invoice from an Italian seller; `n_lines` lines cycling over 22, 10 and 4 % VAT."""
    from dataclasses import replace

    rates = (Decimal("22"), Decimal("10"), Decimal("4"))
    lines = [
        InvoiceLine(
            f"Tazza blu 350 ml, lotto {i}",
            Decimal(1 + i % 3),
            Decimal("8.19") + i,
            rates[i % 3],
            sku=f"SKU-{i:04d}",
        )
        for i in range(n_lines)
    ]
    view = InvoiceView(
        "2025/000123", dt.date(2025, 3, 14), SELLER, BUYER_IT, lines, order_number="1003"
    )
    return replace(view, **changes)  # type: ignore[arg-type]
