"""`station carrier add|list|test` as a user types them, against the fake BRT
(tests/fakes/carriers/brt.py, built from BRT's REST documentation)."""

from __future__ import annotations

import json
import subprocess
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.carriers.brt_setup import CUSTOMER_CODE, DEPOT, PASSWORD, USER, fake_brt
from tests.console_process import run_station
from tests.fakes.carriers.brt import FakeBrt
from tests.fakes.carriers.gls import FakeGlsItaly

pytestmark = pytest.mark.slow


@pytest.fixture
def brt() -> Iterator[FakeBrt]:
    with fake_brt() as fake:
        yield fake


def _add(
    home: Path, brt: FakeBrt, *more: str, stdin: str = PASSWORD + "\n", lang: str = "en"
) -> subprocess.CompletedProcess[str]:
    return run_station(
        home, "carrier", "add", "brt", "brt", "--url", f"{brt.url}/rest/v1", "--user-id", USER,
        "--departure-depot", str(DEPOT), "--customer-code", str(CUSTOMER_CODE), *more,
        stdin=stdin, lang=lang,
    )  # fmt: skip


def test_an_added_brt_account_is_listed_and_answers(tmp_path: Path, brt: FakeBrt) -> None:
    home = tmp_path / "bench"
    # GIVEN a home, WHEN a BRT account is added with its password on stdin
    added = _add(home, brt, "--mode", "explicit", "--label", "brt-zpl")
    # THEN it says so and where the password went, which is not station.toml
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("Carrier BRT added (brt); its password is kept in ")
    assert added.stderr == ""
    settings = (home / "station.toml").read_text()
    assert PASSWORD not in settings
    account = tomllib.loads(settings)["carrier_accounts"]["BRT"]
    assert (account["mode"], account["label"], account["customer_code"]) == (
        "explicit", "brt-zpl", CUSTOMER_CODE,
    )  # fmt: skip
    # AND the list shows BRT served by its account, GLS still by its range
    listed = {
        row["code"]: row
        for row in json.loads(run_station(home, "carrier", "list", "--json").stdout)
    }
    assert (listed["BRT"]["kind"], listed["BRT"]["password"]) == ("brt", "stored")
    assert listed["GLS"]["kind"] == "range"
    assert "password" not in json.dumps(listed["BRT"]).replace('"password": "stored"', "")
    # AND the test asks BRT to route a parcel to the sender (Milano)
    tested = run_station(home, "carrier", "test", "BRT")
    assert tested.returncode == 0, tested.stderr
    assert tested.stdout.strip() == (
        "BRT answers: a parcel to the sender's own address is routed to depot 016/10."
    )


def test_a_password_on_the_command_line_works_with_a_warning(tmp_path: Path, brt: FakeBrt) -> None:
    added = _add(tmp_path / "bench", brt, "--password", PASSWORD, stdin="")
    assert added.returncode == 0
    assert "--password shows in the process list" in added.stderr


def test_a_wrong_password_is_brts_refusal_in_one_line(tmp_path: Path, brt: FakeBrt) -> None:
    home = tmp_path / "bench"
    _add(home, brt, stdin="not-it\n", lang="it")
    tested = run_station(home, "carrier", "test", "BRT", lang="it")
    assert tested.returncode == 1
    assert tested.stderr.strip() == (
        "station: BRT ha rifiutato la spedizione (-7): Login fallito. Correggi e richiudi il collo."
    )


def test_no_password_and_unknown_codes_are_said(tmp_path: Path, brt: FakeBrt) -> None:
    home = tmp_path / "bench"
    empty = _add(home, brt, stdin="")
    assert empty.returncode == 1
    assert "A password is needed" in empty.stderr
    unknown = run_station(home, "carrier", "test", "UPS")
    assert unknown.returncode == 1
    assert unknown.stderr.strip() == (
        "station: No account for carrier UPS: add one with 'station carrier add'."
    )


def test_a_gls_italy_account_is_added_and_answers(tmp_path: Path) -> None:
    home = tmp_path / "bench"
    with FakeGlsItaly("M1", "123456", "gls-pw") as gls:
        # GIVEN a GLS Italy account added with its password on stdin
        args = ["--url", f"{gls.url}/ilswebservice.asmx", "--branch", "M1", "--client", "123456",
                "--contract", "1234"]  # fmt: skip
        added = run_station(home, "carrier", "add", "gls-it", "GLS", *args, stdin="gls-pw\n")
        assert added.returncode == 0, added.stderr
        assert added.stdout.startswith("Carrier GLS added (gls-it)")
        # WHEN it is tested, THEN GLS lists the account's shipments (none yet)
        tested = run_station(home, "carrier", "test", "GLS")
        assert tested.returncode == 0, tested.stderr
        assert tested.stdout.strip() == (
            "GLS answers: it holds 0 shipments of this account from the last 4 months."
        )
        # AND a wrong password is GLS's refusal, in one line
        run_station(home, "carrier", "add", "gls-it", "GLS", *args, stdin="old\n")
        refused = run_station(home, "carrier", "test", "GLS")
        assert refused.returncode == 1
        assert refused.stderr.strip() == (
            "station: GLS refused the parcel: Autenticazione fallita. "
            "Correct it and pack the parcel again."
        )


def test_a_poste_account_is_added_listed_and_answers(tmp_path: Path) -> None:
    from tests.carriers.poste_setup import CLIENT_ID, COST_CENTER, SCOPE, SECRET, fake_poste

    home = tmp_path / "bench"
    with fake_poste() as poste:
        # GIVEN a Poste Delivery Business account added for SDA, its secret on stdin
        args = ["--url", poste.api_url, "--client-id", CLIENT_ID, "--cost-center", COST_CENTER,
                "--scope", SCOPE, "--label", "zpl", "--accessory", "APT000946"]  # fmt: skip
        added = run_station(home, "carrier", "add", "poste", "sda", *args, stdin=SECRET + "\n")
        assert added.returncode == 0, added.stderr
        assert added.stdout.startswith("Carrier SDA added (poste); its password is kept in ")
        settings = (home / "station.toml").read_text()
        assert SECRET not in settings
        account = tomllib.loads(settings)["carrier_accounts"]["SDA"]
        assert (account["label"], account["accessories"]) == ("zpl", ["APT000946"])
        # AND it is listed with its secret stored
        listed = {
            row["code"]: row
            for row in json.loads(run_station(home, "carrier", "list", "--json").stdout)
        }
        assert (listed["SDA"]["kind"], listed["SDA"]["password"]) == ("poste", "stored")
        # WHEN it is tested, THEN Poste opened a session for it
        tested = run_station(home, "carrier", "test", "SDA")
        assert tested.returncode == 0, tested.stderr
        assert tested.stdout.strip() == (
            f"SDA answers: Poste opened a session for client ID {CLIENT_ID}."
        )
        # AND a wrong secret is Poste's refusal, in one line
        run_station(home, "carrier", "add", "poste", "SDA", *args, stdin="old\n")
        refused = run_station(home, "carrier", "test", "SDA")
        assert refused.returncode == 1
        assert refused.stderr.strip() == (
            "station: SDA refused the account's client ID or secret (AADSTS7000215: Invalid "
            "client secret provided.): add the account again with 'station carrier add poste'."
        )


def test_a_brt_account_printing_its_own_labels_needs_its_series(
    tmp_path: Path, brt: FakeBrt
) -> None:
    home = tmp_path / "bench"
    # WHEN own labels are asked for without BRT's series, THEN it is said what is missing
    missing = _add(home, brt, "--label", "own")
    assert missing.returncode == 1
    assert missing.stderr.strip() == (
        "station: Own BRT labels need the series BRT gave the customer code: add --series NN."
    )
    # WHEN the series and its numbers are given, THEN they are stored with the account
    added = _add(home, brt, "--label", "own", "--series", "4", "--own-range", "321962-321999")
    assert added.returncode == 0, added.stderr
    account = tomllib.loads((home / "station.toml").read_text())["carrier_accounts"]["BRT"]
    assert (account["label"], account["series"], account["own_first"], account["own_last"]) == (
        "own", 4, 321_962, 321_999,
    )  # fmt: skip
