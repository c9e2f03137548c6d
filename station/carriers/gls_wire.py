"""GLS Italy's label service (ilswebservice.asmx, manual MU162), as data: the `<Info>` documents
Station posts and what it reads back. No I/O here: `station.carriers.gls` posts these.

Shapes follow the public SDK markosirec/gls-italy-sdk (ParcelAdapter, ParcelService) and the
service's WSDL: AddParcel(XMLInfoParcel) with one `<Parcel>` per collo, CloseWorkDay
(XMLCloseInfoParcel) answering OK, DeleteSped(sedeGls, codiceClienteGls, passwordClienteGls,
numSpedizione) answering "Spedizione N non presente." when there is none.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from lxml import etree

from station.carriers.port import LabelFormat, LabelRequest, Tracked, TrackEvent, TrackStatus
from station.labels.courier import Address

TRACK_URL = "https://infoweb.gls-italy.com/XML/get_xml_track.php"
REFUSED_NUMBER = "999999999"  # NumeroSpedizione when GLS refused the parcel's data
NAME_MAX, STREET_MAX, CITY_MAX, BDA_MAX, NOTE_MAX = 35, 35, 30, 11, 40
# A document from the network: no entities, no DTD, nothing fetched.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@dataclass(frozen=True)
class GlsAccount:
    url: str  # up to ilswebservice.asmx
    branch: str  # SedeGls
    client: str  # CodiceClienteGls
    password: str
    contract: str  # CodiceContrattoGls
    track_url: str = TRACK_URL  # the Track & Trace feed (MU40), another host


@dataclass(frozen=True)
class GlsParcel:
    number: str  # NumeroSpedizione: the tracking number
    documents: dict[LabelFormat, bytes]
    routing: str  # SiglaSedeDestino / CodiceZona
    refusal: str = ""  # GLS's words when number is REFUSED_NUMBER


def _add(parent: etree._Element, tag: str, value: object) -> None:
    etree.SubElement(parent, tag).text = str(value)


def _auth(info: etree._Element, account: GlsAccount) -> None:
    _add(info, "SedeGls", account.branch)
    _add(info, "CodiceClienteGls", account.client)
    _add(info, "PasswordClienteGls", account.password)


def grams_as_kg(weight_g: int) -> str:
    """PesoReale: kilograms with a decimal comma, at least 0,1."""
    return f"{max(1, round(weight_g / 100)) / 10:.1f}".replace(".", ",")


def amount(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}".replace(".", ",")


def add_parcel_info(account: GlsAccount, request: LabelRequest) -> str:
    """XMLInfoParcel: GLS counts one collo per `<Parcel>`, so an order's parcels repeat it."""
    info = etree.Element("Info")
    _auth(info, account)
    for parcel in request.parcels:
        p = etree.SubElement(info, "Parcel")
        _add(p, "CodiceContrattoGls", account.contract)
        _consignee(p, request.recipient)
        _add(p, "Bda", request.order_number[:BDA_MAX])
        _add(p, "ContatoreProgressivo", progressive(request.order_number, parcel.seq))
        _add(p, "Colli", 1)
        _add(p, "PesoReale", grams_as_kg(parcel.weight_g))
        if request.cod_amount and parcel.seq == 1:
            _add(p, "ImportoContrassegno", amount(request.cod_amount))
            _add(p, "ModalitaIncasso", "CONT")
        _add(p, "TipoPorto", "F")
        _add(p, "TipoCollo", 0)
        _add(p, "NoteSpedizione", f"{parcel.seq}/{request.parcel_count}"[:NOTE_MAX])
        _add(p, "FormatoPdf", "A6")
        _add(p, "GeneraPdf", 4)
    return str(etree.tostring(info, encoding="unicode"))


def _consignee(parcel: etree._Element, to: Address) -> None:
    _add(parcel, "RagioneSociale", (to.company or to.name)[:NAME_MAX])
    _add(parcel, "Indirizzo", to.street[:STREET_MAX])
    _add(parcel, "Localita", to.city[:CITY_MAX])
    _add(parcel, "Zipcode", to.postcode)
    _add(parcel, "Provincia", to.province)
    _add(parcel, "Email", to.email)
    _add(parcel, "Cellulare1", "".join(c for c in to.phone if c.isdigit())[-10:])


def progressive(order_number: str, seq: int) -> str:
    """ContatoreProgressivo (11 digits): the order's digits and the parcel's number."""
    digits = "".join(c for c in order_number if c.isdigit())[-8:] or "0"
    return f"{int(digits)}{seq:03d}"[-11:]


def close_info(account: GlsAccount, numbers: list[str]) -> str:
    """XMLCloseInfoParcel: the day's parcels, by the number GLS gave each."""
    info = etree.Element("Info")
    _auth(info, account)
    for number in numbers:
        p = etree.SubElement(info, "Parcel")
        _add(p, "CodiceContrattoGls", account.contract)
        _add(p, "NumeroSpedizione", number)
    return str(etree.tostring(info, encoding="unicode"))


def delete_fields(account: GlsAccount, number: str) -> dict[str, str]:
    return {**auth_fields(account), "numSpedizione": number}


def root_text(answer: str) -> str | None:
    """The text of the answer's root element ("OK", "Spedizione N non presente."); None when
    the answer is not XML."""
    root = _parse(answer)
    return None if root is None else (root.text or "").strip()


def read_parcels(answer: str) -> list[GlsParcel] | None:
    """AddParcel's `<Parcel>` elements, in the order sent; None when the answer is not one."""
    root = _parse(answer)
    if root is None:
        return None
    found = []
    for p in root.iter("Parcel"):
        number = (p.findtext("NumeroSpedizione") or "").strip()
        documents = _documents(p)
        if documents is None or not number:
            return None
        routing = f"{p.findtext('SiglaSedeDestino') or '?'}/{p.findtext('CodiceZona') or '?'}"
        refusal = (p.findtext("NoteSpedizione") or "").strip() if number == REFUSED_NUMBER else ""
        found.append(GlsParcel(number, documents, routing, refusal))
    return found


def _documents(parcel: etree._Element) -> dict[LabelFormat, bytes] | None:
    documents: dict[LabelFormat, bytes] = {}
    try:
        pdf = (parcel.findtext("PdfLabel") or "").strip()
        if pdf:
            documents["pdf"] = base64.b64decode(pdf, validate=True)
    except (binascii.Error, ValueError):
        return None
    zpl = parcel.findtext("Zpl") or ""
    if zpl.strip():
        documents["zpl"] = zpl.encode("utf-8")
    return documents


def _parse(answer: str) -> etree._Element | None:
    try:
        return etree.fromstring(answer.encode("utf-8"), _PARSER)
    except etree.XMLSyntaxError:
        return None


def auth_fields(account: GlsAccount) -> dict[str, str]:
    """The account as the form fields of ListSped and DeleteSped."""
    return {
        "sedeGls": account.branch,
        "codiceClienteGls": account.client,
        "passwordClienteGls": account.password,
    }


@dataclass(frozen=True)
class Listed:
    number: str  # NumSpedizione
    order: str  # Ddt: the Bda it was sent with
    closed: bool  # StatoSpedizione "CHIUSA."


def listed(answer: str) -> list[Listed] | None:
    """The shipments ListSped named; None when the answer is not a list (a refusal)."""
    root = _parse(answer)
    if root is None or (root.text or "").strip():
        return None
    return [
        Listed(
            (p.findtext("NumSpedizione") or "").strip(),
            (p.findtext("Ddt") or "").strip(),
            (p.findtext("StatoSpedizione") or "").strip().upper().startswith("CHIUSA"),
        )
        for p in root.iter("Parcel")
    ]


# -- tracking: the Track & Trace XML feed (manual MU40) ---------------------------------------
# GET get_xml_track.php?locpartenza=<SedeGls>&NumSped=<number>&CodCli=<contract>, answered with
# <ELENCO><SPEDIZIONE> holding one <TRACKING> (Data dd/mm/yy, Ora, Luogo, Stato, Codice) per
# event, or <ERRORE><TESTOERRORE>. The manual itself is a PDF not read here: the shape and the
# event codes below are as public integrations read them (an Odoo tracking connector and a PHP
# shop module: 901 data received, 902/903 in transit, 904/908 at the depot, 905 out for
# delivery, 906 delivered, 907 fermo deposito, 66 at a ParcelShop, 3/67/68/77 not delivered,
# 29 back to the sender).
TRACK_CODES: dict[str, TrackStatus] = {
    "901": "registered",
    "909": "registered",
    "902": "in_transit",
    "903": "in_transit",
    "904": "in_transit",
    "908": "in_transit",
    "905": "out_for_delivery",
    "906": "delivered",
    "907": "held",
    "66": "held",
    "3": "exception",
    "67": "exception",
    "68": "exception",
    "77": "exception",
    "29": "returning",
}
ROME = ZoneInfo("Europe/Rome")


def tracking_params(account: GlsAccount, number: str) -> dict[str, str]:
    bare = number[len(account.branch) :] if number.startswith(account.branch) else number
    return {"locpartenza": account.branch, "NumSped": bare, "CodCli": account.contract}


def read_tracking(number: str, answer: str) -> Tracked | str | None:
    """The parcel's events, oldest first; GLS's words when it has none; None when unreadable."""
    root = _parse(answer)
    if root is None:
        return None
    refusal = root.findtext(".//TESTOERRORE")
    if refusal is not None:
        return refusal.strip() or "?"
    shipment = root if root.tag == "SPEDIZIONE" else root.find(".//SPEDIZIONE")
    if shipment is None:
        return None
    events = [_track_event(t) for t in shipment.findall("TRACKING")]
    return Tracked(number, tuple(sorted(events, key=lambda e: e.at.timestamp() if e.at else 0)))


def _track_event(node: etree._Element) -> TrackEvent:
    code = (node.findtext("Codice") or "").strip()
    said = (node.findtext("Stato") or "").strip()
    when = _gls_time((node.findtext("Data") or "").strip(), (node.findtext("Ora") or "").strip())
    place = (node.findtext("Luogo") or "").strip()
    return TrackEvent(when, TRACK_CODES.get(code, "unknown"), said, place)


def _gls_time(day: str, hour: str) -> dt.datetime | None:
    for form in ("%d/%m/%y %H:%M", "%d/%m/%Y %H:%M"):
        try:
            return dt.datetime.strptime(f"{day} {hour or '00:00'}", form).replace(tzinfo=ROME)
        except ValueError:
            continue
    return None
