"""The FatturaPA schemas as Agenzia delle Entrate publishes them (1.2.2 and simplified 1.0),
with the XML Signature schema they import; read as package data by `station.labels.schema`."""
