"""The invoice as data: parties, lines, VAT summary and totals, all in Decimal.

Totals follow Italian practice: each line total is rounded half-up to the cent, VAT is computed
per rate on the sum of that rate's lines and rounded half-up to the cent. The shop rounds its own
way (often per line, on gross prices), so its total can differ from that by a cent or two: the
document total is the shop's, and the difference is shown as a rounding (FatturaPA's
`Arrotondamento`). The same view feeds the PDF and the FatturaPA XML, so the two always agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from station.labels.courier import Address
from station.labels.errors import DocumentError

CENT = Decimal("0.01")
InvoiceKind = Literal["invoice", "credit_note", "deferred"]
TIPO_DOCUMENTO: dict[str, str] = {"invoice": "TD01", "credit_note": "TD04", "deferred": "TD24"}
PAYMENT_METHODS: dict[str, tuple[str, str]] = {  # FatturaPA code -> (English, Italian)
    "MP01": ("Cash", "Contanti"),
    "MP02": ("Cheque", "Assegno"),
    "MP05": ("Bank transfer", "Bonifico"),
    "MP08": ("Payment card", "Carta di pagamento"),
    "MP12": ("RIBA", "RIBA"),
    "MP19": ("SEPA direct debit", "SEPA Direct Debit"),
    "MP23": ("PagoPA", "PagoPA"),
}
ITALIAN_COUNTRIES = frozenset({"IT", "SM", "VA"})


def money(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class Party:
    """Seller or buyer. `vat_id` is the partita IVA without the country prefix."""

    address: Address
    vat_id: str = ""
    tax_code: str = ""  # codice fiscale
    sdi_code: str = ""  # codice destinatario (7 characters) for B2B buyers
    pec: str = ""
    regime_fiscale: str = "RF01"  # seller only
    rea: str = ""  # seller's REA registration, printed when given

    @property
    def country(self) -> str:
        return self.address.country.upper()


@dataclass(frozen=True)
class InvoiceLine:
    description: str
    quantity: Decimal
    unit_price: Decimal  # net of VAT, in the invoice currency
    vat_rate: Decimal  # percent, e.g. Decimal("22")
    sku: str = ""
    unit: str = ""  # e.g. "pz"
    natura: str = ""  # FatturaPA nature code, required when vat_rate is 0 (e.g. "N3.1")

    @property
    def total(self) -> Decimal:
        return money(self.quantity * self.unit_price)


@dataclass(frozen=True)
class DocumentRef:
    """A linked document: the invoice a credit note refunds, or a DDT a deferred invoice bills."""

    number: str
    date: dt.date


@dataclass(frozen=True)
class InvoiceView:
    number: str  # allocated gap-free by the core, e.g. "2025/000123"
    issue_date: dt.date
    seller: Party
    buyer: Party
    lines: Sequence[InvoiceLine]
    kind: InvoiceKind = "invoice"
    currency: str = "EUR"
    payment_method: str = "MP08"
    paid: bool = True
    order_number: str = ""
    language: str | None = None  # None: Italian for Italian buyers, else English
    related: tuple[DocumentRef, ...] = field(default=())  # credit note: the original invoice
    ddts: tuple[DocumentRef, ...] = field(default=())  # deferred invoice: the transport documents
    notes: str = ""
    # What the customer owes, as the shop totalled it: the document total. None: the lines' own.
    shop_total: Decimal | None = None
    cod: bool = False  # cash on delivery: the courier collects the total, nothing is paid yet

    @property
    def lang(self) -> str:
        if self.language in ("it", "en"):
            return self.language
        return "it" if self.buyer.country in ITALIAN_COUNTRIES else "en"


@dataclass(frozen=True)
class VatLine:
    rate: Decimal
    natura: str
    taxable: Decimal
    tax: Decimal


@dataclass(frozen=True)
class Totals:
    vat: tuple[VatLine, ...]
    taxable: Decimal
    tax: Decimal
    total: Decimal
    rounding: Decimal = Decimal(0)  # the shop's total less taxable + tax: FatturaPA Arrotondamento


def rounding_limit(lines: Sequence[InvoiceLine]) -> Decimal:
    """The most that rounding alone can put between a shop's total and the lines': half a cent
    on each line's amount and on each line's VAT, so a cent per line (and one more)."""
    return CENT * (len(lines) + 1)


def view_totals(view: InvoiceView) -> Totals:
    """The document's totals: the lines' per-rate totals, brought to the shop's total."""
    return totals(view.lines, view.shop_total)


def totals(lines: Sequence[InvoiceLine], shop_total: Decimal | None = None) -> Totals:
    groups: dict[tuple[Decimal, str], Decimal] = {}
    for line in lines:
        key = (line.vat_rate.quantize(CENT), line.natura)
        groups[key] = groups.get(key, Decimal(0)) + line.total
    vat = tuple(
        VatLine(rate, natura, money(taxable), money(taxable * rate / 100))
        for (rate, natura), taxable in sorted(groups.items(), key=lambda kv: (-kv[0][0], kv[0][1]))
    )
    taxable = sum((v.taxable for v in vat), Decimal(0))
    tax = sum((v.tax for v in vat), Decimal(0))
    if shop_total is None:
        return Totals(vat, taxable, tax, taxable + tax)
    total = money(shop_total)
    return Totals(vat, taxable, tax, total, total - taxable - tax)


def validate_invoice(view: InvoiceView) -> None:
    """One clear error for data that would make a wrong or rejected invoice."""
    if not view.lines:
        raise DocumentError("invoice_no_lines")
    if not view.number.strip() or len(view.number) > 20 or not view.number.isascii():
        raise DocumentError("bad_invoice_number", number=view.number)
    if view.payment_method not in PAYMENT_METHODS:
        methods = ", ".join(PAYMENT_METHODS)
        raise DocumentError("unknown_payment_method", method=view.payment_method, methods=methods)
    if view.kind == "credit_note" and not view.related:
        raise DocumentError("credit_note_unrelated")
    if view.kind == "deferred" and not view.ddts:
        raise DocumentError("deferred_without_ddt")
    for n, line in enumerate(view.lines, start=1):
        _check_line(n, line)
    _check_shop_total(view)
    check_party(view.seller, "seller", require_vat=True)
    check_party(view.buyer, "buyer", require_vat=False)


def _check_line(n: int, line: InvoiceLine) -> None:
    if line.quantity <= 0 or line.unit_price < 0:
        raise DocumentError("bad_line_amounts", line=n)
    if not Decimal(0) <= line.vat_rate < 100:
        raise DocumentError("bad_vat_rate", line=n, rate=line.vat_rate)
    if line.vat_rate == 0 and not line.natura:
        raise DocumentError("zero_vat_needs_natura", line=n)


def _check_shop_total(view: InvoiceView) -> None:
    """A gap wider than rounding is not rounding: a discount or fee the lines do not carry."""
    if view.shop_total is None:
        return
    t = view_totals(view)
    if abs(t.rounding) > rounding_limit(view.lines):
        raise DocumentError(
            "invoice_total_differs",
            shop_total=f"{t.total:.2f}",
            lines_total=f"{t.taxable + t.tax:.2f}",
        )


def check_party(party: Party, role: str, require_vat: bool) -> None:
    """Partita IVA and codice fiscale checked with python-stdnum (check digits included)."""
    from stdnum import exceptions
    from stdnum.eu import vat as eu_vat
    from stdnum.it import codicefiscale, iva

    seller = role == "seller"
    if not party.address.name.strip():
        raise DocumentError("seller_no_name" if seller else "buyer_no_name")
    if require_vat and not party.vat_id:
        raise DocumentError("seller_no_vat" if seller else "buyer_no_vat")
    try:
        if party.vat_id:
            if party.country == "IT":
                iva.validate(party.vat_id)
            elif party.country.lower() in eu_vat.MEMBER_STATES:
                prefix = "EL" if party.country == "GR" else party.country
                eu_vat.validate(prefix + party.vat_id)
        if party.tax_code and party.country == "IT":
            codicefiscale.validate(party.tax_code)
    except exceptions.ValidationError:
        raise DocumentError("seller_bad_fiscal_id" if seller else "buyer_bad_fiscal_id") from None
