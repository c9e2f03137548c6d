"""Render sample documents to PNG for review: `.venv/bin/python docs/documents/render_samples.py`.

Needs pdftoppm (poppler-utils) and, for the ZPL preview, zplkit.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from station.labels.brt_label import BrtLabelView, brt_label_pdf, brt_label_zpl  # noqa: E402
from station.labels.courier import label_pdf, label_zpl  # noqa: E402
from station.labels.ddt import DdtLine, DdtView, ddt_pdf  # noqa: E402
from station.labels.invoice import invoice_pdf  # noqa: E402
from station.labels.invoice_model import InvoiceLine, totals  # noqa: E402
from station.labels.manifest import ManifestParcel, ManifestView, manifest_pdf  # noqa: E402
from station.labels.slip import SlipLine, SlipView, slip_pdf  # noqa: E402
from station.labels.zpl import preview_png  # noqa: E402
from tests.labels.factories import (  # noqa: E402
    BUYER_DE,
    RECIPIENT,
    SELLER,
    SENDER,
    invoice_view,
    label_view,
)


def _png(pdf: bytes, name: str, dpi: int = 110) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.pdf"
        src.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(dpi),
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(src),
                str(HERE / name),
            ],
            check=True,
        )


def main() -> None:
    view = label_view()
    _png(label_pdf(view), "label-4x6", 150)
    ascii_view = replace(view, recipient=replace(RECIPIENT, name="Niccolo Bianchi"))
    (HERE / "label-zpl-203.png").write_bytes(preview_png(label_zpl(ascii_view)))
    brt = BrtLabelView(
        "102099040321962724", 102, "099", "099", "72", 4, 321_962, "C", "1003",
        dt.date(2025, 3, 14), replace(RECIPIENT, name="Niccolo Bianchi"), 1, 2, 1200,
        Decimal("49.90"),
    )  # fmt: skip
    _png(brt_label_pdf(brt), "brt-own-label", 150)
    (HERE / "brt-own-label-zpl-203.png").write_bytes(
        preview_png(brt_label_zpl(brt), 203, width_mm=95, height_mm=65)
    )
    lines = [
        SlipLine("SKU-0001", "Tazza blu 350 ml", 2, 2),
        SlipLine("SKU-0002", "Teiera in ghisa 1 l", 1, 0, short=1),
        SlipLine("SKU-0003", "Strofinaccio di lino, confezione da 3", 3, 3),
    ]
    _png(
        slip_pdf(
            SlipView("1003", dt.date(2025, 3, 14), RECIPIENT, lines, "Negozio Demo", "BRT", 2)
        ),
        "packing-slip-a4",
    )
    inv = invoice_view(8)
    inv = replace(
        inv,
        lines=[
            *inv.lines,
            InvoiceLine("Spedizione", Decimal(1), Decimal("6.50"), Decimal(22), sku="SHIP"),
        ],
    )
    # Cash on delivery, the shop's total a cent above the per-rate VAT: shown as the rounding.
    lines_total = totals(inv.lines).total
    cod = replace(inv, payment_method="MP01", cod=True, paid=False)
    _png(invoice_pdf(replace(cod, shop_total=lines_total + Decimal("0.01"))), "invoice-it")
    _png(invoice_pdf(invoice_view(4, buyer=BUYER_DE)), "invoice-en")
    parcels = tuple(
        ManifestParcel(
            str(1000 + i),
            f"BR{i:08d}",
            RECIPIENT,
            900 + 37 * i,
            cod_amount=Decimal("19.90") if i % 3 == 0 else None,
        )
        for i in range(12)
    )
    _png(
        manifest_pdf(ManifestView("BRT", dt.date(2025, 3, 14), SENDER, parcels, "0102345")),
        "manifest",
    )
    _png(
        ddt_pdf(
            DdtView(
                "2025/42",
                dt.date(2025, 3, 14),
                SELLER,
                BUYER_DE,
                [DdtLine("SKU-0001", "Tazze blu 350 ml", Decimal(24))],
                "BRT S.p.A.",
                2,
                5300,
            )
        ),
        "ddt",
    )


if __name__ == "__main__":
    main()
