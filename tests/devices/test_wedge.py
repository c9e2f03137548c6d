"""A keyboard-wedge scanner's presence, read from its /dev/input/by-id link (udev keeps the
link while the device is plugged in). The folder here stands in for /dev/input/by-id."""

from __future__ import annotations

import queue
from pathlib import Path

from station.devices.health import DeviceHealth, HealthLevel
from station.devices.wedge import WedgeWatch, wedge_devices


def test_the_watch_reports_each_change_once_on_its_own_thread(tmp_path: Path) -> None:
    # GIVEN a plugged-in scanner's link and a watch on it
    node = tmp_path / "event3"
    node.write_text("")
    link = tmp_path / "usb-Datalogic_QD2430-event-kbd"
    link.symlink_to(node)
    reports: queue.Queue[DeviceHealth] = queue.Queue()
    watch = WedgeWatch(str(link), reports.put, poll_s=0.02).start()
    try:
        assert watch.health().level is HealthLevel.OK
        # WHEN it is unplugged, then plugged in again
        link.unlink()
        gone = reports.get(timeout=5)
        link.symlink_to(node)
        back = reports.get(timeout=5)
    finally:
        watch.close()
    # THEN each change is reported once, naming the scanner
    assert (gone.level, gone.code, gone.fields) == (
        HealthLevel.FAILED,
        "wedge_unplugged",
        {"device": "Datalogic_QD2430"},
    )
    assert back.level is HealthLevel.OK
    assert reports.empty()


def test_the_keyboards_plugged_in_are_listed_by_their_links(tmp_path: Path) -> None:
    for name in ("usb-Datalogic_QD2430-event-kbd", "usb-Logitech_K120-event-kbd"):
        (tmp_path / name).write_text("")
    (tmp_path / "usb-Logitech_M90-event-mouse").write_text("")
    assert [p.name for p in wedge_devices(tmp_path)] == [
        "usb-Datalogic_QD2430-event-kbd",
        "usb-Logitech_K120-event-kbd",
    ]
    assert wedge_devices(tmp_path / "missing") == []
