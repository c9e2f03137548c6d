"""FatturaPA 1.2.2 XML (FPR12, for private buyers): TD01 invoice, TD04 credit note, TD24 deferred.

Built from the same `InvoiceView` as the PDF. Free text is reduced to what the schema allows
(Basic Latin + Latin-1): accents kept, other letters transliterated where obvious, the rest '?'.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from xml.etree import ElementTree as ET

from station.labels.courier import Address
from station.labels.errors import DocumentError
from station.labels.invoice_model import (
    ITALIAN_COUNTRIES,
    TIPO_DOCUMENTO,
    InvoiceView,
    Party,
    money,
    validate_invoice,
    view_totals,
)
from station.labels.schema import validate_fatturapa

NAMESPACE = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2"
_PROGRESSIVO = re.compile(r"^[A-Za-z0-9]{1,5}$")
_TRANSLIT = str.maketrans(
    {
        "Ł": "L",
        "ł": "l",
        "Đ": "D",
        "đ": "d",
        "Œ": "OE",
        "œ": "oe",
        "ı": "i",
        "Ŧ": "T",
        "ŧ": "t",
        "‘": "'",
        "’": "'",
        "‚": ",",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "…": "...",
        "€": "EUR",
        "Α": "A",
        "Β": "V",
        "Γ": "G",
        "Δ": "D",
        "Ε": "E",
        "Ζ": "Z",
        "Η": "I",
        "Θ": "Th",
        "Ι": "I",
        "Κ": "K",
        "Λ": "L",
        "Μ": "M",
        "Ν": "N",
        "Ξ": "X",
        "Ο": "O",
        "Π": "P",
        "Ρ": "R",
        "Σ": "S",
        "Τ": "T",
        "Υ": "Y",
        "Φ": "F",
        "Χ": "Ch",
        "Ψ": "Ps",
        "Ω": "O",
        "α": "a",
        "β": "v",
        "γ": "g",
        "δ": "d",
        "ε": "e",
        "ζ": "z",
        "η": "i",
        "θ": "th",
        "ι": "i",
        "κ": "k",
        "λ": "l",
        "μ": "m",
        "ν": "n",
        "ξ": "x",
        "ο": "o",
        "π": "p",
        "ρ": "r",
        "σ": "s",
        "ς": "s",
        "τ": "t",
        "υ": "y",
        "φ": "f",
        "χ": "ch",
        "ψ": "ps",
        "ω": "o",
    }
)


def latin(text: str, max_len: int, fallback: str = "-") -> str:
    """Text the schema's *LatinType accepts, cut to `max_len` (never empty)."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text).translate(_TRANSLIT):
        if 32 <= ord(ch) < 127 or 160 <= ord(ch) < 256:
            out.append(ch)
            continue
        cat = unicodedata.category(ch)
        if cat in ("So", "Sk", "Mn", "Cf") or ch in "\ufe0f":
            continue  # emoji and joiners carry no name
        if cat.startswith("C") or cat.startswith("Z"):
            out.append(" ")
            continue
        base = "".join(
            b
            for b in unicodedata.normalize("NFKD", ch).translate(_TRANSLIT)
            if 32 <= ord(b) < 256 and not unicodedata.combining(b)
        )
        out.append(base or "?")
    flat = " ".join("".join(out).split())
    return flat[:max_len].rstrip() or fallback


def _amount(value: Decimal) -> str:
    return f"{money(value):.2f}"


def _price(value: Decimal) -> str:
    """Up to 8 decimals, at least 2, as Amount8DecimalType wants."""
    q = value.quantize(Decimal("0.00000001")).normalize()
    text = f"{q:f}"
    decimals = len(text.split(".")[1]) if "." in text else 0
    return f"{q:.{max(2, decimals)}f}"


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    el = ET.SubElement(parent, tag)
    if text is not None:
        el.text = text
    return el


def fatturapa_filename(view: InvoiceView, progressivo: str) -> str:
    """`IT<partita IVA>_<progressivo>.xml`; the progressivo (1-5 letters/digits) is the core's."""
    _check_progressivo(progressivo)
    return f"{view.seller.country}{view.seller.vat_id}_{progressivo}.xml"


def _check_progressivo(progressivo: str) -> None:
    if not _PROGRESSIVO.match(progressivo):
        raise DocumentError("bad_progressivo", progressivo=progressivo)


def fatturapa_xml(view: InvoiceView, progressivo: str) -> bytes:
    """The FatturaPA FPR12 XML of `view`, UTF-8 with declaration, valid against the schema."""
    validate_invoice(view)
    _check_progressivo(progressivo)
    _check_fiscal_ids(view.buyer)
    ET.register_namespace("p", NAMESPACE)
    root = ET.Element(f"{{{NAMESPACE}}}FatturaElettronica", {"versione": "FPR12"})
    header = _sub(root, "FatturaElettronicaHeader")
    _transmission(_sub(header, "DatiTrasmissione"), view, progressivo)
    _seller(_sub(header, "CedentePrestatore"), view.seller)
    _buyer(_sub(header, "CessionarioCommittente"), view.buyer)
    body = _sub(root, "FatturaElettronicaBody")
    _general(_sub(body, "DatiGenerali"), view)
    _goods(_sub(body, "DatiBeniServizi"), view)
    pay = _sub(body, "DatiPagamento")
    _sub(pay, "CondizioniPagamento", "TP02")
    detail = _sub(pay, "DettaglioPagamento")
    # Cash on delivery is cash the courier collects: MP01 (contanti), the amount to collect.
    _sub(detail, "ModalitaPagamento", view.payment_method)
    _sub(detail, "ImportoPagamento", _amount(view_totals(view).total))
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    validate_fatturapa(xml)
    return xml


def _check_fiscal_ids(buyer: Party) -> None:
    if (
        buyer.country in ITALIAN_COUNTRIES
        and buyer.country == "IT"
        and not (buyer.vat_id or buyer.tax_code)
    ):
        raise DocumentError("buyer_needs_fiscal_id")


def _transmission(el: ET.Element, v: InvoiceView, progressivo: str) -> None:
    ident = _sub(el, "IdTrasmittente")
    _sub(ident, "IdPaese", v.seller.country)
    _sub(ident, "IdCodice", v.seller.tax_code or v.seller.vat_id)
    _sub(el, "ProgressivoInvio", progressivo)
    _sub(el, "FormatoTrasmissione", "FPR12")
    b = v.buyer
    code = b.sdi_code.upper() if b.sdi_code else ("0000000" if b.country == "IT" else "XXXXXXX")
    _sub(el, "CodiceDestinatario", code)
    if b.pec and code == "0000000":
        _sub(el, "PECDestinatario", b.pec)


def _anagrafica(parent: ET.Element, name: str) -> None:
    _sub(_sub(parent, "Anagrafica"), "Denominazione", latin(name, 80))


def _seller(el: ET.Element, p: Party) -> None:
    data = _sub(el, "DatiAnagrafici")
    _id_iva(data, p.country, p.vat_id)
    if p.tax_code:
        _sub(data, "CodiceFiscale", p.tax_code.upper())
    _anagrafica(data, p.address.name)
    _sub(data, "RegimeFiscale", p.regime_fiscale)
    _sede(_sub(el, "Sede"), p.address)


def _buyer(el: ET.Element, p: Party) -> None:
    data = _sub(el, "DatiAnagrafici")
    if p.vat_id:
        _id_iva(data, p.country, p.vat_id)
    elif p.country != "IT":
        _id_iva(data, p.country, "99999999999")  # foreign private buyer: SdI's convention
    if p.tax_code and p.country == "IT":
        _sub(data, "CodiceFiscale", p.tax_code.upper())
    _anagrafica(data, p.address.name)
    _sede(_sub(el, "Sede"), p.address)


def _id_iva(parent: ET.Element, country: str, code: str) -> None:
    ident = _sub(parent, "IdFiscaleIVA")
    _sub(ident, "IdPaese", "EL" if country == "GR" else country)
    _sub(ident, "IdCodice", code.upper()[:28])


def _sede(el: ET.Element, a: Address) -> None:
    street = " ".join(x for x in (a.street, a.street2) if x.strip())
    italian = a.country.upper() == "IT"
    if italian and not (street.strip() and a.city.strip() and re.fullmatch(r"\d{5}", a.postcode)):
        raise DocumentError("einvoice_address", name=a.name[:40])
    _sub(el, "Indirizzo", latin(street, 60))
    _sub(el, "CAP", a.postcode if italian else "00000")
    _sub(el, "Comune", latin(a.city, 60))
    if italian and re.fullmatch(r"[A-Z]{2}", a.province.upper()):
        _sub(el, "Provincia", a.province.upper())
    _sub(el, "Nazione", a.country.upper())


def _general(el: ET.Element, v: InvoiceView) -> None:
    doc = _sub(el, "DatiGeneraliDocumento")
    _sub(doc, "TipoDocumento", TIPO_DOCUMENTO[v.kind])
    _sub(doc, "Divisa", v.currency)
    _sub(doc, "Data", v.issue_date.isoformat())
    _sub(doc, "Numero", v.number)
    t = view_totals(v)
    _sub(doc, "ImportoTotaleDocumento", _amount(t.total))
    if t.rounding:
        _sub(doc, "Arrotondamento", _amount(t.rounding))
    if v.order_number:
        _sub(doc, "Causale", latin(f"Ordine {v.order_number}", 200))
    if v.cod:
        _sub(doc, "Causale", "Pagamento in contrassegno, da incassare alla consegna")
    for ref in v.related:
        linked = _sub(el, "DatiFattureCollegate")
        _sub(linked, "IdDocumento", ref.number[:20])
        _sub(linked, "Data", ref.date.isoformat())
    for ref in v.ddts:
        ddt = _sub(el, "DatiDDT")
        _sub(ddt, "NumeroDDT", ref.number[:20])
        _sub(ddt, "DataDDT", ref.date.isoformat())


def _goods(el: ET.Element, v: InvoiceView) -> None:
    for n, line in enumerate(v.lines, start=1):
        row = _sub(el, "DettaglioLinee")
        _sub(row, "NumeroLinea", str(n))
        if line.sku:
            code = _sub(row, "CodiceArticolo")
            _sub(code, "CodiceTipo", "SKU")
            _sub(code, "CodiceValore", latin(line.sku, 35))
        _sub(row, "Descrizione", latin(line.description, 1000))
        _sub(row, "Quantita", _price(line.quantity))
        if line.unit:
            _sub(row, "UnitaMisura", latin(line.unit, 10))
        _sub(row, "PrezzoUnitario", _price(line.unit_price))
        _sub(row, "PrezzoTotale", _amount(line.total))
        _sub(row, "AliquotaIVA", f"{line.vat_rate:.2f}")
        if line.vat_rate == 0:
            _sub(row, "Natura", line.natura)
    for vat in view_totals(v).vat:
        summary = _sub(el, "DatiRiepilogo")
        _sub(summary, "AliquotaIVA", f"{vat.rate:.2f}")
        if vat.rate == 0:
            _sub(summary, "Natura", vat.natura)
        _sub(summary, "ImponibileImporto", _amount(vat.taxable))
        _sub(summary, "Imposta", _amount(vat.tax))
        if vat.rate > 0:
            _sub(summary, "EsigibilitaIVA", "I")
