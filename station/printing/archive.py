"""The document archive: the one place that knows where an order's documents are kept.

Everything else names a document by a `DocumentRef` (events, print jobs, the console's lines
and the window's lists) and asks the archive for its bytes in a format. Under the home:

    labels/<order>-<parcel>.pdf and .zpl    each label, drawn once when the order ships, with
                                            its ZPL copy beside it for thermal printers
    labels/<order>-<parcel>-internal.pdf/.zpl  the internal label a parcel left with while its
                                            carrier did not answer (label pending)
    labels/<order>-labels.pdf or .zpl       all labels of an order in one file (`station label`)
    documents/slip-<order>.pdf              the packing slip, drawn again on each PRINT

Files are written atomically (a temporary file beside the target, fsynced, then renamed, then
the folder fsynced), so a reader or a power cut sees the old file or the new one, never half.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from station.domain.events import DocumentRef
from station.files import write_atomically  # the one helper; labels hold addresses: 0600

LABELS_DIR = "labels"
DOCUMENTS_DIR = "documents"
FORMATS = ("pdf", "zpl")  # the order renditions are offered in: PDF first, it prints anywhere
_KEPT = {
    "label": ("pdf", "zpl"),
    "pending-label": ("pdf", "zpl"),
    "labels": ("pdf", "zpl"),
    "slip": ("pdf",),
}


def label_ref(order_number: str, parcel_seq: int) -> DocumentRef:
    return DocumentRef("label", order_number, parcel_seq)


def pending_label_ref(order_number: str, parcel_seq: int) -> DocumentRef:
    """A parcel's internal label, apart from the carrier's that follows (which may come in
    one format only, so it must not sit beside the internal one's other format)."""
    return DocumentRef("pending-label", order_number, parcel_seq)


def labels_ref(order_number: str) -> DocumentRef:
    """All labels of an order in one file: an A4 sheet of them, or their ZPL one after another."""
    return DocumentRef("labels", order_number)


def slip_ref(order_number: str) -> DocumentRef:
    return DocumentRef("slip", order_number)


def kept_formats(ref: DocumentRef) -> tuple[str, ...]:
    """The formats the archive keeps a document of this kind in."""
    return _KEPT.get(ref.kind, ())


def relative_path(ref: DocumentRef, fmt: str = "pdf") -> PurePosixPath:
    """Where the document's `fmt` rendition lives, relative to the home."""
    if fmt not in kept_formats(ref):
        raise ValueError(f"a {ref.kind} is not kept as {fmt}")
    if ref.kind == "label":
        return PurePosixPath(LABELS_DIR, f"{ref.order_number}-{ref.parcel_seq}.{fmt}")
    if ref.kind == "pending-label":
        return PurePosixPath(LABELS_DIR, f"{ref.order_number}-{ref.parcel_seq}-internal.{fmt}")
    if ref.kind == "labels":
        return PurePosixPath(LABELS_DIR, f"{ref.order_number}-labels.{fmt}")
    return PurePosixPath(DOCUMENTS_DIR, f"{ref.kind}-{ref.order_number}.{fmt}")


class DocumentArchive:
    def __init__(self, home: Path) -> None:
        self.home = home

    def path(self, ref: DocumentRef, fmt: str = "pdf") -> Path:
        return self.home / relative_path(ref, fmt)

    def write(self, ref: DocumentRef, fmt: str, data: bytes) -> Path:
        path = self.path(ref, fmt)
        write_atomically(path, data)
        return path

    def read(self, ref: DocumentRef, fmt: str) -> bytes:
        """The rendition's bytes; OSError when it is not there."""
        return self.path(ref, fmt).read_bytes()

    def formats(self, ref: DocumentRef) -> tuple[str, ...]:
        """The renditions of the document that are on disk, PDF first."""
        return tuple(fmt for fmt in kept_formats(ref) if self.path(ref, fmt).is_file())
