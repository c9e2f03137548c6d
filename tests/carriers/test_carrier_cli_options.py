"""`station carrier add` offers exactly what the adapters take, without loading them for --help."""

from __future__ import annotations

from station import carriers_cli
from station.carriers import brt_wire, karrio_wire, port, poste, poste_wire, registry


def test_the_command_line_offers_the_brt_adapters_modes_and_labels() -> None:
    # GIVEN the choices `station carrier add brt` offers, written out so --help loads no adapter
    # WHEN they are set beside the adapter's own
    # THEN they are the same, and the accounts live under the key the registry reads
    assert carriers_cli.BRT_MODES == brt_wire.MODES
    assert carriers_cli.BRT_LABEL_KINDS == brt_wire.LABEL_KINDS
    assert carriers_cli.ACCOUNTS_KEY == registry.ACCOUNTS_KEY


def test_the_command_line_offers_the_poste_adapters_labels_and_cod_modes() -> None:
    assert carriers_cli.POSTE_LABEL_KINDS == poste_wire.LABEL_KINDS
    assert carriers_cli.POSTE_COD_MODES == poste_wire.COD_MODES
    assert carriers_cli.POSTE_URL == poste.DEFAULT_URL


def test_every_tracking_status_has_its_sentence() -> None:
    assert tuple(carriers_cli.TRACK_STATUS_MESSAGES) == port.TRACK_STATUSES


def test_the_command_line_offers_the_karrio_adapters_defaults_and_labels() -> None:
    assert carriers_cli.KARRIO_URLS == karrio_wire.DEFAULT_URLS
    assert carriers_cli.KARRIO_SERVICES == karrio_wire.DEFAULT_SERVICES
    assert carriers_cli.KARRIO_LABELS == karrio_wire.LABEL_FORMATS
    assert {k: v[0] for k, v in carriers_cli.KARRIO_LABELS.items()} == karrio_wire.DEFAULT_LABELS
