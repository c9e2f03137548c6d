"""Start-up, each figure a whole process as a user starts it: `station --help`, `station orders
list` and `station label N` on a demo home, and the bench window until its first paint
(offscreen); beside them the same label made by an HTML-to-PDF pipeline (WeasyPrint, a
bench-only optional dependency: `pip install .[bench]`; the figure is skipped, with the reason,
when it is not installed).

Targets on the reference machine: `--help` under 0.3 s, the window painted under 1.5 s, and
`station label` faster than the HTML pipeline. Each is run RUNS times; the median and the best
are printed with the load average, since a loaded machine moves them all, and the median CPU
time each process used, which moves less.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.console_process import ean_of

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5
STATION = [sys.executable, "-m", "station"]

# The window's first paint: a QApplication made before Station's (which then uses it) carries
# a filter that ends the process at the first Paint event of a widget of the main window. Qt is
# imported here a little earlier than Station would, not more.
WINDOW_PROBE = r"""
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QWidget):
            if isinstance(obj.window(), QMainWindow):
                sys.stdout.write("PAINTED\n")
                sys.stdout.flush()
                os._exit(0)
        return False

app = QApplication(sys.argv[:1])
first_paint = FirstPaint()
app.installEventFilter(first_paint)
from station.cli import main
sys.exit(main(sys.argv[1:]))
"""

# The same labels through HTML: the order read as `station label` reads it, each label laid out
# in HTML with its Code 128 as SVG, and WeasyPrint writing the PDF.
HTML_LABEL = r"""
import base64, sys
from pathlib import Path
import barcode
from barcode.writer import SVGWriter
from weasyprint import HTML
from station.app import open_home
from station.services.documents import label_views
from station.services.orders import find_order

home, number, out = sys.argv[1:4]
with open_home(Path(home)) as ctx, ctx.db.read() as session:
    views = label_views(session, find_order(session, number), ctx.settings)
labels = []
for v in views:
    svg = barcode.get("code128", v.tracking_number, writer=SVGWriter()).render()
    code = base64.b64encode(svg).decode()
    to = v.recipient
    labels.append(
        f"<section><p class=carrier>{v.carrier} {v.service}</p>"
        f"<p>Mittente / From: {v.sender.name}, {' '.join(v.sender.lines())}</p>"
        f"<h2>{to.name}</h2><p>{'<br>'.join(to.lines())}</p>"
        f"<p>Ordine {v.order_number} - collo {v.parcel_no}/{v.parcel_count} - {v.weight_g} g</p>"
        f"<img src='data:image/svg+xml;base64,{code}'><p>{v.tracking_number}</p></section>"
    )
style = (
    "@page { size: A4; margin: 0 } section { width: 105mm; height: 148mm; float: left; "
    "box-sizing: border-box; padding: 6mm; font-family: sans-serif; font-size: 10pt } "
    "img { width: 90mm; height: 30mm } .carrier { font-size: 20pt; font-weight: bold }"
)
HTML(string=f"<html><head><style>{style}</style></head><body>{''.join(labels)}</body></html>"
     ).write_pdf(out)
"""


def _env() -> dict[str, str]:
    return {**os.environ, "STATION_LANG": "en", "QT_QPA_PLATFORM": "offscreen"}


def _cpu_s() -> float:
    """CPU seconds of the children reaped so far (0 where the OS does not say: Windows)."""
    if sys.platform == "win32":
        return 0.0
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(argv: list[str], until: str | None = None) -> tuple[float, float]:
    """Wall seconds from start to exit (or to the first output line `until`) of one process,
    and the CPU seconds it used (less moved by other work on the machine than wall time)."""
    cpu, started = _cpu_s(), time.perf_counter()
    if until is None:
        subprocess.run(argv, cwd=ROOT, env=_env(), capture_output=True, check=True, timeout=120)
        return time.perf_counter() - started, _cpu_s() - cpu
    with subprocess.Popen(
        argv, cwd=ROOT, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() == until:
                elapsed = time.perf_counter() - started
                proc.kill()
                break
        else:
            raise RuntimeError(f"{argv} ended before printing {until}")
    return elapsed, _cpu_s() - cpu  # the child was reaped on leaving the block


def _figure(name: str, run: Callable[[], tuple[float, float]], target: str = "") -> float:
    runs = [run() for _ in range(RUNS)]
    walls = sorted(wall for wall, _ in runs)
    median = statistics.median(walls)
    cpu = statistics.median(c for _, c in runs)
    note = f"  ({target})" if target else ""
    print(f"   {name:<38} median {median:5.2f} s  best {walls[0]:5.2f} s  CPU {cpu:5.2f} s{note}")
    return median


def _verdict(ok: bool) -> str:
    return "ok" if ok else "OVER TARGET"


def _demo_home(folder: Path) -> Path:
    """A demo home with order 1001 packed and shipped (one GLS parcel)."""
    home = folder / "home"
    lines = "\n".join(["1001", ean_of("TSH-01"), "WEIGH"]) + "\n"
    subprocess.run(
        [*STATION, "--home", str(home), "bench", "--console", "--demo"],
        input=lines,
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return home


def _html_pipeline(home: Path, out: Path, label_s: float) -> None:
    try:
        import weasyprint  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: F401
    except ImportError:
        print("   HTML label (WeasyPrint)           skipped: weasyprint is not installed")
        return
    except Exception as exc:  # a missing system library (pango) is a reason, not a crash
        print(f"   HTML label (WeasyPrint)           skipped: it does not load here ({exc})")
        return
    argv = [sys.executable, "-c", HTML_LABEL, str(home), "1001", str(out / "html-label.pdf")]
    html = _figure("same label, HTML -> PDF (WeasyPrint)", lambda: _timed(argv))
    print(f"   station label faster than the HTML pipeline: {_verdict(label_s < html)}")


def main() -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"   {RUNS} runs each, load average {load} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        folder = Path(tmp)
        home = _demo_home(folder)
        helped = _figure("station --help", lambda: _timed([*STATION, "--help"]), "target 0.3 s")
        print(f"   --help under 0.3 s: {_verdict(helped < 0.3)}")
        _figure(
            "station orders list", lambda: _timed([*STATION, "--home", str(home), "orders", "list"])
        )
        label_argv = [*STATION, "--home", str(home), "label", "1001", "-o", str(folder / "l.pdf")]
        label = _figure("station label 1001 (A4 PDF)", lambda: _timed(label_argv))
        window = [sys.executable, "-c", WINDOW_PROBE, "--home", str(home)]
        painted = _figure(
            "window, start to first paint", lambda: _timed(window, until="PAINTED"), "target 1.5 s"
        )
        print(f"   window visible under 1.5 s: {_verdict(painted < 1.5)}")
        _html_pipeline(home, folder, label)


if __name__ == "__main__":
    main()
