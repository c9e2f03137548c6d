"""`station report [--day D | --shift S] [--json|--csv]`: the figures of a day or a shift.

Read-only: it runs beside a bench. Without `--day` or `--shift` it counts today (local time).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
from typing import TYPE_CHECKING, Any

from station.cli_support import UserError
from station.context import AppContext
from station.domain.messages import text
from station.domain.shifts import ShiftError, Window, day_window, parse_day, parse_shift
from station.domain.shifts import shift_starts as read_starts

if TYPE_CHECKING:  # the report service loads the database layer: not for `station --help`
    from station.services.report import Figures, Report


def add_report_commands(sub: Any) -> None:
    report = sub.add_parser("report", help="figures per shift or day, and per operator")
    which = report.add_mutually_exclusive_group()
    which.add_argument("--day", metavar="YYYY-MM-DD", help="a local day (default: today)")
    which.add_argument("--shift", metavar="S", help="N (today's Nth shift) or YYYY-MM-DD:N")
    form = report.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true")
    form.add_argument("--csv", action="store_true")
    report.set_defaults(func=cmd_report, read_only=True)


def report_window(ctx: AppContext, day: str | None, shift: str | None) -> Window:
    today = dt.datetime.now().astimezone().date()
    if shift:
        return parse_shift(shift, today, read_starts(ctx.settings.shift_starts))
    return day_window(parse_day(day) if day else today)


def cmd_report(args: argparse.Namespace, ctx: AppContext) -> int:
    try:
        window = report_window(ctx, args.day, args.shift)
    except ShiftError as exc:
        raise UserError(exc.message(ctx.settings.language)) from exc
    from station.services.report import shift_report

    with ctx.db.read() as session:
        report = shift_report(session, window)
    if args.json:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    elif args.csv:
        print(report_csv(report), end="")
    else:
        print("\n".join(report_lines(report, ctx.settings.language)))
    return 0


def report_csv(report: Report) -> str:
    """One row for everyone (operator empty), then one per operator; a column per figure and
    per kind of scan error."""
    from station.services.report import FIGURE_NAMES, KINDS

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["window", "operator", *FIGURE_NAMES, *(f"scan_errors_{k}" for k in KINDS)])
    rows = [("", report.total), *sorted(report.per_operator.items())]
    for name, figures in rows:
        values = figures.as_dict()
        writer.writerow(
            [
                report.window.name,
                name,
                *(_csv_value(values[key]) for key in FIGURE_NAMES),
                *(figures.scan_errors[k] for k in KINDS),
            ]
        )
    return out.getvalue()


def _csv_value(value: object) -> object:
    return "" if value is None else value


def report_lines(report: Report, language: str) -> list[str]:
    window = report.window
    lines = [
        text(
            "report_title",
            language,
            window=window.name,
            start=window.start.strftime("%Y-%m-%d %H:%M"),
            end=window.end.strftime("%Y-%m-%d %H:%M"),
        )
    ]
    lines += figure_lines(report.total, language, indent="  ")
    for name, figures in sorted(report.per_operator.items()):
        lines.append(text("report_operator", language, name=name))
        lines += figure_lines(figures, language, indent="  ")
    return lines


def figure_lines(figures: Figures, language: str, indent: str = "") -> list[str]:
    from station.services.report import FIGURE_NAMES, KIND_NAMES

    values = figures.as_dict()
    lines = [
        f"{indent}{text(code, language)}: {_shown(values[key])}"
        for key, code in FIGURE_NAMES.items()
    ]
    errors = ", ".join(
        f"{text(KIND_NAMES[kind], language)} {count}" for kind, count in figures.scan_errors.items()
    )
    lines.append(f"{indent}{text('figure_scan_errors', language)}: {errors}")
    return lines


def _shown(value: object) -> str:
    return "–" if value is None else str(value)
