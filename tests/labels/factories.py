"""View models a test can start from and change one field of (dataclasses.replace)."""

from __future__ import annotations

from decimal import Decimal

from station.labels.courier import Address, LabelView

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
