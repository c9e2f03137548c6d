"""A fake GLS Italy label service (ilswebservice.asmx) on 127.0.0.1, as HTTP POST of form
fields, the way the public SDK markosirec/gls-italy-sdk (src/Services/ParcelService.php,
src/Adapters/ParcelAdapter.php) calls it and reads its answers:
  AddParcel(XMLInfoParcel): an `<Info>` with SedeGls, CodiceClienteGls, PasswordClienteGls and
    one `<Parcel>` per collo; answered with one `<Parcel>` each carrying NumeroSpedizione,
    PdfLabel (base64), Zpl and routing (SiglaSedeDestino, CodiceZona); 999999999 when the
    parcel's data are wrong.
  CloseWorkDay(XMLCloseInfoParcel): answers OK.
  DeleteSped(sedeGls, codiceClienteGls, passwordClienteGls, numSpedizione): answers
    "Spedizione N non presente." when there is none.
  ListSped: the account's shipments, `<Parcel>` each with NumSpedizione, Ddt, StatoSpedizione
    ("IN ATTESA DI CHIUSURA." / "CHIUSA.").
Track & Trace (manual MU40, not readable here; the shape as public integrations read it: an
Odoo tracking connector and PHP shop modules calling infoweb.gls-italy.com): GET
/XML/get_xml_track.php?locpartenza=SEDE&NumSped=N&CodCli=CONTRACT answered with
<ELENCO><SPEDIZIONE><NumSped/><StatoSpedizione/><TRACKING><Data dd/mm/yy/><Ora/><Luogo/>
<Stato/><Codice/></TRACKING>...</SPEDIZIONE></ELENCO>, or <ERRORE><TESTOERRORE>Spedizione non
trovata</TESTOERRORE></ERRORE>; the event codes (901 data received ... 906 delivered) are those
integrations'. Served here on the same server as the label service.
Not published, so chosen here: the answers' root elements (InfoLabel, ListaParcel; a string element for
the one-word answers), the refusal's words in NoteSpedizione, CloseWorkDay naming parcels by
NumeroSpedizione, and the small routing table below standing for GLS's.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from urllib.parse import parse_qsl
from xml.sax.saxutils import escape

from lxml import etree
from reportlab.graphics.barcode import code128
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from tests.fakes.shops.base import Clock, FakeServer, Request, Response

ROUTING = {"00": ("RM", "R1"), "10": ("TO", "T2"), "20": ("MI", "M1"), "80": ("NA", "N4")}


@dataclass
class GlsParcel:
    number: str
    order: str
    cod: str
    closed: bool = False
    deleted: bool = False
    events: list[tuple[str, str, str, str, str]] = field(default_factory=list)


class FakeGlsItaly(FakeServer):
    def __init__(self, branch: str, client: str, password: str, clock: Clock | None = None) -> None:
        super().__init__(clock)
        self.account = (branch, client, password)
        self.parcels: list[GlsParcel] = []
        self.next_number = 550_012_467
        self.routing = dict(ROUTING)

    def live(self) -> list[GlsParcel]:
        return [p for p in self.parcels if not p.deleted]

    def handle(self, request: Request) -> Response:
        if request.method == "GET" and request.path == "/XML/get_xml_track.php":
            return self._track(request)
        method = request.path.rsplit("/", 1)[-1]
        form = dict(parse_qsl(request.body.decode("utf-8"), keep_blank_values=True))
        actions = {
            "AddParcel": self._add,
            "CloseWorkDay": self._close,
            "DeleteSped": self._delete,
            "ListSped": self._list,
        }
        if request.method != "POST" or method not in actions:
            return Response(404, b"Not Found", {"Content-Type": "text/plain"})
        return _xml(actions[method](form))

    def _add(self, form: dict[str, str]) -> str:
        info = etree.fromstring(form.get("XMLInfoParcel", "<Info/>").encode())
        if not self._login(info):
            return (
                "<InfoLabel><Parcel><NumeroSpedizione>999999999</NumeroSpedizione>"
                "<NoteSpedizione>Autenticazione fallita</NoteSpedizione></Parcel></InfoLabel>"
            )
        answers = [self._one(p) for p in info.iter("Parcel")]
        return "<InfoLabel>" + "".join(answers) + "</InfoLabel>"

    def _one(self, parcel: etree._Element) -> str:
        zip_code = parcel.findtext("Zipcode") or ""
        route = self.routing.get(zip_code[:2])
        if route is None or route[0] != parcel.findtext("Provincia"):
            note = f"CAP {zip_code} non valido per la provincia {parcel.findtext('Provincia')}"
            return f"<Parcel><NumeroSpedizione>999999999</NumeroSpedizione><NoteSpedizione>{escape(note)}</NoteSpedizione></Parcel>"
        number = str(self.next_number)
        self.next_number += 1
        self.parcels.append(
            GlsParcel(
                number, parcel.findtext("Bda") or "", parcel.findtext("ImportoContrassegno") or ""
            )
        )
        pdf = base64.b64encode(_pdf(number, parcel)).decode()
        zpl = f"^XA^FO40,40^A0N,60,60^FD{route[1]}^FS^FO40,140^BY3^BCN,150,Y,N,N^FD{number}^FS^XZ"
        return (
            f"<Parcel><NumeroSpedizione>{number}</NumeroSpedizione><SiglaSedeDestino>{route[1]}"
            f"</SiglaSedeDestino><CodiceZona>{zip_code[:2]}</CodiceZona><ProgressivoCollo>1"
            f"</ProgressivoCollo><PdfLabel>{pdf}</PdfLabel><Zpl>{escape(zpl)}</Zpl></Parcel>"
        )

    def _close(self, form: dict[str, str]) -> str:
        info = etree.fromstring(form.get("XMLCloseInfoParcel", "<Info/>").encode())
        if not self._login(info):
            return "<string>Autenticazione fallita</string>"
        wanted = {p.findtext("NumeroSpedizione") for p in info.iter("Parcel")}
        for parcel in self.live():
            if parcel.number in wanted:
                parcel.closed = True
        return "<string>OK</string>"

    def _delete(self, form: dict[str, str]) -> str:
        given = (form.get("sedeGls"), form.get("codiceClienteGls"), form.get("passwordClienteGls"))
        number = form.get("numSpedizione", "")
        found = [p for p in self.live() if p.number == number and not p.closed]
        if given != self.account or not found:
            return f"<string>Spedizione {escape(number)} non presente.</string>"
        found[0].deleted = True
        return f"<string>Spedizione {escape(number)} cancellata.</string>"

    def _list(self, form: dict[str, str]) -> str:
        given = (form.get("sedeGls"), form.get("codiceClienteGls"), form.get("passwordClienteGls"))
        if given != self.account:
            return "<string>Autenticazione fallita</string>"
        rows = "".join(
            f"<Parcel><NumSpedizione>{p.number}</NumSpedizione><Ddt>{escape(p.order)}</Ddt>"
            "<StatoSpedizione>"
            f"{'CHIUSA.' if p.closed else 'IN ATTESA DI CHIUSURA.'}</StatoSpedizione></Parcel>"
            for p in self.live()
        )
        return f"<ListaParcel>{rows}</ListaParcel>"

    def _track(self, request: Request) -> Response:
        branch, number = request.arg("locpartenza"), request.arg("NumSped") or ""
        found = [p for p in self.parcels if p.number == number]
        if branch != self.account[0] or not request.arg("CodCli") or not found:
            return _xml("<ERRORE><TESTOERRORE>Spedizione non trovata</TESTOERRORE></ERRORE>")
        rows = "".join(
            f"<TRACKING><Data>{d}</Data><Ora>{h}</Ora><Luogo>{escape(place)}</Luogo>"
            f"<Stato><![CDATA[{said}]]></Stato><Codice>{code}</Codice><Note/></TRACKING>"
            for d, h, place, said, code in reversed(found[0].events)
        )
        state = escape(found[0].events[-1][3]) if found[0].events else "IN ATTESA DI CHIUSURA."
        return _xml(
            f"<ELENCO><SPEDIZIONE><NumSped>{number}</NumSped><StatoSpedizione>{state}"
            f"</StatoSpedizione>{rows}</SPEDIZIONE></ELENCO>"
        )

    def add_event(self, number: str, when: str, place: str, said: str, code: str) -> None:
        """GLS's network records an event ("02/12/26 18:40")."""
        day, hour = when.split()
        next(p for p in self.parcels if p.number == number).events.append(
            (day, hour, place, said, code)
        )

    def _login(self, info: etree._Element) -> bool:
        given = tuple(
            info.findtext(t) for t in ("SedeGls", "CodiceClienteGls", "PasswordClienteGls")
        )
        return given == self.account


def _xml(body: str) -> Response:
    text = f'<?xml version="1.0" encoding="utf-8"?>\n{body}'
    return Response(200, text.encode(), {"Content-Type": "text/xml; charset=utf-8"})


def _pdf(number: str, parcel: etree._Element) -> bytes:
    """An A6 page with the parcel number as Code 128."""
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(105 * mm, 148 * mm))
    page.setFont("Helvetica", 9)
    page.drawString(8 * mm, 135 * mm, parcel.findtext("RagioneSociale") or "")
    page.drawString(8 * mm, 130 * mm, f"{parcel.findtext('Zipcode')} {parcel.findtext('Localita')}")
    code128.Code128(number, barHeight=25 * mm, barWidth=0.4 * mm).drawOn(page, 8 * mm, 60 * mm)
    page.drawString(8 * mm, 52 * mm, number)
    page.showPage()
    page.save()
    return out.getvalue()
