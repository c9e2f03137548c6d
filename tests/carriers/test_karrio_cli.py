"""`station carrier add dhl|ups`, list and test as a user types them, against the fake MyDHL API
(tests/fakes/carriers/dhl.py, from DHL's MyDHL API specification) and the fake UPS
(tests/fakes/carriers/ups.py, from UPS's OpenAPI specifications)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from tests.carriers.karrio_setup import (
    DHL_ACCOUNT,
    DHL_PASSWORD,
    DHL_USER,
    UPS_CLIENT,
    UPS_SECRET,
    UPS_SHIPPER,
    fake_dhl,
    fake_ups,
)
from tests.console_process import run_station

pytestmark = pytest.mark.slow


def test_dhl_and_ups_accounts_are_added_listed_and_answer(tmp_path: Path) -> None:
    home = tmp_path / "bench"
    with fake_dhl() as dhl, fake_ups() as ups:
        # GIVEN a home, WHEN a UPS and a DHL account are added with their secrets on stdin
        added_ups = run_station(
            home, "carrier", "add", "ups", "ups", "--url", ups.url, "--client-id", UPS_CLIENT,
            "--account", UPS_SHIPPER, stdin=UPS_SECRET + "\n",
        )  # fmt: skip
        added_dhl = run_station(
            home, "carrier", "add", "dhl", "dhl", "--url", f"{dhl.url}/mydhlapi",
            "--user", DHL_USER, "--account", DHL_ACCOUNT, "--label", "zpl",
            stdin=DHL_PASSWORD + "\n",
        )  # fmt: skip
        # THEN each says so, and no secret is in station.toml
        assert added_ups.returncode == 0, added_ups.stderr
        assert added_ups.stdout.startswith("Carrier UPS added (ups); its password is kept in ")
        assert added_dhl.returncode == 0, added_dhl.stderr
        settings = (home / "station.toml").read_text()
        assert UPS_SECRET not in settings
        assert DHL_PASSWORD not in settings
        accounts = tomllib.loads(settings)["carrier_accounts"]
        assert accounts["UPS"] == {
            "kind": "ups", "url": ups.url, "user": UPS_CLIENT, "account_number": UPS_SHIPPER,
            "service": "ups_standard", "label": "zpl",
        }  # fmt: skip
        assert (accounts["DHL"]["service"], accounts["DHL"]["label"]) == (
            "mydhl_express_domestic",
            "zpl",
        )
        # AND the list shows both served by their accounts, secrets stored
        listed = {
            row["code"]: row
            for row in json.loads(run_station(home, "carrier", "list", "--json").stdout)
        }
        assert {c: (listed[c]["kind"], listed[c]["password"]) for c in ("DHL", "UPS")} == {
            "DHL": ("dhl", "stored"),
            "UPS": ("ups", "stored"),
        }
        # AND each answers its test: UPS with a token, DHL validating the sender's address
        for code in ("UPS", "DHL"):
            tested = run_station(home, "carrier", "test", code)
            assert tested.returncode == 0, tested.stderr
            assert tested.stdout.strip() == f"{code} answers: it accepts the account."
        assert ups.count("POST", "/oauth/token") == 1
        assert dhl.count("GET", "/address-validate") == 1


def test_a_wrong_ups_secret_is_upss_refusal_in_one_line(tmp_path: Path) -> None:
    home = tmp_path / "bench"
    with fake_ups() as ups:
        run_station(
            home, "carrier", "add", "ups", "UPS", "--url", ups.url, "--client-id", UPS_CLIENT,
            "--account", UPS_SHIPPER, "--client-secret", "not-it",
        )  # fmt: skip
        tested = run_station(home, "carrier", "test", "UPS")
    assert tested.returncode == 1
    assert tested.stderr.strip() == (
        "station: UPS refused the shipment (10401): ClientId is Invalid. Correct it and pack "
        "the parcel again."
    )
