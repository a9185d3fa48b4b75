"""Command line: ``python -m analysis summarize FILE [--json]``,
``python -m analysis compare FILE --by COLUMN [--groups A,B] [--json]``.

Errors print one line starting with ``error:`` on stderr and exit with status 2; a
traceback never reaches the user.
"""
from __future__ import annotations

import argparse
import json
import sys

from analysis.compare import compare_groups, to_records
from analysis.errors import InputError, quoted
from analysis.messages import LANGUAGES, Message, render, text
from analysis.io import load_export
from analysis.prepare import prepare
from analysis.schema import detect_roles
from analysis.summary import summarize

LANG_HELP = "language of messages and findings: en (English, the default) or zh (简体中文)"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = argparse.ArgumentParser(prog="python -m analysis",
                                     description="Journey Lens: customer-journey analytics from survey and feedback exports.")
    parser.add_argument("--lang", choices=list(LANGUAGES), default="en", help=LANG_HELP)
    language = argparse.ArgumentParser(add_help=False)  # --lang also after the sub-command
    language.add_argument("--lang", choices=list(LANGUAGES), default=argparse.SUPPRESS, help=LANG_HELP)
    commands = parser.add_subparsers(dest="command", required=True)
    summary = commands.add_parser("summarize", parents=[language], help="load, map, validate a file and print its metrics",
                                  description="Load a survey or feedback export, detect its format and column roles, "
                                              "validate it and print headline metrics and touchpoint scores.")
    summary.add_argument("file", help="CSV, TSV, TXT, XLSX, XLS or JSON export")
    summary.add_argument("--json", action="store_true", help="print machine-readable JSON")
    summary.set_defaults(run=lambda args: summarize(load_export(args.file)), render=_as_text)
    compare = commands.add_parser("compare", parents=[language], help="compare two groups of respondents on every metric",
                                  description="Compare the two largest groups of a column (or two named groups) on "
                                              "NPS, CSAT, satisfied share, CES and every touchpoint, with a "
                                              "significance test, a 95% interval and an effect size for each.")
    compare.add_argument("file", help="CSV, TSV, TXT, XLSX, XLS or JSON export")
    compare.add_argument("--by", required=True, metavar="COLUMN", help="the column that defines the groups")
    compare.add_argument("--groups", metavar="A,B", help="the two groups to compare (default: the two largest)")
    compare.add_argument("--json", action="store_true", help="print machine-readable JSON")
    compare.set_defaults(run=_compare, render=lambda result, lang: _compare_text(result))
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result = args.run(args)
    except InputError as err:
        print(f"error: {err.text(args.lang)}", file=sys.stderr)
        return 2
    except Exception as err:  # the CLI promises one line, never a traceback
        print("error: " + text("error.cli.unexpected", args.lang, file=args.file, reason=type(err).__name__),
              file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False, default=str))
    else:
        print(args.render(result, args.lang))
    return 0


def _compare(args: argparse.Namespace) -> dict:
    """The ``compare`` result: file, by, groups and one dict per compared metric."""
    groups = None
    if args.groups is not None:
        groups = tuple(part.strip() for part in args.groups.split(","))
        if len(groups) != 2 or not all(groups):
            raise InputError("error.cli.groups", given=quoted(args.groups))
    export = load_export(args.file)
    prepared = prepare(export, detect_roles(export))
    try:
        table = compare_groups(prepared, args.by, groups)
    except InputError as err:
        raise err.in_file(export.name) from None
    return {"file": export.name, "by": args.by, "groups": table.attrs["groups"], "comparisons": to_records(table)}


def _compare_text(result: dict) -> str:
    group_a, group_b = result["groups"]
    lines = [f"{result['file']}: {group_a} vs {group_b} (by {result['by']})"]
    lines += [f"  {row['sentence']}" for row in result["comparisons"]]
    return "\n".join(lines)


def _as_text(result: dict, lang: str) -> str:
    lines = [f"{result['file']}: {result['format']} {result['kind']} export, "
             f"{result['rows']} responses read, {result['rows_used']} used"]
    for name, metric in result["metrics"].items():
        lines.append(f"  {name.upper():<9} {metric['value']:.1f}  (95% CI {metric['low']:.1f} to {metric['high']:.1f}, n={metric['n']})"
                     if metric["value"] is not None else f"  {name.upper():<9} no valid answers")
    for point in result["touchpoints"]:
        lines.append(f"  {point['touchpoint'][:40]:<40} {point['stage']:<13} mean {point['mean']:.2f}  n={point['n']}")
    for issue in result["validation"]:
        lines.append(f"  ! {issue['column'] or '(file)'}: {issue['problem']} x{issue['count']}")
    if "customer_value" in result:
        lines += _customer_value_text(result["customer_value"], lang)
    return "\n".join(lines)


def _customer_value_text(value: dict, lang: str) -> list[str]:
    """The customer-value block: CLV, net revenue, what the floors mean and what was set aside, in ``lang``."""
    clv = value["clv"]
    lines = [f"  CLV       {clv['value']:.2f}  (95% CI {clv['low']:.2f} to {clv['high']:.2f}, n={clv['n']})"
             if clv["value"] is not None else "  CLV       no customers",
             f"  revenue   {value['revenue']:.2f} net = {value['gross_revenue']:.2f} gross - {value['returns']:.2f} "
             f"returns + {value['returns_beyond_sales']:.2f} returns beyond sales"]
    lines += [f"  * {render(Message(note['code'], note['params']), lang)}" for note in value["notes"]]
    for reason, count in {**value["lines_set_aside"], **value["customers_set_aside"]}.items():
        lines.append(f"  ! {text(f'reason.{reason}', lang)} x{count}")
    return lines
