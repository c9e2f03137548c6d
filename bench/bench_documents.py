"""Document rendering speed: courier label (PDF, ZPL), 50-line invoice, FatturaPA XML.

Targets: label p99 under 10 ms (PDF) and 1 ms (ZPL); invoice of 50 lines under 25 ms.
Also compares with an HTML-to-PDF pipeline (WeasyPrint) when it can be installed here.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from station.labels.courier import label_pdf, label_zpl
from station.labels.fatturapa import fatturapa_xml
from station.labels.invoice import invoice_pdf
from tests.labels.factories import invoice_view, label_view


def _measure(fn: Callable[[], object], runs: int) -> tuple[float, float, float]:
    fn()  # warm-up: font registration, imports
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99) - 1], times[-1]


def _report(name: str, fn: Callable[[], object], runs: int, target_ms: float) -> None:
    p50, p99, worst = _measure(fn, runs)
    verdict = "ok" if p99 < target_ms else "OVER TARGET"
    print(
        f"   {name:<28} p50 {p50:7.2f} ms  p99 {p99:7.2f} ms  max {worst:7.2f} ms"
        f"  (target p99 < {target_ms} ms: {verdict})"
    )


def _weasyprint_comparison(invoice_ms: float) -> None:
    try:
        import weasyprint  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: F401
    except ImportError:
        install = subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "weasyprint"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if install.returncode != 0:
            reason = (install.stderr.strip().splitlines() or ["pip failed"])[-1]
            print(f"   weasyprint comparison skipped: could not install it ({reason})")
            return
    try:
        from weasyprint import HTML  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except Exception as exc:  # a missing system library is a reason to skip, not a crash
        print(f"   weasyprint comparison skipped: it does not load here ({exc})")
        return
    view = invoice_view(50)
    rows = "".join(
        f"<tr><td>{ln.sku}</td><td>{ln.description}</td><td>{ln.quantity}</td>"
        f"<td>{ln.unit_price}</td><td>{ln.vat_rate}</td><td>{ln.total}</td></tr>"
        for ln in view.lines
    )
    html = f"<html><body><h1>Fattura {view.number}</h1><table>{rows}</table></body></html>"
    p50, p99, _ = _measure(lambda: HTML(string=html).write_pdf(), 20)
    print(
        f"   weasyprint 50-line invoice   p50 {p50:7.2f} ms  p99 {p99:7.2f} ms"
        f"  (reportlab p50 {invoice_ms:.2f} ms)"
    )


def main() -> None:
    label = label_view()
    invoice = invoice_view(50)
    _report("label PDF 4x6", lambda: label_pdf(label), 300, 10)
    _report("label PDF A6", lambda: label_pdf(label, "a6"), 300, 10)
    _report("label ZPL 203 dpi", lambda: label_zpl(label), 2000, 1)
    _report("label ZPL 300 dpi", lambda: label_zpl(label, 300), 2000, 1)
    _report("invoice PDF 50 lines", lambda: invoice_pdf(invoice), 100, 25)
    _report("FatturaPA XML 50 lines", lambda: fatturapa_xml(invoice, "00001"), 200, 25)
    _weasyprint_comparison(_measure(lambda: invoice_pdf(invoice), 30)[0])


if __name__ == "__main__":
    main()
