"""Command line: ``python -m analysis summarize FILE [--mapping TEMPLATE.json] [--weight-col COLUMN] [--json]``,
``python -m analysis weight FILE --target COLUMN=CAT:SHARE,CAT:SHARE [--target ...] [--trim MIN,MAX] --out OUT.csv
[--json]``,
``python -m analysis compare FILE --by COLUMN [--groups A,B|all] [--weight-col W] [--json]``,
``python -m analysis crosstab FILE --rows COL,COL --banner COL[,COL] [--weight-col W] [--correction holm|bonferroni|bh|none]
[--out TABLE.xlsx|TABLE.csv] [--json]``,
``python -m analysis sentiment FILE [--text-col COL] --out OUT.csv [--lang auto|en|zh] [--engine ...]
[--train LABELLED.csv --label-col COL]``,
``python -m analysis topics FILE [--text-col COL] [--k N|auto] [--lang auto|en|zh] [--codeframe FRAME.json]
--out CODED.csv [--save-codeframe FRAME.json] [--json]``,
``python -m analysis personas FILE [--k N|auto] [--features A,B] [--algorithm ...] [--json]``,
``python -m analysis rfm FILE [--json]``,
``python -m analysis behaviour FILE... [--session-gap MIN] [--session-column COL] [--steps A,B,C] [--markers A,B]
[--keep-bots] [--engine duckdb|pandas|URL --table NAME] [--json]``,
``python -m analysis report FILE... --out report.html``,
``python -m analysis publish FILE [--project NAME] [--store URL] [--base-url URL] [--new-links] [--json]``,
``python -m analysis links PROJECT [--regenerate ROLE] [--revoke ROLE] [--store URL] [--json]``,
``python -m analysis delete PROJECT [--dry-run] [--store URL] [--json]``,
``python -m analysis purge [--older-than DAYS] [--dry-run] [--store URL] [--json]``.

Errors print one line starting with ``error:`` on stderr and exit with status 2; a
traceback never reaches the user. Text output shows control characters from the file (terminal
escape codes in a header, say) as ``?``; JSON output escapes them.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import textwrap
import unicodedata
from pathlib import Path

from analysis.behaviour.events import DEFAULT_MARKERS
from analysis.compare import Thresholds, compare_groups, summary, to_records
from analysis.errors import InputError, quoted
from analysis.messages import LANGUAGES, Message, render, say, text
from analysis.io import load_export
from analysis.personas.model import ALGORITHMS
from analysis.prepare import prepare
from analysis.sentiment.model import ENGINES, TEXT_LANGUAGES
from analysis.sentiment.validation import CrossValidation
from analysis.schema import detect_roles
from analysis.store.links import DEFAULT_BASE_URL, LINK_PARAM
from analysis.summary import summarize
from analysis.templates import apply_template, read_template
from analysis.weighting import column_weights, without_weight_column

LANG_HELP = "language of messages and findings: en (English, the default) or zh (简体中文)"
WEIGHT_COL_HELP = ("weight every metric and test by this column of the file (rows whose weight is blank or not a "
                   "positive number are left out and counted); intervals and tests use Kish's effective n")


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
    summary.add_argument("--mapping", metavar="TEMPLATE.json",
                         help="read the columns as a mapping template saved on the Data page says (matched by name)")
    summary.add_argument("--weight-col", metavar="COLUMN", help=WEIGHT_COL_HELP)
    summary.add_argument("--json", action="store_true", help="print machine-readable JSON")
    summary.set_defaults(run=_summarize, render=_as_text)
    _add_weight_command(commands, language)
    compare = commands.add_parser("compare", parents=[language], help="compare two groups of respondents on every metric",
                                  description="Compare the two largest groups of a column (or two named groups) on "
                                              "NPS, CSAT, satisfied share, CES, conversion and every touchpoint, "
                                              "with a significance test (Holm-adjusted over all metrics), a 95% "
                                              "interval and whether the difference is large enough to matter.")
    compare.add_argument("file", help="CSV, TSV, TXT, XLSX, XLS or JSON export")
    compare.add_argument("--by", required=True, metavar="COLUMN", help="the column that defines the groups")
    compare.add_argument("--groups", metavar="A,B|all",
                         help="the two groups to compare (default: the two largest), or 'all' to compare every group "
                              "at once (chi-square, Welch's ANOVA, post-hoc pairs)")
    compare.add_argument("--min-nps", type=float, metavar="POINTS",
                         help="smallest NPS difference that matters in practice (default 5 points)")
    compare.add_argument("--min-share", type=float, metavar="POINTS",
                         help="smallest difference in a share (CSAT, satisfied, conversion) that matters, in "
                              "percentage points (default 5)")
    compare.add_argument("--min-scale", type=float, metavar="FRACTION",
                         help="smallest difference in a mean rating that matters, as a share of the scale's range "
                              "(default 0.05: 0.2 points on a 1-5 scale)")
    compare.add_argument("--weight-col", metavar="COLUMN", help=WEIGHT_COL_HELP)
    compare.add_argument("--json", action="store_true", help="print machine-readable JSON")
    compare.set_defaults(run=_compare, render=_compare_text)
    _add_crosstab_command(commands, language)
    sentiment = commands.add_parser("sentiment", help="score the sentiment and emotion of every text in a file",
                                    description="Add sentiment_score (-1..1), sentiment_label, emotion and language "
                                                "to every row of a file and write it as CSV. Messages follow the "
                                                "--lang given before the sub-command.")
    sentiment.add_argument("file", help="CSV, TSV, TXT, XLSX, XLS or JSON export")
    sentiment.add_argument("--text-col", metavar="COL", help="the column of texts (default: the detected free-text column)")
    sentiment.add_argument("--out", required=True, metavar="OUT.csv", help="where to write the scored rows")
    sentiment.add_argument("--lang", dest="text_lang", choices=list(TEXT_LANGUAGES), default="auto",
                           help="language of the texts: auto (detected per text, the default), en or zh")
    sentiment.add_argument("--engine", choices=list(ENGINES), default="auto",
                           help="auto (English engine for English, Chinese engine for Chinese), or one engine")
    sentiment.add_argument("--negative", type=float, metavar="SCORE", help="scores below this are negative")
    sentiment.add_argument("--positive", type=float, metavar="SCORE", help="scores above this are positive")
    sentiment.add_argument("--train", metavar="LABELLED.csv", help="a file of labelled texts to learn from")
    sentiment.add_argument("--label-col", metavar="COL", help="the label column of --train (negative/neutral/positive, "
                                                              "0/1 or 1-5 stars); its texts are in --text-col")
    sentiment.add_argument("--json", action="store_true", help="print what was done as JSON")
    sentiment.set_defaults(run=_sentiment, render=_sentiment_text)
    _add_topics_command(commands)
    personas = commands.add_parser("personas", parents=[language], help="group respondents into personas",
                                   description="Cluster the responses on their ratings, attributes, behaviour and "
                                               "channel, choose k (silhouette and stability for k = 2..10) unless "
                                               "given, and describe each persona by its significant differences.")
    personas.add_argument("file", help="CSV, TSV, TXT, XLSX, XLS or JSON export")
    personas.add_argument("--k", default="auto", metavar="N|auto", help="number of personas (default: auto)")
    personas.add_argument("--features", metavar="A,B", help="the columns to cluster on (default: chosen for you)")
    personas.add_argument("--algorithm", choices=list(ALGORITHMS), default="kmeans", help="clustering algorithm")
    personas.add_argument("--comments", action="store_true",
                          help="score the survey's free-text answers: sentiment per persona, pain points, and "
                               "comment sentiment as a feature")
    personas.add_argument("--link", action="append", default=[], metavar="FILE",
                          help="a feedback or transaction export whose ids match the survey's respondent ids: "
                               "its comments' sentiment or its customers' buying, per persona (repeatable)")
    personas.add_argument("--level-adjusted", action="store_true",
                          help="cluster on each respondent's ratings centred on their own level")
    personas.add_argument("--json", action="store_true", help="print machine-readable JSON")
    personas.set_defaults(run=_personas, render=_personas_text)
    rfm = commands.add_parser("rfm", parents=[language], help="customers and buying segments of a transaction export",
                              description="Value every customer of a transaction export and count one-time, "
                                          "occasional and frequent buyers, with the lines set aside and why.")
    rfm.add_argument("file", help="CSV, TSV, TXT, XLSX, XLS or JSON export of order lines")
    rfm.add_argument("--frequent-above", metavar="ORDERS",
                     help="repeat buyers with more orders than this are frequent (default: the top third of repeat "
                          "buyers, by order count)")
    rfm.add_argument("--json", action="store_true", help="print machine-readable JSON")
    rfm.set_defaults(run=_rfm, render=_rfm_text)
    behaviour = commands.add_parser(
        "behaviour", parents=[language], help="where visitors leave: sessions, bounce, exits and funnel of analytics exports",
        description="Read web or app analytics event logs (several daily files are read together), split them into "
                    "sessions (by the log's session id column, else its start and end markers, else a gap without "
                    "events) and report visitors, sessions, bounce rate, pages per session, conversion, the funnel "
                    "and the pages sessions leave from, with the rows set aside by reason. Shares, rates and their "
                    "95%% intervals are percentages (0-100). A session table (one row per session with BounceRates, "
                    "ExitRates and Revenue, such as UCI Online Shoppers) gives bounce, exit and conversion by "
                    "visitor type and month instead.")
    behaviour.add_argument("file", nargs="*", help="CSV, TSV, TXT, XLSX, XLS or JSON exports (none with --table)")
    behaviour.add_argument("--session-gap", type=float, default=30.0, metavar="MIN",
                           help="minutes without an event (strictly more) that start a new session, where the log "
                                "has no session id column or start and end markers (default 30)")
    behaviour.add_argument("--session-column", metavar="COL", help="the log's session id column (default: guessed "
                                                                     "from the headers; '' for none)")
    behaviour.add_argument("--steps", metavar="A,B,C", help="funnel steps: event names, page patterns such as "
                                                              "/products/* or product,cart,checkout,purchase "
                                                              "(default: guessed from the data)")
    behaviour.add_argument("--markers", metavar="A,B", help="event names that are markers, not page views (default "
                                                            "start_session,end_session,session_start,session_end)")
    behaviour.add_argument("--keep-bots", action="store_true", help="keep events of bots and crawlers")
    behaviour.add_argument("--engine", metavar="duckdb|pandas|URL",
                           help="duckdb reads CSV, TSV, TXT (also .gz) and Parquet logs in place, of any size; pandas "
                                "loads them whole (and reads Excel and JSON exports too); a URL runs the same queries "
                                "where the events are, on the --table there: spark://local (Spark in this process; "
                                "spark://HOST:PORT for a cluster) or postgresql://USER@HOST/DB; the figures are the "
                                "same (default: duckdb when installed and every file is one it reads, else pandas)")
    behaviour.add_argument("--table", metavar="NAME", help="with a URL engine: the table holding the events "
                                                             "(schema.table where needed)")
    behaviour.add_argument("--json", action="store_true", help="print machine-readable JSON")
    behaviour.set_defaults(run=_behaviour, render=_behaviour_text)
    _add_store_commands(commands, language)
    return parser


def _add_topics_command(commands) -> None:
    """The ``topics`` sub-command."""
    topics = commands.add_parser(
        "topics", help="find the themes of a text column and code every row",
        description="Find the themes of a column of comments (or code them with a saved codeframe) and write every "
                    "row in order with topic (the strongest code's name) and one strength column (0-1) per code. "
                    'JSON: {"file", "out", "text_column", "rows", "uncoded", "auto_k": {"chosen", "highest"} (k = '
                    'auto; else null), "themes": [{"id", "name", "kind", "terms", "size", "stability" (mean Jaccard over '
                    'resamples: stable from 0.75, dissolves below 0.5; null when not measured)}]}. Messages follow the --lang '
                    'given before the sub-command.')
    topics.add_argument("file", help="CSV, TSV, TXT, XLSX, XLS or JSON export")
    topics.add_argument("--text-col", metavar="COL", help="the column of texts (default: the detected free-text column)")
    topics.add_argument("--k", default="auto", metavar="N|auto",
                        help="number of themes (default auto: the best cosine silhouette for k = 2..12)")
    topics.add_argument("--lang", dest="text_lang", choices=list(TEXT_LANGUAGES), default="auto",
                        help="language of the texts: auto (detected per text, the default), en or zh")
    topics.add_argument("--codeframe", metavar="FRAME.json", help="code with this saved codeframe (JSON or CSV) "
                                                                   "instead of finding themes")
    topics.add_argument("--save-codeframe", metavar="FRAME.json", help="save the codeframe used (.csv: as CSV)")
    topics.add_argument("--out", required=True, metavar="CODED.csv", help="where to write the coded rows")
    topics.add_argument("--json", action="store_true", help="print the themes as JSON")
    topics.set_defaults(run=_topics, render=_topics_text)


def _topics(args: argparse.Namespace) -> dict:
    """Code the file's comments (see :func:`analysis.themes.files.topics_file`)."""
    from analysis.themes.files import topics_file

    k = "auto" if args.k.strip().lower() == "auto" else _whole_number(args.k, "--k")
    if k != "auto" and k < 1:
        raise InputError("error.cli.whole_number", option="--k", given=quoted(args.k))
    return topics_file(args.file, args.out, args.text_col, k, args.text_lang, args.codeframe, args.save_codeframe)


def _topics_text(result: dict, lang: str) -> list[str]:
    lines = [text("cli.topics", lang, file=result["file"], rows=f"{result['rows']:,}", codes=len(result["themes"]),
                  out=result["out"], uncoded=f"{result['uncoded']:,}")]
    if result["unreadable_rows"]:
        lines.append(text("cli.topics_unreadable", lang, n=f"{len(result['unreadable_rows']):,}", file=result["file"],
                          row=f"{result['unreadable_rows'][0]:d}", out=result["out"]))
    return lines + [_topic_line(theme, lang) for theme in result["themes"]]


def _topic_line(theme: dict, lang: str) -> str:
    """One code of the ``topics`` result: id, name, size, the stability of a discovered theme, top terms."""
    from analysis.themes.discover import stability_figure, stability_level

    words = {"id": theme["id"], "name": theme["name"], "size": f"{theme['size']:,}", "terms": ", ".join(theme["terms"])}
    if theme["stability"] is None:
        return text("cli.topic_line", lang, **words)
    level = text(f"themes.stability.{stability_level(theme['stability'])}", lang)
    return text("cli.topic_line_held", lang, level=level, stability=stability_figure(theme["stability"]), **words)


def _add_weight_command(commands, language: argparse.ArgumentParser) -> None:
    """The ``weight`` sub-command."""
    weight = commands.add_parser(
        "weight", parents=[language], help="rake a file to target margins and write it with a weight column",
        description="Rake (iterative proportional fitting, RIM) the rows of a file so that the weighted shares of "
                    "one or more columns meet target shares, and write every row and column with a weight column "
                    "added (mean 1). Numeric columns take bands: Age=18..35:0.3,35..55:0.4,55..:0.3 (LOW up to, "
                    "not including, HIGH). A row with no value in a target column keeps its weight on that column. "
                    'JSON: {"effective_n", "design_effect", "efficiency", "min_weight", "max_weight", "iterations", '
                    '"converged", "targets_met", "max_margin_error", "margins": {COLUMN: {CATEGORY: {"n", '
                    '"before", "after", "target"}}}, "missing", ...}')
    weight.add_argument("file", help="CSV, TSV, TXT, XLSX, XLS or JSON export")
    weight.add_argument("--target", action="append", required=True, metavar="COLUMN=CAT:SHARE,CAT:SHARE",
                        help="target shares of one column (0.51 or 51%%; they must sum to 1); repeat for more columns")
    weight.add_argument("--trim", metavar="MIN,MAX",
                        help="keep every weight within MIN and MAX (relative to a mean of 1, e.g. 0.3,3), raking "
                             "again after trimming; the margins may then miss their targets, which is reported")
    weight.add_argument("--out", required=True, metavar="WEIGHTED.csv", help="where to write the weighted rows")
    weight.add_argument("--json", action="store_true", help="print machine-readable JSON")
    weight.set_defaults(run=_weight, render=_weight_text)


def _add_crosstab_command(commands, language: argparse.ArgumentParser) -> None:
    """The ``crosstab`` sub-command."""
    from analysis.significance import CORRECTIONS

    crosstab = commands.add_parser(
        "crosstab", parents=[language], help="a banner table: questions by banners with significance letters",
        description="Break questions (ratings as top-box share and mean, NPS, yes/no, categorical and multi-select "
                    "answers) down by one or more banners (attributes, channel, bands of a numeric column), each with "
                    "a Total column. A cell carries the letters of the columns of its banner it is significantly "
                    "higher than at 95%% (two-proportion z for shares, Welch t for means, z on the adjusted-Wald NPS), "
                    "adjusted over the pairs of each row and banner (Holm by default). With --weight-col, values are "
                    "weighted and tested at Kish's effective bases. "
                    'JSON: {"cells": [{"row", "kind", "answer", "banner", "column", "letter", "value", "base", '
                    '"low_base", "higher_than"}], "footnotes": [...]} (and "effective_base" when weighted).')
    crosstab.add_argument("file", help="CSV, TSV, TXT, XLSX, XLS or JSON export")
    crosstab.add_argument("--rows", required=True, metavar="COL,COL", help="the questions, as the file's headers")
    crosstab.add_argument("--banner", required=True, metavar="COL[,COL]", help="the columns to break them down by")
    crosstab.add_argument("--weight-col", metavar="COLUMN", help=WEIGHT_COL_HELP)
    crosstab.add_argument("--correction", choices=list(CORRECTIONS), default="holm",
                          help="adjustment of the p-values of the pairs of each row and banner (default holm)")
    crosstab.add_argument("--out", metavar="TABLE.xlsx|TABLE.csv", help="also write the table as a workbook or CSV")
    crosstab.add_argument("--json", action="store_true", help="print machine-readable JSON")
    crosstab.set_defaults(run=_crosstab, render=_crosstab_text)


def _crosstab(args: argparse.Namespace) -> dict:
    """The banner table of the file: every cell, the footnotes, and the table written to ``--out``."""
    from pathlib import Path

    from analysis import crosstab_export
    from analysis.crosstab import banner_of, crosstab

    rows, banners = _names(args.rows) or [], _names(args.banner) or []
    out = None if args.out is None else Path(args.out)
    if out is not None and out.suffix.lower() not in (".xlsx", ".csv"):
        raise InputError("error.cli.crosstab_out", given=quoted(args.out))
    export = load_export(args.file)
    found = _file_weights(export, args.weight_col)
    weights = None if found is None else found.values
    try:
        prepared = prepare(export, detect_roles(export))
        table = crosstab(prepared, rows, [banner_of(prepared, column, export.frame) for column in banners], weights,
                         args.correction, export.frame, args.weight_col)
    except InputError as err:
        raise err.in_file(export.name) from None
    if out is not None:
        write = crosstab_export.xlsx if out.suffix.lower() == ".xlsx" else crosstab_export.csv
        out.write_bytes(write(table, args.lang))
    return {"file": export.name, "rows": rows, "banners": banners, "correction": args.correction,
            "weighted_by": args.weight_col, "out": args.out, "cells": table.records(),
            "footnotes": [note.text(args.lang) for note in table.footnotes()]}


def _crosstab_text(result: dict, lang: str) -> list[str]:
    """The banner table in ``lang``: what was made, each cell with its letters, the footnotes."""
    cells = result["cells"]
    lines = [text("cli.crosstab", lang, file=result["file"], rows=len(result["rows"]),
                  banners=[quoted(banner) for banner in result["banners"]], cells=f"{len(cells):,}",
                  lettered=f"{sum(bool(cell['higher_than']) for cell in cells):,}")]
    for cell in cells:
        value = "—" if cell["value"] is None else f"{cell['value']:.2f}"
        column = text("crosstab.total", lang) if cell["letter"] is None else f"{cell['column']} ({cell['letter']})"
        lines.append(f"  {cell['row']} | {cell['answer'] or cell['kind']} | {cell['banner']}: {column}  {value}  "
                     f"n={cell['base']:,}{' *' if cell['low_base'] else ''}  {''.join(cell['higher_than'])}")
    lines += [f"  {note}" for note in result["footnotes"]]
    if result["out"]:
        lines.append(text("cli.crosstab_out", lang, out=result["out"]))
    return lines


STORE_HELP = ("the project store: a SQLite file path or a SQLAlchemy URL such as postgresql://user@host/db "
              "(default: JOURNEY_LENS_STORE, else store.sqlite3 in JOURNEY_LENS_DATA or ~/.local/share/journey-lens)")
BASE_URL_HELP = f"where the app is served; links are BASE/?{LINK_PARAM}=TOKEN (default {DEFAULT_BASE_URL})"
PUBLISH_HELP = "\n\n".join(textwrap.fill(paragraph, 100) for paragraph in (
    "Save FILE in the project store as the next dataset version of a project (created if needed; default name: "
    "the file's name without extension). Nothing stored is ever overwritten; the same bytes as the latest "
    'version add nothing and report that version ("deduplicated": true).',
    "Links: a new project gets an edit link and a read-only view link, printed once. The store keeps only a hash "
    "of each token, so publishing again to an existing project cannot print them: the links given earlier stay "
    "valid and edit_url/view_url are null. Use --new-links to replace both (the old ones stop working), or the "
    "links command.",
    'JSON: {"project", "project_id", "created", "dataset_version", "deduplicated", "kind", "links_issued", '
    '"edit_url", "view_url"}'))


def _add_store_commands(commands, language: argparse.ArgumentParser) -> None:
    """The ``report``, ``publish`` and ``links`` sub-commands."""
    report = commands.add_parser("report", parents=[language], help="write a self-contained HTML report of files",
                                 description="Write one HTML file (no scripts, opens offline, prints) with the "
                                             "headline metrics of each file and, for surveys, a chart of the share "
                                             "of top ratings by touchpoint. Headings follow --lang.")
    report.add_argument("files", nargs="+", metavar="FILE", help="CSV, TSV, TXT, XLSX, XLS or JSON exports")
    report.add_argument("--out", required=True, metavar="report.html", help="where to write the report")
    report.add_argument("--title", default="", help="the name in the report's heading (default: none)")
    report.add_argument("--json", action="store_true", help="print what was written as JSON")
    report.set_defaults(run=_report, render=lambda result, lang: [
        text("cli.report", lang, out=result["out"], sections=result["sections"], files=result["files"])])
    publish = commands.add_parser(
        "publish", parents=[language], help="save a file as a new dataset version of a project and print its links",
        formatter_class=argparse.RawDescriptionHelpFormatter, description=PUBLISH_HELP)
    publish.add_argument("file", help="CSV, TSV, TXT, XLSX, XLS or JSON export")
    publish.add_argument("--project", metavar="NAME", help="the project (default: the file's name)")
    publish.add_argument("--new-links", action="store_true", help="issue new edit and view links, revoking the old")
    _store_options(publish)
    publish.set_defaults(run=_publish, render=_publish_text)
    links = commands.add_parser("links", parents=[language], help="regenerate or revoke a project's share links",
                                description="Regenerate (print a new link; the old one stops working) or revoke "
                                            "the edit or view link of a project, then show which links are active.")
    links.add_argument("project", metavar="PROJECT", help="the project's name")
    links.add_argument("--regenerate", choices=["edit", "view", "both"], help="issue a new link for this role")
    links.add_argument("--revoke", choices=["edit", "view", "both"], help="stop this role's link from working")
    _store_options(links)
    links.set_defaults(run=_links, render=_links_text)
    _add_lifecycle_commands(commands, language)


def _add_lifecycle_commands(commands, language: argparse.ArgumentParser) -> None:
    """The ``delete`` and ``purge`` sub-commands (see :mod:`analysis.store.lifecycle`)."""
    delete = commands.add_parser("delete", parents=[language], help="delete a project and everything it holds",
                                 description="Delete a project with every file version, setting, classifier, saved "
                                             "view, pin, note and share link it holds. Its old links then say the "
                                             "project no longer exists. Cannot be undone (but by a backup).")
    delete.add_argument("project", metavar="PROJECT", help="the project's name")
    delete.add_argument("--dry-run", action="store_true", help="say what would be deleted; change nothing")
    _store_options(delete, links=False)
    delete.set_defaults(run=_delete, render=_delete_text)
    purge = commands.add_parser("purge", parents=[language], help="remove projects untouched for a number of days",
                                description="Remove every project neither changed nor opened by a link in the last "
                                            "DAYS days, with everything it holds (each app server process does "
                                            "this in the background, at start and every six hours, when "
                                            "JOURNEY_LENS_RETENTION_DAYS is set).")
    purge.add_argument("--older-than", metavar="DAYS",
                       help="days without a change or an open (default: JOURNEY_LENS_RETENTION_DAYS)")
    purge.add_argument("--dry-run", action="store_true", help="list what would be removed; change nothing")
    _store_options(purge, links=False)
    purge.set_defaults(run=_purge, render=_purge_text)


def _store_options(command: argparse.ArgumentParser, links: bool = True) -> None:
    command.add_argument("--store", metavar="URL", help=STORE_HELP)
    if links:
        command.add_argument("--base-url", default=DEFAULT_BASE_URL, metavar="URL", help=BASE_URL_HELP)
    command.add_argument("--json", action="store_true", help="print machine-readable JSON")


def _publish(args: argparse.Namespace) -> dict:
    """Publish the file (see :func:`analysis.store.publish.publish_file`)."""
    from analysis.store.publish import publish_file

    return publish_file(args.file, args.project, args.store, args.base_url, args.new_links)


def _links(args: argparse.Namespace) -> dict:
    """Regenerate or revoke links (see :func:`analysis.store.publish.manage_links`)."""
    from analysis.store.publish import manage_links

    return manage_links(args.project, args.store, args.base_url, args.regenerate, args.revoke)


def _delete(args: argparse.Namespace) -> dict:
    """Delete a project by name (see :meth:`analysis.store.ProjectHandle.delete`)."""
    from analysis.store.publish import named_project
    from analysis.store.store import open_store

    removal = named_project(open_store(args.store), args.project).delete(dry_run=args.dry_run)
    return {"dry_run": args.dry_run, **_removal_record(removal)}


def _purge(args: argparse.Namespace) -> dict:
    """Remove projects untouched for --older-than days (see :meth:`analysis.store.Store.purge`)."""
    from analysis.store.lifecycle import retention_days
    from analysis.store.store import open_store

    days = retention_days() if args.older_than is None else _days(args.older_than)
    if days is None:
        raise InputError("error.store.no_retention")
    removals = open_store(args.store).purge(days, dry_run=args.dry_run)
    return {"dry_run": args.dry_run, "days": days, "projects": [_removal_record(removal) for removal in removals]}


def _days(value: str) -> int:
    if not value.strip().isdigit() or int(value) < 1:
        raise InputError("error.store.older_than", value=quoted(value))
    return int(value)


def _removal_record(removal) -> dict:
    project = removal.project
    return {"project": project.name, "project_id": project.id, "touched": project.touched.isoformat(),
            "rows": removal.rows}


def _delete_text(result: dict, lang: str) -> list[str]:
    words = dict(project=quoted(result["project"]), held=_held(result))
    line = text("cli.delete.would", lang, **words) if result["dry_run"] else text("cli.deleted", lang, **words)
    return [line] + _dry_run_line(result, lang)


def _purge_text(result: dict, lang: str) -> list[str]:
    lines = []
    for found in result["projects"]:
        words = dict(project=quoted(found["project"]), touched=found["touched"][:16].replace("T", " "),
                     held=_held(found))
        lines.append(text("cli.purge.would", lang, **words) if result["dry_run"] else text("cli.purged", lang, **words))
    return (lines or [text("cli.purge.none", lang, days=result["days"])]) + _dry_run_line(result, lang)


def _held(record: dict) -> list[Message]:
    from analysis.store.lifecycle import held

    return held(record["rows"])


def _dry_run_line(result: dict, lang: str) -> list[str]:
    return [text("cli.dry_run", lang)] if result["dry_run"] else []


def _report(args: argparse.Namespace) -> dict:
    """Write the HTML report of the files' default pins; say where and how many sections."""
    from analysis.briefing import export_summary
    from analysis.report import build_report, default_pins

    exports = [load_export(path) for path in args.files]
    pins = default_pins(exports, args.lang)
    summary = next((found for found in map(export_summary, exports) if found), [])  # the first file that has one
    Path(args.out).write_text(build_report(pins, args.title, args.lang, summary=summary), encoding="utf-8")
    return {"out": args.out, "sections": len(pins), "files": [export.name for export in exports]}


def _publish_text(result: dict, lang: str) -> list[str]:
    lines = [text("cli.published.same" if result["deduplicated"] else "cli.published", lang,
                  version=result["dataset_version"], project=quoted(result["project"]))]
    if result["looks_like"]:
        lines.append(text("warning.name.looks_like", lang, name=quoted(result["project"]),
                          other=quoted(result["looks_like"])))
    if not result["links_issued"]:
        lines.append(text("cli.links.earlier", lang))
    return lines + _link_lines(result, lang)


def _links_text(result: dict, lang: str) -> list[str]:
    lines = [text("cli.links.revoked", lang, role=say(f"store.role.{role}")) for role in result["revoked"]]
    lines += _link_lines(result, lang)
    for role, since in result["active"].items():
        lines.append(text("cli.links.active", lang, role=say(f"store.role.{role}"), since=since) if since
                     else text("cli.links.none", lang, role=say(f"store.role.{role}")))
    return lines


def _link_lines(result: dict, lang: str) -> list[str]:
    return [text("cli.links.new", lang, role=say(f"store.role.{role}"), url=result[f"{role}_url"])
            for role in ("edit", "view") if result[f"{role}_url"]]


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result = args.run(args)
    except InputError as err:
        print(f"error: {_clean(err.text(args.lang))}", file=sys.stderr)
        return 2
    except Exception as err:  # the CLI promises one line, never a traceback
        subject = getattr(args, "file", None) or getattr(args, "project", None) or ", ".join(args.files)
        print("error: " + _clean(text("error.cli.unexpected", args.lang, file=subject, reason=type(err).__name__)),
              file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False, default=str))
    else:
        print("\n".join(_clean(line) for line in args.render(result, args.lang)))
    return 0


def _summarize(args: argparse.Namespace) -> dict:
    """The summary of the file: read as ``--mapping``'s template says when given (with the columns it matched),
    weighted by ``--weight-col`` when given."""
    export = load_export(args.file)
    mapping = template = None
    if args.mapping:
        try:
            data = Path(args.mapping).read_bytes()
        except FileNotFoundError:
            raise InputError("error.file.not_found", file=args.mapping) from None
        except OSError as err:
            raise InputError("error.file.unreadable", file=args.mapping, reason=err.strerror or type(err).__name__) from None
        template = read_template(data, Path(args.mapping).name)
        mapping, fit = apply_template(template, detect_roles(export))
    result = summarize(export, mapping, weights=_file_weights(export, args.weight_col))
    if template is not None:
        result["template"] = {"name": template["name"], **dataclasses.asdict(fit)}
    return result


def _weight(args: argparse.Namespace) -> dict:
    """Rake the file to the targets, write it with a weight column and say what the weights cost."""
    from analysis.export import csv_bytes
    from analysis.weighting import parse_target, parse_trim, rake

    targets = [parse_target(given) for given in args.target]
    trim = None if args.trim is None else parse_trim(args.trim)
    export = load_export(args.file)
    try:
        weights = rake(export.frame, targets, trim)
    except InputError as err:
        raise err.in_file(export.name) from None
    frame = export.frame.reset_index(drop=True)
    column = next(name for name in ("weight", *(f"weight_{i}" for i in range(2, len(frame.columns) + 3)))
                  if name not in frame.columns)
    frame[column] = weights.values.to_numpy()
    Path(args.out).write_bytes(csv_bytes(frame))
    return {"file": export.name, "out": args.out, "column": column, **weights.to_dict(),
            "notes": [note.text(args.lang) for note in weights.notes]}


def _weight_text(result: dict, lang: str) -> list[str]:
    """What ``weight`` did, in ``lang``: the cost of the weights, each margin before and after, notes."""
    lines = [text("cli.weight", lang, file=result["file"], rows=f"{result['rows_weighted']:,}", out=result["out"],
                  column=quoted(result["column"]), effective_n=f"{result['effective_n']:,.1f}",
                  deff=f"{result['design_effect']:.3f}", efficiency=f"{100 * result['efficiency']:.1f}",
                  low=f"{result['min_weight']:.3f}", high=f"{result['max_weight']:.3f}",
                  iterations=result["iterations"])]
    for column, categories in result["margins"].items():
        lines += ["  " + text("cli.weight_margin", lang, column=quoted(column), category=quoted(category),
                              before=f"{100 * row['before']:.1f}", after=f"{100 * row['after']:.1f}",
                              target=f"{100 * row['target']:.1f}", n=f"{row['n']:,}")
                  for category, row in categories.items()]
    lines += ["  " + text("cli.weight_missing", lang, column=quoted(column), count=f"{count:,}")
              for column, count in result["missing"].items() if count]
    return lines + [f"  * {note}" for note in result["notes"]]


ALL_GROUPS = "all"  # ``compare --groups all``


def _file_weights(export, column: str | None):
    """The weights in ``column`` of the export (``--weight-col``; None without it), or the file's own error."""
    if column is None:
        return None
    try:
        return column_weights(export.frame, column)
    except InputError as err:
        raise err.in_file(export.name) from None


def _compare(args: argparse.Namespace) -> dict:
    """The ``compare`` result: file, by, groups, a summary sentence and one dict per compared metric (``--groups
    all``: the omnibus test per metric, the pairs and every group's estimate, :func:`_compare_all`)."""
    if args.groups is not None and args.groups.strip().lower() == ALL_GROUPS:
        return _compare_all(args)
    groups = None
    if args.groups is not None:
        groups = tuple(part.strip() for part in args.groups.split(","))
        if len(groups) != 2 or not all(groups):
            raise InputError("error.cli.groups", given=quoted(args.groups))
    export = load_export(args.file)
    weights = _file_weights(export, args.weight_col)
    prepared = prepare(export, without_weight_column(detect_roles(export), weights))
    thresholds = Thresholds(**{name: value for name, value in
                               (("nps", args.min_nps), ("share", args.min_share), ("scale", args.min_scale))
                               if value is not None})
    try:
        table = compare_groups(prepared, args.by, groups, thresholds,
                               weights=None if weights is None else weights.values)
    except InputError as err:
        raise err.in_file(export.name) from None
    return {"file": export.name, "by": args.by, "groups": table.attrs["groups"], "weighted_by": args.weight_col,
            "thresholds": {"nps": thresholds.nps, "share": thresholds.share, "scale": thresholds.scale},
            "summary": summary(table).text(args.lang), "comparisons": to_records(table, args.lang)}


def _compare_all(args: argparse.Namespace) -> dict:
    """``compare --groups all``: every group of ``--by`` at once (:func:`analysis.compare_many.many_records`)."""
    from analysis.compare_many import compare_many_groups, many_records

    export = load_export(args.file)
    weights = _file_weights(export, args.weight_col)
    prepared = prepare(export, without_weight_column(detect_roles(export), weights))
    try:
        found = compare_many_groups(prepared, args.by, weights=None if weights is None else weights.values)
    except InputError as err:
        raise err.in_file(export.name) from None
    return {"file": export.name, "by": args.by, "all_groups": True, "weighted_by": args.weight_col,
            **many_records(found, args.lang)}


def _sentiment(args: argparse.Namespace) -> dict:
    """Score every row's text, write the rows with four added columns, and say what was done."""
    from analysis.sentiment.files import score_file

    return score_file(args.file, args.out, text_col=args.text_col, lang=args.text_lang, engine=args.engine,
                      negative=args.negative, positive=args.positive, train=args.train, label_col=args.label_col)


def _personas(args: argparse.Namespace) -> dict:
    """Personas of the file's responses (see :func:`analysis.personas.build.build_personas`)."""
    from analysis.personas.build import build_personas

    k = None if args.k.strip().lower() == "auto" else _whole_number(args.k, "--k")
    features = None if args.features is None else [part.strip() for part in args.features.split(",") if part.strip()]
    from analysis.personas.linked import link_files

    export = load_export(args.file)
    prepared = prepare(export, detect_roles(export))
    linked = link_files(prepared, [load_export(path) for path in args.link], args.comments) \
        if args.link or args.comments else None
    result = build_personas(prepared, features, args.algorithm, k, name=export.name, linked=linked,
                            level_adjusted=args.level_adjusted)
    return {"file": export.name, **result.to_dict(prepared.labels, args.lang)}


def _whole_number(value: str, option: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise InputError("error.cli.whole_number", option=option, given=quoted(value)) from None


def _personas_text(result: dict, lang: str) -> list[str]:
    lines = [text("cli.personas" if result["k"] > 1 else "cli.personas_one", lang, file=result["file"], k=result["k"],
                  rows=f"{result['rows_used']:,}",
                  silhouette=f"{result['silhouette']:.2f}" if result["silhouette"] is not None else "—")]
    lines += [result[key] for key in ("k_reason", "level_note", "traits_note") if result[key]]
    for persona in result["personas"]:
        lines.append(f"{persona['id']}. {persona['name']} ({persona['size']:,}, {100 * persona['share']:.0f}%)")
        lines += [f"   - {trait}" for trait in persona["traits"]]
        lines += [f"   ? {trait}" for trait in persona["traits_unconfirmed"]]
        comments, buying = persona.get("comments"), persona.get("buying")
        if comments:
            lines.append(text("cli.persona_comments", lang, n=f"{comments['comments']:,}", negative=comments["negative"],
                              low=comments["low"], high=comments["high"], terms=", ".join(persona["pain_points"]) or "—"))
        if buying:
            lines.append(text("cli.persona_buying", lang, customers=f"{buying['customers']:,}", one=buying["one-time"],
                              occasional=buying["occasional"], frequent=buying["frequent"],
                              clv="—" if buying["clv"] is None else f"{buying['clv']:,.2f}"))
    return lines


def _rfm(args: argparse.Namespace) -> dict:
    """Customers, buying segments and their thresholds, and the lines set aside by reason."""
    from analysis.customers import customers, rfm_summary, with_frequent_above

    above = None if args.frequent_above is None else _whole_number(args.frequent_above, "--frequent-above")
    export = load_export(args.file)
    return {"file": export.name, **rfm_summary(with_frequent_above(customers(export.frame), above))}


def _rfm_text(result: dict, lang: str) -> list[str]:
    segments = result["segments"]
    return [text("cli.rfm", lang, file=result["file"], customers=f"{result['customers']:,}",
                 one=f"{segments['one-time']:,}", occasional=f"{segments['occasional']:,}",
                 frequent=f"{segments['frequent']:,}", above=result["thresholds"]["frequent_above_orders"]),
            *[text("cli.rfm_excluded", lang, reason=reason, n=f"{n:,}") for reason, n in result["excluded"].items()]]


def _behaviour(args: argparse.Namespace) -> dict:
    """The ``behaviour`` result: event-log figures, or a session table's figures for one session-table file."""
    from analysis.behaviour.events import load_logs
    from analysis.behaviour.report import analyse, report
    from analysis.behaviour.session_table import session_table_export, session_table_summary, to_dict

    options = {"gap_minutes": args.session_gap, "steps": _names(args.steps), "keep_bots": args.keep_bots,
               "markers": _names(args.markers) if args.markers is not None else DEFAULT_MARKERS,
               "session_column": args.session_column}
    if _remote(args):
        from analysis.behaviour.engine.remote import analyse_table

        return {"kind": "events", **report(analyse_table(args.engine, args.table, **options))}
    if _use_engine(args):
        from analysis.behaviour.engine import analyse_log

        return {"kind": "events", **report(analyse_log(args.file, **options))}
    exports = load_logs(args.file)
    table = session_table_export(exports)
    if table is not None:
        return {"kind": "session_table", "file": table.name, **to_dict(session_table_summary(table.frame, table.name))}
    return {"kind": "events", **report(analyse(exports, **options))}


def _remote(args: argparse.Namespace) -> bool:
    """Whether the ``behaviour`` command runs where the events are (``--engine URL --table NAME``, no files); a
    clear error for an unknown engine, a URL without a table, a table without a URL, or no files at all."""
    url = bool(args.engine) and "://" in args.engine
    if args.engine and not url and args.engine not in ("duckdb", "pandas"):
        raise InputError("error.behaviour.engine_url", url=quoted(args.engine), schemes="spark://, postgresql://")
    if url != bool(args.table) or (url and args.file):
        raise InputError("error.behaviour.remote_table")
    if not url and not args.file:
        raise InputError("error.behaviour.no_files")
    return url


def _use_engine(args: argparse.Namespace) -> bool:
    """Whether the ``behaviour`` command runs on DuckDB: when asked (``--engine duckdb``: an error if it is missing
    or cannot read a file in place), or by default when it is installed, reads every file in place and none is a
    session table (which pandas reads) or a file whose start DuckDB cannot read (pandas says what is wrong)."""
    import importlib.util

    if args.engine == "pandas":
        return False
    installed = importlib.util.find_spec("duckdb") is not None
    if args.engine is None and not installed:
        return False
    if not installed:
        raise InputError("error.behaviour.no_engine")
    from analysis.behaviour.engine import can_read, is_session_table_file

    unreadable = [path for path in args.file if not can_read(path)]
    if unreadable:
        if args.engine is None:
            return False
        raise InputError("error.behaviour.engine_file", file=quoted(unreadable[0]))
    try:
        return not any(is_session_table_file(path) for path in args.file)
    except InputError:
        if args.engine is None:  # DuckDB cannot even read the start: pandas reads the files and says what is wrong
            return False
        raise


def _names(given: str | None) -> list[str] | None:
    return None if given is None else [part.strip() for part in given.split(",") if part.strip()]


def _behaviour_text(result: dict, lang: str) -> list[str]:
    """The ``behaviour`` figures as lines of text in ``lang``."""
    from analysis.behaviour.report import session_rule_messages

    if result["kind"] == "session_table":
        return _session_table_text(result, lang)
    lines = [text("cli.behaviour", lang, files=", ".join(result["files"]), visitors=f"{result['visitors']:,}",
                  sessions=f"{result['sessions']:,}", events=f"{result['events']:,}",
                  bounce=_percent(result["bounce_rate"]), pages=_figure(result["pages_per_session"], "{:.2f}"),
                  conversion=_percent(result["conversion"])),
             *[message.text(lang) for message in session_rule_messages(result["session_by"])]]
    if result["funnel"]:
        lines.append(text("cli.behaviour_funnel", lang))
        lines += [f"  {row['step']}. {row['label'][:40]:<40} {row['sessions']:>8,}  {row['share']:5.1f}%"
                  + (f"  -{row['drop_off']:.1f}%" if row["drop_off"] is not None else "") for row in result["funnel"]]
    lines.append(text("cli.behaviour_exits", lang))
    lines += [f"  {row['page'][:40]:<40} {row['exits']:>8,} / {row['views']:<8,} {row['exit_rate']:5.1f}%"
              for row in result["exit_pages"]]
    lines.append(text("cli.behaviour_channels", lang))
    for row in result["channels"]:
        name = text(f"channel.{row['group']}", lang)
        conversion = "—" if row["conversion_rate"] is None else f"{row['conversion_rate']:.1f}%"
        lines.append(f"  {name[:40]:<40} {row['sessions']:>8,}  {row['bounce_rate']:5.1f}%  {conversion}")
    lines += [text("cli.rfm_excluded", lang, reason=text(f"reason.{reason}", lang), n=f"{n:,}")
              for reason, n in result["excluded"].items()]
    return lines


def _session_table_text(result: dict, lang: str) -> list[str]:
    lines = [text("cli.session_table", lang, file=result["file"], sessions=f"{result['sessions']:,}",
                  bounce=_percent(result["bounce_rate"]), exit=_percent(result["exit_rate"]),
                  conversion=_percent(result["conversion"]))]
    for column, rows in result["by"].items():
        lines.append(text("cli.session_table_by", lang, column=quoted(column)))
        lines += [f"  {str(row['group'])[:24]:<24} {row['sessions']:>7,}  {row['bounce_rate']:5.1f}%  "
                  f"{row['exit_rate']:5.1f}%  " + ("—" if row["conversion_rate"] is None else
                                                   f"{row['conversion_rate']:.1f}%") for row in rows]
    return lines


def _percent(metric: dict | None) -> str:
    return _figure(metric, "{:.1f}%")


def _figure(metric: dict | None, layout: str) -> str:
    """A Metric dict as ``value [low-high]`` in ``layout``; ``—`` when there is none."""
    if metric is None or metric["value"] is None:
        return "—"
    bounds = "" if metric["low"] is None else f" [{layout.format(metric['low'])}–{layout.format(metric['high'])}]"
    return layout.format(metric["value"]) + bounds


def _sentiment_text(result: dict, lang: str) -> list[str]:
    """What ``sentiment`` did, in ``lang``: the training verdict (with --train) and the label counts."""
    lines = []
    if result.get("training"):
        training = result["training"]
        cv = CrossValidation(**{field.name: training[field.name] for field in dataclasses.fields(CrossValidation)})
        lines.append(text("cli.trained", lang, file=training["file"], figures=cv.figures(), verdict=cv.decision()))
    counts = result["labels"]
    lines.append(text("cli.sentiment", lang, file=result["file"], rows=f"{result['rows']:,}", out=result["out"],
                      engine=result["engine"], **{label: f"{counts.get(label, 0):,}" for label in
                                                   ("negative", "neutral", "positive", "undetected")}))
    return lines


def _compare_text(result: dict, lang: str) -> list[str]:
    """The comparison as lines of text in ``lang``: a heading, whether it is weighted, the summary and one finding
    per metric."""
    if result.get("all_groups"):
        heading = text("cli.compare_all", lang, file=result["file"], n=len(result["groups"]), by=quoted(result["by"]))
        findings = result["omnibus"]
    else:
        group_a, group_b = (quoted(group) for group in result["groups"])
        heading = text("cli.compare", lang, file=result["file"], a=group_a, b=group_b, by=quoted(result["by"]))
        findings = result["comparisons"]
    weighted = [text("cli.compare_weighted", lang, column=quoted(result["weighted_by"]))] if result["weighted_by"] else []
    return [heading, *(f"  {line}" for line in [*weighted, result["summary"]])] + [
        f"  - {row['sentence']}" for row in findings]


def _as_text(result: dict, lang: str) -> list[str]:
    """The summary as lines of text in ``lang``."""
    lines = [text("cli.summary", lang, file=result["file"], format=say(f"format.{result['format']}"),
                  kind=say(f"kind.{result['kind']}"), rows=f"{result['rows']:,}", used=f"{result['rows_used']:,}")]
    if "weights" in result:
        weights = result["weights"]
        lines.append(text("cli.weighted_by", lang, column=quoted(weights["source"]),
                          rows=f"{weights['rows_weighted']:,}", effective_n=f"{weights['effective_n']:,.1f}",
                          deff=f"{weights['design_effect']:.3f}"))
        lines += [f"  ! {text(f'reason.{reason}', lang)} × {count:,}" for reason, count in weights["excluded"].items()]
    for name, metric in result["metrics"].items():
        label = f"{text(f'metric.{name}', lang):<12}"
        if metric["value"] is None:
            lines.append(f"  {label} " + text("cli.no_answers", lang))
        else:
            lines.append(f"  {label} {metric['value']:.1f}  " + text(
                "cli.interval", lang, low=f"{metric['low']:.1f}", high=f"{metric['high']:.1f}", n=f"{metric['n']:,}"))
    for point in result["touchpoints"]:
        mean = "—" if point["mean"] is None else f"{point['mean']:.2f}"
        stage = text(f"stage.{point['stage']}", lang)
        lines.append(f"  {point['touchpoint'][:40]:<40} {stage:<13} {mean}  n={point['n']:,}")
    if "template" in result:
        fit = result["template"]
        lines.append("  " + text("cli.template", lang, name=fit["name"], matched=f"{len(fit['matched']):,}",
                                 missing=", ".join(fit["not_in_file"]) or "—"))
    for issue in result["validation"]:
        problem = text(f"problem.{issue['problem']}", lang)
        lines.append(f"  ! {issue['column'] or '—'}: {problem} × {issue['count']:,}")
    if "customer_value" in result:
        lines += _customer_value_text(result["customer_value"], lang)
    return lines


def _customer_value_text(value: dict, lang: str) -> list[str]:
    """The customer-value block: CLV, net revenue, what the floors mean and what was set aside, in ``lang``."""
    clv = value["clv"]
    if clv["value"] is None:
        lines = ["  CLV  " + text("cli.no_answers", lang)]
    else:
        lines = [f"  CLV  {clv['value']:,.2f}  " + text("cli.interval", lang, low=f"{clv['low']:,.2f}",
                                                         high=f"{clv['high']:,.2f}", n=f"{clv['n']:,}")]
    lines.append("  " + text("cli.revenue", lang, net=f"{value['revenue']:,.2f}", gross=f"{value['gross_revenue']:,.2f}",
                             returns=f"{value['returns']:,.2f}", beyond=f"{value['returns_beyond_sales']:,.2f}"))
    lines += [f"  * {render(Message(note['code'], note['params']), lang)}" for note in value["notes"]]
    for reason, count in {**value["lines_set_aside"], **value["customers_set_aside"]}.items():
        lines.append(f"  ! {text(f'reason.{reason}', lang)} × {count:,}")
    return lines


def _clean(line: str) -> str:
    """A line for the terminal: control and format characters (escape codes, bidi overrides, line
    breaks inside a value) shown as ?. Every line of text output and every error line goes through it."""
    return "".join("?" if unicodedata.category(char)[0] == "C" or char in "\u2028\u2029" else char for char in line)
