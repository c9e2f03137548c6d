"""Where a bench keeps its data, and the settings it reads from `station.toml` in that home."""

from __future__ import annotations

import locale
import os
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w

from station.domain.messages import Phrase
from station.files import PRIVATE_FILE, set_aside, write_atomically

CONFIG_FILE = "station.toml"
DB_FILE = "station.db"


def default_home() -> Path:
    env = os.environ.get("STATION_HOME")
    return Path(env) if env else Path(platformdirs.user_data_dir("station", appauthor=False))


def system_language() -> str:
    lang = os.environ.get("STATION_LANG") or os.environ.get("LANG") or ""
    if not lang:
        lang = locale.getlocale()[0] or ""
    return "it" if lang.lower().startswith("it") else "en"


@dataclass
class Settings:
    """A bench's settings. Unknown keys in the file are kept as they are."""

    bench_name: str = "bench-1"
    language: str = field(default_factory=system_language)
    scale: str = "none"  # typed weights until a scale is configured; the demo uses "sim"
    printer: str = "folder"
    operator: str = ""
    weight_tolerance_g: int = 50
    weight_tolerance_pct: float = 5.0
    short_policy: str = "ship"  # ship what is there, or "hold" the order
    short_needs_lead: bool = False  # a lead's PIN (OVERRIDE) approves each SHORT
    pick_bin_scan: bool = False  # lines in walking order, each bin's label scanned before its item
    batch_size: int = 6  # orders a picker takes into totes at once (`station pick`)
    # Pack-out from a tote counts the units the picker put in it as packed (else each is scanned).
    trust_pick: bool = False
    label_format: str = "pdf"
    label_dpi: int = 203  # of the ZPL printer: 203 or 300
    # A print that fails is tried again this many times, this far apart, before it goes to
    # the failed list the operator sees.
    print_retries: int = 2
    print_retry_delay_s: float = 2.0
    # A parcel whose carrier did not answer in time: how often its label is asked for again.
    label_retry_s: float = 10.0
    sender_name: str = "Station Demo Srl"
    sender_street: str = "Via dell'Industria 12"
    sender_postcode: str = "20100"
    sender_city: str = "Milano"
    sender_province: str = "MI"
    sender_country: str = "IT"
    # Per carrier code: the number range the courier assigned (first, last, prefix, suffix,
    # width, check, optional warn_remaining). The demo values are made up.
    tracking_ranges: dict[str, dict[str, Any]] = field(
        default_factory=lambda: {
            "BRT": {"first": 1, "last": 99_999_999, "prefix": "0612", "width": 8, "check": "mod7"},
            "GLS": {"first": 1, "last": 999_999_999, "prefix": "M1", "width": 9, "check": "luhn"},
            "SDA": {"first": 1, "last": 9_999_999_999, "prefix": "8", "width": 10, "check": "mod7"},
            "POSTE": {
                "first": 1,
                "last": 99_999_999,
                "prefix": "RB",
                "suffix": "IT",
                "check": "s10",
            },
            "DEMO": {
                "first": 1,
                "last": 99_999_999_999,
                "prefix": "ST",
                "width": 11,
                "check": "luhn",
            },
        }
    )
    # Per carrier code: the tracking link sent to the shop, `{number}` where the number goes;
    # replaces the link of sync/tracking_links.py for that carrier (`[tracking_urls]`).
    tracking_urls: dict[str, str] = field(default_factory=dict)
    gs1_company_prefix: str = ""  # 7-10 digits: parcels also get an SSCC
    seller_vat_id: str = "02847160153"  # partita IVA (a made-up one with a valid check digit)
    seller_tax_code: str = "02847160153"  # codice fiscale; a company's equals its partita IVA
    seller_regime_fiscale: str = "RF01"
    # Local times at which the shifts start, in order: a shift runs to the next one's start (the
    # last to the first's, the next day) and belongs to the day it starts on.
    shift_starts: list[str] = field(default_factory=lambda: ["06:00", "14:00", "22:00"])
    extra: dict[str, Any] = field(default_factory=dict)
    # Whether bench_name came from the file (or was set), not the default.
    named_bench: bool = field(default=False, compare=False, repr=False)
    # Set when the file could not be read and was set aside: the front ends show it.
    load_warning: Phrase | None = field(default=None, compare=False, repr=False)
    # A carrier account's secrets by carrier code, from where shop secrets are kept; set by
    # whoever opened the home, never written to the file.
    carrier_secrets: Callable[[str], dict[str, str]] | None = field(
        default=None, compare=False, repr=False
    )
    # A bench joined to a hub numbers SSCCs from the block of serials the hub handed it (first
    # past last: none left); set for one shipment, never written to the file.
    sscc_block: tuple[int, int] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def load(cls, home: Path) -> Settings:
        path = home / CONFIG_FILE
        if not path.exists():
            return cls()
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            # The bench must still open (demo defaults are safe); the file is kept for a person.
            kept = set_aside(path)
            return cls(load_warning=Phrase("settings_damaged", {"path": path, "kept": kept.name}))
        known = {f.name for f in fields(cls)} - {
            "extra",
            "named_bench",
            "load_warning",
            "carrier_secrets",
            "sscc_block",
        }
        values = {k: v for k, v in data.items() if k in known}
        extra = {k: v for k, v in data.items() if k not in known}
        return cls(**values, extra=extra, named_bench="bench_name" in values)

    def save(self, home: Path) -> None:
        data = asdict(self)
        data.pop("named_bench")
        data.pop("load_warning")
        data.pop("carrier_secrets")
        data.pop("sscc_block")
        data.update(data.pop("extra"))
        write_atomically(home / CONFIG_FILE, tomli_w.dumps(data).encode("utf-8"), mode=PRIVATE_FILE)
