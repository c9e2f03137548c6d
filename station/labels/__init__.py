"""Documents: courier labels, packing slips, invoices, FatturaPA, DDT, manifests, demo sheets.

Every document is a pure function from a view model (plain dataclasses, Decimal money, grams)
to bytes. Nothing here touches the database, the network or Qt.
"""
