"""FatturaPA validation against the schemas shipped in `station.labels.xsd`, offline.

An e-invoice the exchange system (SdI) would refuse is refused here, before it is written, with
the schema's own first complaint in the message.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

from lxml import etree

from station.labels.errors import DocumentError

FATTURAPA_XSD = "Schema_del_file_xml_FatturaPA_v1.2.2.xsd"
_SCHEMAS = files("station.labels.xsd")


class _PackageSchemas(etree.Resolver):  # type: ignore[misc]
    """Serves the schemas' own imports (xmldsig) from the package: never from the network."""

    def resolve(self, url: str, pubid: str, context: Any) -> Any:  # type: ignore[override]
        schema = _SCHEMAS / url.rsplit("/", 1)[-1]
        if not schema.is_file():
            return None
        return self.resolve_string(schema.read_bytes(), context, base_url=schema.name)


def _parser() -> Any:
    parser = etree.XMLParser(no_network=True, load_dtd=False, resolve_entities=False)
    parser.resolvers.add(_PackageSchemas())
    return parser


@cache
def fatturapa_schema() -> Any:
    """The FatturaPA 1.2.2 schema, read once per process."""
    source = (_SCHEMAS / FATTURAPA_XSD).read_bytes()
    return etree.XMLSchema(etree.fromstring(source, _parser(), base_url=FATTURAPA_XSD))


def validate_fatturapa(xml: bytes) -> None:
    """Raise DocumentError naming the first schema error when `xml` is no valid FatturaPA."""
    schema = fatturapa_schema()
    if schema.validate(etree.fromstring(xml, _parser())):
        return
    first = schema.error_log[0]
    raise DocumentError("fatturapa_invalid", line=first.line, error=first.message)
