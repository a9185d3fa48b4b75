"""Command line: ``python -m analysis summarize FILE [--json]``.

Errors print one line starting with ``error:`` on stderr and exit with status 2; a
traceback never reaches the user.
"""
from __future__ import annotations

import argparse
import json
import sys

from analysis.errors import InputError
from analysis.io import load_export
from analysis.summary import summarize


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = argparse.ArgumentParser(prog="python -m analysis",
                                     description="Journey Lens: customer-journey analytics from survey and feedback exports.")
    commands = parser.add_subparsers(dest="command", required=True)
    summary = commands.add_parser("summarize", help="load, map, validate a file and print its metrics",
                                  description="Load a survey or feedback export, detect its format and column roles, "
                                              "validate it and print headline metrics and touchpoint scores.")
    summary.add_argument("file", help="CSV, TSV, TXT, XLSX, XLS or JSON export")
    summary.add_argument("--json", action="store_true", help="print machine-readable JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result = summarize(load_export(args.file))
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # the CLI promises one line, never a traceback
        print(f"error: {args.file}: could not be read ({type(err).__name__}: {err}); "
              "check that it is a survey or feedback export.", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False, default=str))
    else:
        print(_as_text(result))
    return 0


def _as_text(result: dict) -> str:
    lines = [f"{result['file']}: {result['format']} {result['kind']} export, "
             f"{result['rows']} responses read, {result['rows_used']} used"]
    for name, metric in result.get("metrics", {}).items():
        lines.append(f"  {name.upper():<9} {metric['value']:.1f}  (95% CI {metric['low']:.1f} to {metric['high']:.1f}, n={metric['n']})"
                     if metric["value"] is not None else f"  {name.upper():<9} no valid answers")
    for point in result.get("touchpoints", []):
        lines.append(f"  {point['touchpoint'][:40]:<40} {point['stage']:<13} mean {point['mean']:.2f}  n={point['n']}")
    for issue in result["validation"]:
        lines.append(f"  ! {issue['column'] or '(file)'}: {issue['problem']} x{issue['count']}")
    return "\n".join(lines)
