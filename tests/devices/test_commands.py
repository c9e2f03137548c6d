"""`station scale read` and `station devices list`, against simulators on pty and 127.0.0.1."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from station.cli import build_parser
from station.config import Settings
from station.devices import probe
from station.devices.commands import add_device_commands
from station.devices.health import BenchHealth, DeviceHealth, HealthLevel, bench_health
from station.devices.probe import probe_protocol
from station.devices.protocols.registry import protocol_names
from station.devices.simulators.printer import FakePrinter
from tests.devices.conftest import ALL_PROTOCOLS, Bench


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STATION_LANG", "en")


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="station")
    parser.add_argument("--home", type=Path)
    add_device_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return int(args.func(args, None))


def test_scale_read_offers_auto_and_exactly_the_registered_protocols() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    scale = commands.choices["scale"]
    read = next(a for a in scale._actions if isinstance(a, argparse._SubParsersAction))
    protocol = next(a for a in read.choices["read"]._actions if a.dest == "protocol")
    assert list(protocol.choices or ()) == ["auto", *protocol_names()]
    assert protocol_names() == ["mt-sics", "toledo-8217", "toledo-continuous", "nci", "cas"]


def test_auto_probe_listens_for_or_asks_every_registered_protocol() -> None:
    # Streaming ones are listened for on each line setting; polled ones are asked.
    tried = {p.name for p in (*probe._streaming(), *probe._asked())}
    assert tried == set(protocol_names())
    assert [p.name for p in probe._framings()] == ["toledo-continuous", "cas"]  # 7E1, then 8N1


@pytest.mark.parametrize("protocol", ALL_PROTOCOLS)
def test_auto_probe_recognises_every_protocol(bench: Bench, protocol: str) -> None:
    sim = bench.simulator(protocol, 1250)
    found = probe_protocol(sim.port)
    assert found is not None
    assert found.name == protocol


def test_scale_read_prints_grams_and_exits_0(
    bench: Bench, capsys: pytest.CaptureFixture[str]
) -> None:
    sim = bench.simulator("toledo-continuous", 1250)
    assert run(["scale", "read", "--port", sim.port, "--protocol", "toledo-continuous"]) == 0
    assert capsys.readouterr().out == "1250 g\n"


def test_scale_read_auto(bench: Bench, capsys: pytest.CaptureFixture[str]) -> None:
    sim = bench.simulator("nci", 2500)
    assert run(["scale", "read", "--port", sim.port]) == 0
    assert capsys.readouterr().out == "2500 g\n"


@pytest.mark.parametrize(
    ("setup", "argv", "says"),
    [
        ("overload", ["--protocol", "mt-sics"], "overloaded"),
        ("moving", ["--protocol", "cas"], "did not settle"),
        ("silent", ["--protocol", "mt-sics"], "does not answer"),
        ("cas", ["--protocol", "nci"], "not in protocol nci"),
    ],
)
def test_scale_read_failures_are_one_clear_line_and_exit_1(
    bench: Bench, capsys: pytest.CaptureFixture[str], setup: str, argv: list[str], says: str
) -> None:
    # GIVEN a scale in trouble
    sim = bench.simulator("cas" if setup in ("cas", "moving") else "mt-sics", 1250)
    if setup == "overload":
        sim.overload()
    elif setup == "moving":
        sim.set_weight(900, settle_frames=10_000)
    elif setup == "silent":
        sim.silence()
    # WHEN read from the command line with a short timeout
    code = run(["scale", "read", "--port", sim.port, "--timeout", "0.6", *argv])
    # THEN it exits 1 with one line on stderr that says what is wrong
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1
    assert err.startswith("station: ")
    assert says in err


def test_scale_read_on_a_missing_port(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["scale", "read", "--port", "/dev/serial/by-id/usb-none-if00"]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_devices_list_shows_ports_and_configured_devices_with_state(
    bench: Bench, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a bench configured with an MT-SICS scale and a ZPL printer, both answering
    sim = bench.simulator("mt-sics", 1250)
    printer = FakePrinter().start()
    try:
        home = tmp_path / "home"
        Settings(scale=f"mt-sics:{sim.port}", printer=f"zpl:127.0.0.1:{printer.port}").save(home)
        # WHEN the devices are listed
        assert run(["--home", str(home), "devices", "list"]) == 0
    finally:
        printer.stop()
    out = capsys.readouterr().out
    # THEN the ports section and each device with its state are printed
    assert "Serial ports:" in out
    lines = {line.split()[0]: line for line in out.split("Configured devices:")[1].splitlines()[1:]}
    assert lines["scale"].split()[1] == "ok"
    assert lines["printer"].split()[1] == "ok"
    assert lines["scanner"].split()[1] == "ok"


def test_devices_list_reports_a_dead_printer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    printer = FakePrinter().start()
    port = printer.port
    printer.stop()  # nothing listens there any more
    home = tmp_path / "home"
    Settings(scale="sim", printer=f"zpl:127.0.0.1:{port}").save(home)
    assert run(["--home", str(home), "devices", "list"]) == 0
    out = capsys.readouterr().out
    assert "failed" in out
    assert "refused the connection" in out


def test_devices_list_checks_the_folder_the_bench_prints_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a bench printing to its plain folder, where a file stands in the folder's place
    # (the bench writes labels into home/print/out, so none can be written)
    home = tmp_path / "home"
    Settings(scale="sim", printer="folder").save(home)
    (home / "print").mkdir()
    (home / "print" / "out").write_text("not a folder")
    (home / "labels").mkdir()  # the folder checked before, which is fine
    # WHEN the devices are listed
    assert run(["--home", str(home), "devices", "list"]) == 0
    out = capsys.readouterr().out
    # THEN the printer is failed, naming the folder the bench prints to
    lines = {line.split()[0]: line for line in out.split("Configured devices:")[1].splitlines()[1:]}
    assert lines["printer"].split()[1] == "failed"
    assert str(home / "print" / "out") in lines["printer"]


def test_devices_list_takes_a_bare_printer_name_as_the_bench_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a printer named as the settings dialog allows, without a kind (a CUPS queue)
    home = tmp_path / "home"
    Settings(scale="sim", printer="Zebra_GK420d").save(home)
    # WHEN the devices are listed
    assert run(["--home", str(home), "devices", "list"]) == 0
    out = capsys.readouterr().out
    # THEN it is checked as the CUPS queue the bench prints to, not called unconfigured
    printer = out.split("Configured devices:")[1].split("printer", 1)[1].splitlines()[0]
    assert "cups:Zebra_GK420d" in printer


def test_bench_health_is_the_worst_device() -> None:
    health = bench_health(
        [
            DeviceHealth("scanner"),
            DeviceHealth("scale", HealthLevel.WARNING, "scale_overload"),
            DeviceHealth("printer", HealthLevel.FAILED, "printer_paper_out"),
        ]
    )
    assert isinstance(health, BenchHealth)
    assert health.level is HealthLevel.FAILED
    assert "load labels" in health.lines("en")[2]
    assert "caricale" in health.lines("it")[2]


def test_device_messages_speak_italian_and_never_raise_on_a_missing_field() -> None:
    from station.domain.messages import text

    assert text("scale_no_port", "it", port="/dev/x").startswith("La porta /dev/x")
    assert "?" in text("scale_no_port", "en")  # a missing field never raises
