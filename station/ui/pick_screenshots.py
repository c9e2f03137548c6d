"""Render the picker window at its handheld size to PNG:
`python -m station.ui.pick_screenshots [DIR [LANGUAGE]]` writes DIR/480x800[-it]/*.png.

Runs the real window on a throwaway demo home, driven through the same signal a scan uses.
Run with QT_QPA_PLATFORM=offscreen on a machine without a display.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from station.app import open_home
from station.ui.pick_window import PICKER_SIZE, PickWindow, create_pick_window
from station.ui.pick_worker import PickView
from station.ui.screenshots import wait_for

TOTES = [f"TOTE{n}" for n in range(21, 27)]


def view(window: PickWindow) -> PickView:
    assert window.last is not None
    return window.last.view


def scan(window: PickWindow, code: str) -> None:
    window.scan(code)
    wait_for(window.outcome_shown)


def shoot(window: PickWindow, out: Path, name: str) -> Path:
    deadline = 50
    while window.banner.flashing and deadline:
        QApplication.processEvents()
        wait_for(window.outcome_shown, 20)
        deadline -= 1
    QApplication.processEvents()
    path = out / f"{name}.png"
    window.grab().save(str(path))
    print(path)
    return path


def take_all(window: PickWindow, out: Path) -> list[Path]:
    """Totes being scanned; at a bin with the route under way; a wrong tote."""
    for tote in TOTES[:2]:
        scan(window, tote)
    shots = [shoot(window, out, "1-totes")]
    for tote in TOTES[2:]:
        scan(window, tote)
    for _ in range(3):  # three stops walked: bin label, then each line's tote
        if not view(window).at_bin:
            scan(window, view(window).bin)
        scan(window, view(window).tote)
    if not view(window).at_bin:
        scan(window, view(window).bin)
    shots.append(shoot(window, out, "2-at-bin"))
    wrong = next(t for t in TOTES if t != view(window).tote)
    scan(window, wrong)
    shots.append(shoot(window, out, "3-wrong-tote"))
    return shots


def render(out: Path, language: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="station-shots-") as tmp,
        open_home(Path(tmp) / "home", demo_mode=True) as ctx,
    ):
        ctx.settings.language = language
        window = create_pick_window(ctx, cache=Path(tmp) / "cache")
        window.setFixedSize(*PICKER_SIZE)
        window.show()
        wait_for(window.worker.ready)
        QApplication.processEvents()
        shots = take_all(window, out)
        window.close()
        del window
    return shots


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "docs/screenshots")
    language = args[1] if len(args) > 1 else "en"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    width, height = PICKER_SIZE
    render(out / f"{width}x{height}{'' if language == 'en' else '-' + language}", language)
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
