"""The window's scale thread says an unstable reading as the console does, in the bench's language."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from station.devices.scale import ScaleState, WeightReading
from station.ui.scale_worker import ScaleWorker


class RestlessScale:
    """A scale whose parcel never settles."""

    port = "/dev/ttyUSB0"

    def read_stable(self, expected_g: int | None, timeout_s: float) -> WeightReading:
        return WeightReading(1210, ScaleState.MOTION, "settling", "scale_motion")

    def close(self) -> None:
        pass


class UnpluggedScale(RestlessScale):
    def read_stable(self, expected_g: int | None, timeout_s: float) -> WeightReading:
        raise OSError(5, "Input/output error")


def read_once(qtbot: QtBot, worker: ScaleWorker) -> str:
    with qtbot.waitSignal(worker.reading, timeout=2000) as signal:
        worker.read(1, 1200, 0.0)
    assert signal.args is not None
    return str(signal.args[2])


def test_an_unsettled_weight_is_the_device_sentence_in_italian(qtbot: QtBot) -> None:
    # GIVEN an Italian bench whose parcel keeps moving on the scale
    worker = ScaleWorker(RestlessScale(), "it")
    # THEN the operator reads what to do, as the console would say it
    assert read_once(qtbot, worker) == (
        "Il peso non si è stabilizzato: lascia fermo il collo sulla bilancia e ripesa."
    )


def test_a_scale_unplugged_mid_read_names_its_port(qtbot: QtBot) -> None:
    worker = ScaleWorker(UnpluggedScale(), "en")
    assert read_once(qtbot, worker) == (
        "The scale on /dev/ttyUSB0 was unplugged: plug it back in, it reconnects by itself."
    )
