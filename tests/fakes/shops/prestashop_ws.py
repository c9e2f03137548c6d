"""The PrestaShop webservice's grammar, as `classes/webservice/WebserviceRequest.php` parses it
and `WebserviceOutputJSON.php` / `WebserviceOutputXML.php` render it: numbered errors, the filter
grammar (`[v]`, `[a|b]`, `[lo,hi]`, `>[v]`, `<[v]`, `![v]`), `sort=[field_ASC,...]`,
`limit=offset,count`, `display=full|[field,...]`, XML request bodies (a leading `xml=` stripped as
`webservice/dispatcher.php` does), and the response headers of `returnOutput`."""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from typing import Any

from tests.fakes.shops.base import Response

REALM = (
    'Basic realm="Welcome to PrestaShop Webservice, please enter the authentication key '
    'as the login. No password required."'
)
DATE_FIELDS = ("date_add", "date_upd")


class PsError(Exception):
    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def json_bytes(body: Any) -> bytes:
    return json.dumps(body).encode()


def ps_response(status: int, body: bytes, content_type: str) -> Response:
    return Response(
        status,
        body,
        {
            "Content-Type": content_type,
            "X-Powered-By": "PrestaShop Webservice",
            "PSWS-Version": "1.7.8.11",
            "Execution-Time": "0.012",
            "Content-Sha1": hashlib.sha1(body).hexdigest(),
        },
    )


def render_errors(exc: PsError, as_json: bool) -> Response:
    if exc.code == 0:  # the dispatcher dies before any output object exists
        return Response(exc.status, exc.message.encode(), {"Content-Type": "text/plain"})
    if as_json:
        body = json_bytes({"errors": [{"code": exc.code, "message": exc.message}]})
        return ps_response(exc.status, body, "application/json")
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink='
        '"http://www.w3.org/1999/xlink">\n<errors>\n<error>\n'
        f"<code><![CDATA[{exc.code}]]></code>\n<message><![CDATA[{exc.message}]]></message>\n"
        "</error>\n</errors>\n</prestashop>\n"
    )
    return ps_response(exc.status, xml.encode(), "text/xml;charset=utf-8")


def to_xml(resource: str, singular: str, rows: list[dict[str, Any]], single: bool) -> bytes:
    def node(name: str, value: Any) -> str:
        if isinstance(value, dict):
            return f"<{name}>" + "".join(node(k, v) for k, v in value.items()) + f"</{name}>"
        if isinstance(value, list):
            return f"<{name}>" + "".join(node(name[:-1], v) for v in value) + f"</{name}>"
        return f"<{name}><![CDATA[{'' if value is None else value}]]></{name}>"

    inner = "".join(node(singular, r) for r in rows)
    if not single:
        inner = f"<{resource}>{inner}</{resource}>"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink='
        f'"http://www.w3.org/1999/xlink">{inner}</prestashop>\n'
    ).encode()


def parse_body(body: bytes, element: str) -> dict[str, str | None]:
    """An XML request body (`xml=` prefix allowed) as {field: text}; JSON is not accepted."""
    text = body.decode("utf-8").strip()
    if text.startswith("xml="):
        text = text[4:]
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        raise PsError(500, 127, "XML error : String could not be parsed as XML") from None
    node = root.find(element)
    if node is None:
        raise PsError(400, 126, f"The {element} node is missing in the XML")
    return {child.tag: (child.text or "").strip() for child in node}


def _compare(a: str, b: str) -> int:
    try:
        x, y = Decimal(a), Decimal(b)
    except ArithmeticError:
        return (a > b) - (a < b)
    return (x > y) - (x < y)


def matches(value: str, spec: str) -> bool:
    """PrestaShop's filter grammar: [v], [a|b], [lo,hi] (inclusive), >[v], <[v], ![a|b]."""
    m = re.fullmatch(r"(!|>|<)?\[(.*)\]", spec)
    if m is None:  # a bare value is `=`
        return value == spec
    op, inner = m.groups()
    if op == ">":
        return _compare(value, inner) > 0
    if op == "<":
        return _compare(value, inner) < 0
    if "," in inner and op is None:
        lo, hi = sorted(inner.split(",", 1), key=lambda s: (len(s), s))
        return _compare(value, lo) >= 0 and _compare(value, hi) <= 0
    hit = value in inner.split("|")
    return not hit if op == "!" else hit


def sort_rows(
    rows: list[dict[str, Any]], spec: str | None, fields: list[str]
) -> list[dict[str, Any]]:
    if not spec:
        return sorted(rows, key=lambda r: int(r["id"]))
    items = spec[1:-1].split(",") if spec.startswith("[") and spec.endswith("]") else [spec]
    for item in reversed(items):
        m = re.fullmatch(r"(\w+)_(ASC|DESC)", item)
        if m is None:
            raise PsError(
                400,
                37,
                'The "sort" value has to be formed as this example: '
                "\"field_ASC\" or '[field_1_DESC,field_2_ASC,...]'",
            )
        name, direction = m.groups()
        if name not in fields:
            raise PsError(
                400,
                38,
                f"Unable to filter by this field. However, these are "
                f"available: {', '.join(fields)}",
            )
        numeric = name == "id" or name.startswith("id_")
        rows = sorted(
            rows,
            key=lambda r, n=name, num=numeric: int(r[n]) if num else str(r[n]),
            reverse=direction == "DESC",
        )
    return rows


def limit_rows(rows: list[dict[str, Any]], spec: str | None) -> list[dict[str, Any]]:
    if not spec:
        return rows
    parts = spec.split(",")
    if len(parts) > 2 or not all(p.strip().isdigit() for p in parts):
        raise PsError(400, 39, 'The "limit" value has to be formed as this example: "5,25" or "10"')
    offset, count = (0, int(parts[0])) if len(parts) == 1 else (int(parts[0]), int(parts[1]))
    return rows[offset : offset + count]


def display(
    rows: list[dict[str, Any]], spec: str | None, fields: list[str]
) -> list[dict[str, Any]]:
    if spec is None:
        return [{"id": r["id"]} for r in rows]
    if spec == "full":
        return rows
    wanted = spec.strip("[]").split(",")
    unknown = [w for w in wanted if w not in fields and w not in DATE_FIELDS]
    if unknown:
        raise PsError(
            400,
            35,
            f'Unable to display this field "{unknown[0]}". However, these '
            f"are available: {', '.join(fields)}",
        )
    return [{w: r.get(w) for w in wanted} for r in rows]
