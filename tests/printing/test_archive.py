"""The archive derives every document's files from its reference, and writes them whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from station.domain import events as ev
from station.printing.archive import DocumentArchive, label_ref, labels_ref, slip_ref


def test_a_reference_names_its_files_under_the_home(tmp_path: Path) -> None:
    archive = DocumentArchive(tmp_path)
    assert archive.path(label_ref("1001", 2), "zpl") == tmp_path / "labels" / "1001-2.zpl"
    assert archive.path(labels_ref("1001"), "pdf") == tmp_path / "labels" / "1001-labels.pdf"
    assert archive.path(slip_ref("1001")) == tmp_path / "documents" / "slip-1001.pdf"
    with pytest.raises(ValueError, match="not kept as zpl"):
        archive.path(slip_ref("1001"), "zpl")


def test_written_documents_are_read_back_in_the_formats_on_disk(tmp_path: Path) -> None:
    # GIVEN a label archived as PDF only
    archive = DocumentArchive(tmp_path)
    ref = label_ref("1001", 1)
    archive.write(ref, "pdf", b"%PDF-1")
    # THEN the archive offers it as PDF, not ZPL, and leaves no temporary file behind
    assert archive.formats(ref) == ("pdf",)
    assert archive.read(ref, "pdf") == b"%PDF-1"
    archive.write(ref, "pdf", b"%PDF-2")
    assert [p.name for p in (tmp_path / "labels").iterdir()] == ["1001-1.pdf"]
    assert archive.read(ref, "pdf") == b"%PDF-2"


def test_a_label_event_of_version_1_is_read_with_its_reference() -> None:
    # GIVEN a LabelCreated stored by the release that named the label by its file
    payload = {
        "order": None,
        "parcel_seq": 2,
        "tracking_number": "ST1",
        "carrier": "GLS",
        "service": "",
        "document": "/home/bench/labels/A-1001-2.pdf",
        "sscc": None,
        "counters": {},
    }
    # WHEN it is decoded, THEN it names the label by order number and parcel
    event = ev.decode("label_created", 1, payload)
    assert isinstance(event, ev.LabelCreated)
    assert event.document == label_ref("A-1001", 2)
