"""The invoice as data: parties, lines, VAT summary and totals, all in Decimal.

Totals follow Italian practice: each line total is rounded half-up to the cent, VAT is computed
per rate on the sum of that rate's lines and rounded half-up to the cent. The same view feeds the
PDF and the FatturaPA XML, so the two always agree.
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


def totals(lines: Sequence[InvoiceLine]) -> Totals:
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
    return Totals(vat, taxable, tax, taxable + tax)


def _error(english: str, italian: str) -> DocumentError:
    return DocumentError(english, italian)


def validate_invoice(view: InvoiceView) -> None:
    """One clear error for data that would make a wrong or rejected invoice."""
    if not view.lines:
        raise _error(
            "An invoice needs at least one line; add the goods sold.",
            "Una fattura ha bisogno di almeno una riga; aggiungi i beni venduti.",
        )
    if not view.number.strip() or len(view.number) > 20 or not view.number.isascii():
        raise _error(
            f"Invoice number {view.number!r} must be 1-20 plain characters.",
            f"Il numero fattura {view.number!r} deve avere da 1 a 20 caratteri semplici.",
        )
    if view.payment_method not in PAYMENT_METHODS:
        raise _error(
            f"Payment method {view.payment_method!r} is not known; pick one of "
            f"{', '.join(PAYMENT_METHODS)}.",
            f"Modalità di pagamento {view.payment_method!r} sconosciuta; scegli tra "
            f"{', '.join(PAYMENT_METHODS)}.",
        )
    if view.kind == "credit_note" and not view.related:
        raise _error(
            "A credit note must name the invoice it refunds.",
            "Una nota di credito deve indicare la fattura che storna.",
        )
    if view.kind == "deferred" and not view.ddts:
        raise _error(
            "A deferred invoice must list its transport documents (DDT).",
            "Una fattura differita deve elencare i documenti di trasporto (DDT).",
        )
    for n, line in enumerate(view.lines, start=1):
        _check_line(n, line)
    check_party(view.seller, "seller", require_vat=True)
    check_party(view.buyer, "buyer", require_vat=False)


def _check_line(n: int, line: InvoiceLine) -> None:
    if line.quantity <= 0 or line.unit_price < 0:
        raise _error(
            f"Line {n}: quantity must be above zero and price not negative; for a "
            "refund issue a credit note.",
            f"Riga {n}: la quantità deve essere maggiore di zero e il prezzo non "
            "negativo; per un rimborso emetti una nota di credito.",
        )
    if not Decimal(0) <= line.vat_rate < 100:
        raise _error(
            f"Line {n}: VAT rate {line.vat_rate}% is impossible; correct the rate.",
            f"Riga {n}: l'aliquota IVA {line.vat_rate}% è impossibile; correggila.",
        )
    if line.vat_rate == 0 and not line.natura:
        raise _error(
            f"Line {n} has 0% VAT: give the exemption nature code (e.g. N3.1).",
            f"La riga {n} ha IVA 0%: indica il codice natura dell'esenzione (es. N3.1).",
        )


def check_party(party: Party, role: str, require_vat: bool) -> None:
    """Partita IVA and codice fiscale checked with python-stdnum (check digits included)."""
    from stdnum import exceptions
    from stdnum.eu import vat as eu_vat
    from stdnum.it import codicefiscale, iva

    it_role = "venditore" if role == "seller" else "cliente"
    if not party.address.name.strip():
        raise _error(
            f"The {role}'s name is missing; fill it in.", f"Manca il nome del {it_role}; compilalo."
        )
    if require_vat and not party.vat_id:
        raise _error(
            f"The {role}'s VAT number (partita IVA) is missing; add it in the settings.",
            f"Manca la partita IVA del {it_role}; aggiungila nelle impostazioni.",
        )
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
        raise _error(
            f"The {role}'s VAT number or tax code is not valid; check it digit by digit.",
            f"La partita IVA o il codice fiscale del {it_role} non è valido; "
            "controllalo cifra per cifra.",
        ) from None
