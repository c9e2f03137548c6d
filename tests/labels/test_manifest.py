"""The end-of-day manifest (borderò)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from station.labels.courier import Address
from station.labels.manifest import (
    ManifestParcel,
    ManifestView,
    manifest_csv,
    manifest_pdf,
    manifest_totals,
)
from tests.labels.factories import HOSTILE_NAMES, RECIPIENT, SENDER
from tests.labels.readback import needs_pdftotext, needs_raster, pdf_text


def _manifest(n: int = 30) -> ManifestView:
    parcels = tuple(
        ManifestParcel(
            f"{1000 + i // 2}",
            f"BR{i:08d}",
            RECIPIENT,
            1000 + 10 * i,
            i % 2 + 1,
            2,
            Decimal("10.05") if i % 2 == 0 else None,
        )
        for i in range(n)
    )
    return ManifestView("BRT", dt.date(2025, 3, 14), SENDER, parcels, customer_code="0102345")


def test_manifest_totals_count_parcels_weight_and_cod() -> None:
    t = manifest_totals(_manifest(30))
    assert (t.parcels, t.shipments) == (30, 15)
    assert t.weight_g == sum(1000 + 10 * i for i in range(30))
    assert t.cod_by_currency == {"EUR": Decimal("150.75")}


@needs_pdftotext
def test_manifest_pdf_lists_every_parcel_and_the_totals_over_pages() -> None:
    # GIVEN a day with 60 parcels
    view = _manifest(60)
    # WHEN the borderò is printed
    text = pdf_text(manifest_pdf(view))
    # THEN every tracking number, the parcel count, total weight and COD total are there
    for i in range(60):
        assert f"BR{i:08d}" in text
    assert "Parcels: 60" in text
    assert "EUR 301.50" in text
    assert "14/03/2025" in text
    assert text.count("\f") >= 2


def test_manifest_csv_has_one_row_per_parcel_and_no_formulas() -> None:
    hostile = ManifestParcel("1", "X1", Address('=HYPERLINK("x")\nEvil;Name', city="Roma"), 10)
    view = ManifestView("GLS", dt.date(2025, 1, 2), SENDER, (*_manifest(4).parcels, hostile))
    rows = list(csv.DictReader(io.StringIO(manifest_csv(view).decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 5
    assert rows[0]["weight_kg"] == "1.000"
    assert rows[0]["cod_amount"] == "10.05"
    assert rows[-1]["recipient_name"].startswith("'=")
    assert "\n" not in rows[-1]["recipient_name"]


@needs_raster
@needs_pdftotext
def test_manifest_survives_hostile_names() -> None:
    parcels = tuple(
        ManifestParcel(str(i), f"T{i}", Address(name), 100)
        for i, name in enumerate(HOSTILE_NAMES.values())
    )
    pdf = manifest_pdf(ManifestView("SDA", dt.date(2025, 1, 2), SENDER, parcels))
    assert "Łukasz" in pdf_text(pdf)
