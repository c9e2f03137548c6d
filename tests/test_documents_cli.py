"""Documents from the product: tracking ranges at the bench, labels, invoices and manifests from
the `station` command, read back as a user's tools would."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from importlib.resources import as_file, files
from pathlib import Path

import pytest
import tomli_w
from lxml import etree
from sqlalchemy import select

from station.app import open_home
from station.db.models import Counter, Event, Order
from station.domain import OrderStatus
from station.domain import events as ev
from station.labels.tracking import NumberRange, format_number
from station.printing.archive import DocumentArchive, label_ref, labels_ref
from tests.conftest import require_tool
from tests.console_process import ean_of, run_console, run_station

pytestmark = pytest.mark.slow

station = run_station


def ok(run: subprocess.CompletedProcess[str]) -> str:
    assert run.returncode == 0, run.stderr
    return run.stdout


def one_line_error(run: subprocess.CompletedProcess[str]) -> str:
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1, run.stderr
    return run.stderr


def order_json(home: Path, number: str) -> dict:  # type: ignore[type-arg]
    run = station(home, "orders", "show", number, "--json")
    assert run.returncode == 0, run.stderr
    data: dict = json.loads(run.stdout)  # type: ignore[type-arg]
    return data


def test_a_range_running_low_warns_and_an_exhausted_range_stops_the_order(tmp_path: Path) -> None:
    # GIVEN a bench whose GLS range has a single number left
    home = tmp_path / "bench"
    home.mkdir()
    ranges = {"GLS": {"first": 7, "last": 7, "prefix": "M1", "width": 9, "check": "luhn"}}
    (home / "station.toml").write_text(tomli_w.dumps({"tracking_ranges": ranges}))
    # WHEN two GLS orders are packed
    out = run_console(
        home,
        ["1001", ean_of("TSH-01"), "WEIGH", "1005", ean_of("TSH-04"), ean_of("MUG-03"), "WEIGH"],
    )
    # THEN the first ships with the last number and a warning, the second fails in one sentence
    assert any(line.startswith("DONE 1001") for line in out)
    warns = [line for line in out if line.startswith("WARN")]
    assert len(warns) == 1
    assert "Only 0 GLS numbers are left" in warns[0]
    errors = [line for line in out if line.startswith("ERROR shipping")]
    assert len(errors) == 1
    assert "GLS number range (7-7) is used up" in errors[0]
    assert not any(line.startswith("DONE 1005") for line in out)
    expected = format_number(NumberRange("GLS", 7, 7, "M1", width=9, check="luhn"), 7)
    assert order_json(home, "1001")["parcels"][0]["tracking_number"] == expected
    # AND nothing of the failed order was numbered or labelled
    with open_home(home) as ctx, ctx.db.read() as session:
        cod = session.scalars(select(Order).where(Order.number == "1005")).one()
        assert cod.status == OrderStatus.PACKING
        assert all(p.tracking_number is None and not p.label_path for p in cod.parcels)
        counters = {c.name: c.value for c in session.scalars(select(Counter))}
        assert counters == {"tracking:GLS:M1:7-7": 7}


def test_print_at_the_bench_writes_the_packing_slip_with_packed_and_short_units(
    tmp_path: Path,
) -> None:
    require_tool("pdftotext")
    # GIVEN order 1002 open at the bench with one of its two mugs scanned
    home = tmp_path / "bench"
    # WHEN the operator scans PRINT
    out = run_console(home, ["1002", ean_of("MUG-01"), "PRINT"])
    # THEN the slip is written to the documents folder and says what is packed so far
    printed = [line for line in out if line.startswith("PRINT slip 1002")]
    assert len(printed) == 1
    path = Path(printed[0].split()[-1])
    assert path == home / "documents" / "slip-1002.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Distinta di imballo" in text
    assert "ORD1002" in text
    mug = next(line for line in text.splitlines() if "MUG-01" in line)
    assert mug.split()[-3:] == ["2", "1", "1"]  # ordered, packed, short


@pytest.fixture(scope="module")
def shipped_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bench that packed 1004 (BRT, two parcels), 1001 (GLS) and 1002 (SDA)."""
    home = tmp_path_factory.mktemp("docs") / "bench"
    pan1, pan2 = ean_of("PAD-01"), ean_of("PAD-02")
    heavy = ["1004", pan1, pan1, pan1, pan1, "WEIGH", pan1, pan1, pan2, pan2, "WEIGH"]
    light = ["1001", ean_of("TSH-01"), "WEIGH"]
    mugs = ["1002", ean_of("MUG-01"), ean_of("MUG-01"), ean_of("CAV-01"), "WEIGH"]
    out = run_console(home, heavy + light + mugs)
    assert [line.split()[1] for line in out if line.startswith("DONE")] == ["1004", "1001", "1002"]
    return home


def tracking_numbers(home: Path, number: str) -> list[str]:
    return [p["tracking_number"] for p in order_json(home, number)["parcels"]]


def test_label_prints_every_parcel_of_a_packed_order_with_readable_barcodes(
    shipped_home: Path, tmp_path: Path
) -> None:
    require_tool("pdftoppm")
    require_tool("zbarimg")
    from tests.labels.readback import pdf_barcodes

    # GIVEN order 1004 packed in two parcels with BRT numbers from the configured range
    expected = tracking_numbers(shipped_home, "1004")
    assert len(expected) == 2
    assert all(n.startswith("0612") for n in expected)
    # WHEN its labels are printed as PDF and as ZPL
    pdf, zpl = tmp_path / "1004.pdf", tmp_path / "1004.zpl"
    ok(station(shipped_home, "label", "1004", "-o", str(pdf)))
    ok(station(shipped_home, "label", "1004", "--format", "zpl", "--dpi", "300", "-o", str(zpl)))
    # THEN both parcels' barcodes decode to the tracking numbers the order shows
    decoded = sorted(d.data for d in pdf_barcodes(pdf.read_bytes()) if d.data in expected)
    assert decoded == sorted(expected)
    text = zpl.read_text()
    assert text.count("^XA") == 2
    assert all(n in text for n in expected)


def test_label_as_zpl_at_the_printers_resolution_is_what_the_printer_was_sent(
    shipped_home: Path, tmp_path: Path
) -> None:
    # GIVEN order 1004 packed in two parcels, its labels archived as the bench printed them
    archive = DocumentArchive(shipped_home)
    printed = b"".join(archive.read(label_ref("1004", seq), "zpl") for seq in (1, 2))
    # WHEN its labels are asked for as ZPL at the bench's 203 dpi, into the default file
    ok(station(shipped_home, "label", "1004", "--format", "zpl"))
    # THEN the file holds exactly the archived copies, beside them
    assert archive.path(labels_ref("1004"), "zpl").read_bytes() == printed


def test_label_of_an_order_not_packed_is_one_clear_line(shipped_home: Path) -> None:
    err = one_line_error(station(shipped_home, "label", "1005"))
    assert "not packed yet" in err


def test_invoice_numbers_are_gap_free_stable_and_the_fatturapa_validates(
    shipped_home: Path, tmp_path: Path
) -> None:
    # GIVEN three shipped orders, one still queued, and a buyer without a codice fiscale
    year = dt.date.today().year
    xml = tmp_path / "1004.xml"
    set_tax_code(shipped_home, "1004", "")  # a shop that did not ask for it
    missing = one_line_error(station(shipped_home, "invoice", "1004", "--fatturapa", str(xml)))
    assert "tax code (codice fiscale)" in missing
    set_tax_code(shipped_home, "1004", "RSSMRA85T10A562S")
    # WHEN invoices are printed, some fail, one order is printed again
    first = ok(station(shipped_home, "invoice", "1004", "--fatturapa", str(xml)))
    one_line_error(station(shipped_home, "invoice", "1005"))  # not shipped: no number
    blocked = tmp_path / "file"
    blocked.write_text("")
    one_line_error(station(shipped_home, "invoice", "1001", "-o", str(blocked / "x.pdf")))
    second = ok(station(shipped_home, "invoice", "1001"))
    again = ok(station(shipped_home, "invoice", "1004", "-o", str(tmp_path / "again.pdf")))
    # THEN numbers follow each other without a gap, and a reprint keeps its number
    assert f"invoice {year}/000001 for order 1004" in first
    assert f"invoice {year}/000002 for order 1001" in second
    assert f"invoice {year}/000001 for order 1004" in again
    assert (tmp_path / "again.pdf").read_bytes().startswith(b"%PDF")
    # AND the e-invoice validates against the FatturaPA schema
    data = xml.read_bytes()
    assert f"<Numero>{year}/000001</Numero>".encode() in data
    validate_fatturapa(data)


def set_tax_code(home: Path, number: str, tax_code: str) -> None:
    """As a shop sends it with the billing address."""
    with open_home(home) as ctx, ctx.db.write() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        order.billing_address = {**order.billing_address, "tax_code": tax_code}


def validate_fatturapa(xml: bytes) -> None:
    xsd = files("station.labels.xsd") / "Schema_del_file_xml_FatturaPA_v1.2.2.xsd"
    with as_file(xsd) as path:
        schema = etree.XMLSchema(etree.parse(str(path)))
    assert schema.validate(etree.fromstring(xml)), schema.error_log


def test_manifest_lists_the_days_parcels_and_reprints_the_same(
    shipped_home: Path, tmp_path: Path
) -> None:
    # GIVEN BRT parcels shipped today
    expected = tracking_numbers(shipped_home, "1004")
    # WHEN the BRT manifest is printed as CSV, then again, then as PDF
    first, second = tmp_path / "brt.csv", tmp_path / "brt-again.csv"
    ok(station(shipped_home, "manifest", "--carrier", "brt", "-o", str(first)))
    ok(station(shipped_home, "manifest", "--carrier", "BRT", "-o", str(second)))
    ok(station(shipped_home, "manifest", "--carrier", "BRT", "-o", str(tmp_path / "brt.pdf")))
    # THEN it holds exactly that carrier's parcels, the reprint is the same, the day is closed
    rows = first.read_text(encoding="utf-8-sig").splitlines()[1:]
    assert sorted(row.split(";")[3] for row in rows) == sorted(expected)
    assert first.read_bytes() == second.read_bytes()
    assert (tmp_path / "brt.pdf").read_bytes().startswith(b"%PDF")
    with open_home(shipped_home) as ctx, ctx.db.read() as session:
        closings = session.scalars(select(Event).where(Event.type == ev.ManifestClosed.TYPE))
        assert [e.payload["carrier"] for e in closings] == ["BRT"]
    # AND a carrier with nothing shipped is one clear line
    assert "no DHL parcels" in one_line_error(station(shipped_home, "manifest", "--carrier", "DHL"))
