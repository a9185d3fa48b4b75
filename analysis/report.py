"""A report people can read: the pinned charts and tables of a project as one self-contained HTML file.

Charts are drawn on the server as inline SVG (no script, no network: the file opens offline and
prints); tables are HTML tables. Every piece of user text (project name, titles, notes, cells,
column names) is escaped with :func:`html.escape`; a chart's SVG is kept only if it holds nothing
but drawing elements (no script, link, image or event handler), and a Content-Security-Policy
forbids scripts and outside requests anyway.
"""
from __future__ import annotations

import datetime as dt
from html import escape
from html.parser import HTMLParser
from typing import Iterable

from analysis.briefing import Sentence
from analysis.io import Export
from analysis.labels import axis_label_lines
from analysis.messages import text
from analysis.pins import Pin, table_payload
from analysis.summary import summarize

_HTML_LANG = {"en": "en", "zh": "zh-Hans"}
_SVG_ELEMENTS = {"svg", "g", "path", "rect", "text", "tspan", "line", "circle", "ellipse", "polygon", "polyline",
                 "defs", "clippath", "lineargradient", "radialgradient", "stop", "title", "desc", "pattern", "mask"}
_CSS = """
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "Microsoft YaHei",
       sans-serif; color: #1f2328; max-width: 960px; margin: 2rem auto; padding: 0 1rem; }
header { border-bottom: 2px solid #1f2328; margin-bottom: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
.meta { color: #57606a; margin: 0 0 .75rem; }
section { margin: 0 0 2rem; break-inside: avoid; page-break-inside: avoid; }
h2 { font-size: 1.15rem; margin: 0 0 .5rem; }
.note { white-space: pre-wrap; margin: 0 0 .75rem; }
.chart svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; font-size: .9rem; }
th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.failed { color: #57606a; font-style: italic; }
.summary { border: 1px solid #d0d7de; border-radius: 6px; padding: .75rem 1rem; background: #f6f8fa; }
.summary ol { margin: 0; padding-left: 1.25rem; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
@page { margin: 15mm; }
"""


def build_report(pins: Iterable[Pin], project: str = "", lang: str = "en", generated: dt.date | None = None,
                 summary: Iterable[Sentence] = ()) -> str:
    """The HTML of a report of ``pins`` (in their order) for ``project``, headed in ``lang`` ("en" or "zh").

    The executive ``summary`` (:func:`analysis.briefing.executive_summary`), when given, comes first, in ``lang``.
    Each pin gives a section: its title, its note, then its chart (SVG) or table. A chart that cannot be
    drawn (a broken spec, data behind a URL, elements a report may not hold) is said to be so.
    """
    generated = generated or dt.date.today()
    title = text("report.title", lang)
    heading = f"{escape(project)} — {escape(title)}" if project else escape(title)
    sections = [_section(pin, lang) for pin in pins] or [f'<p class="failed">{escape(text("report.empty", lang))}</p>']
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{_HTML_LANG.get(lang, "en")}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{heading}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<header><h1>{heading}</h1>",
        f'<p class="meta">{escape(text("report.generated", lang, date=generated.isoformat()))}</p></header>',
        _summary(list(summary), lang),
        *sections,
        "</body>",
        "</html>",
    ])


def _summary(sentences: list[Sentence], lang: str) -> str:
    """The executive summary as a numbered list ('' without sentences)."""
    if not sentences:
        return ""
    items = "".join(f"<li>{escape(sentence.text(lang))}</li>" for sentence in sentences)
    return f'<section class="summary" id="summary"><h2>{escape(text("summary.title", lang))}</h2><ol>{items}</ol></section>'


def _section(pin: Pin, lang: str) -> str:
    body = _chart(pin.payload, lang) if pin.kind == "chart" else _table(pin.payload)
    note = f'<p class="note">{escape(pin.note)}</p>' if pin.note else ""
    return f"<section><h2>{escape(pin.title)}</h2>{note}{body}</section>"


def _chart(spec: dict, lang: str) -> str:
    from analysis.images import chart_image

    try:
        svg = chart_image(spec, fmt="svg").decode("utf-8")
    except (ValueError, TypeError):
        svg = ""
    if not svg or not _drawing_only(svg):
        return f'<p class="failed">{escape(text("report.chart_failed", lang))}</p>'
    return f'<div class="chart">{svg}</div>'


class _SvgCheck(HTMLParser):
    """Finds anything in an SVG besides drawing: scripts, links, images, foreign content, event handlers."""

    def __init__(self):
        super().__init__()
        self.clean = True

    def handle_starttag(self, tag, attrs):
        names = {name.lower() for name, _ in attrs}
        if (tag.lower() not in _SVG_ELEMENTS or any(name.startswith("on") for name in names)
                or names & {"href", "xlink:href", "src"}):
            self.clean = False

    handle_startendtag = handle_starttag


def _drawing_only(svg: str) -> bool:
    check = _SvgCheck()
    check.feed(svg)
    check.close()
    return check.clean


def _table(payload: dict) -> str:
    columns = [str(column) for column in payload.get("columns") or []]
    records = payload.get("records") or []
    if not columns and records:
        columns = list(records[0])
    head = "".join(f"<th>{escape(column)}</th>" for column in columns)
    rows = "".join("<tr>" + "".join(_cell(record.get(column)) for column in columns) + "</tr>" for record in records)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _cell(value) -> str:
    if value is None:
        return "<td></td>"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<td class="number">{escape(f"{value:,}" if isinstance(value, int) else f"{value:,.4g}")}</td>'
    return f"<td>{escape(str(value))}</td>"


def default_pins(exports: Iterable[Export], lang: str = "en") -> list[Pin]:
    """Pins for a report without a project: for each file, its headline metrics as a table and, for a
    survey with touchpoints, a chart of the share of top ratings by touchpoint, coloured by stage."""
    pins = []
    for export in exports:
        summary = summarize(export)
        pins.append(Pin("table", text("report.metrics", lang, file=export.name), _metrics_table(summary, lang),
                        page="data", lang=lang))
        rated = [point for point in summary["touchpoints"] if point["top2"] is not None]
        if rated:
            pins.append(_touchpoint_chart(export.name, rated, lang))
    return pins


def _metrics_table(summary: dict, lang: str) -> dict:
    import pandas as pd

    rows = [(text("report.rows", lang), summary["rows"], None, None),
            (text("report.rows_used", lang), summary["rows_used"], None, None)]
    for name, metric in summary["metrics"].items():
        interval = None if metric["value"] is None else f"{metric['low']:.1f} – {metric['high']:.1f}"
        value = None if metric["value"] is None else round(metric["value"], 1)
        rows.append((text(f"metric.{name}", lang), value, interval, metric["n"]))
    columns = [text("report.column.measure", lang), text("report.column.value", lang),
               text("report.column.interval", lang), text("report.column.n", lang)]
    return table_payload(pd.DataFrame(rows, columns=columns).astype(object))


def _touchpoint_chart(name: str, rated: list[dict], lang: str) -> Pin:
    weakest = min(rated, key=lambda point: point["top2"])
    stage, share = text("report.column.stage", lang), text("report.column.top2", lang)
    touchpoint = text("report.column.touchpoint", lang)
    values = [{touchpoint: point["touchpoint"], stage: text(f"stage.{point['stage']}", lang),
               share: round(point["top2"], 1), "n": point["n"]} for point in rated]
    title = text("report.touchpoints", lang, file=name, touchpoint=weakest["touchpoint"],
                 share=f"{weakest['top2']:.0f}", count=len(rated))
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "data": {"values": values}, "mark": "bar", "width": 480,
        "encoding": {
            "y": {"field": touchpoint, "type": "nominal", "sort": "x", "axis": {"labelExpr": axis_label_lines(), "labelLimit": 420}},
            "x": {"field": share, "type": "quantitative", "scale": {"domain": [0, 100]}},
            "color": {"field": stage, "type": "nominal"},
            "tooltip": [{"field": touchpoint}, {"field": stage}, {"field": share}, {"field": "n"}],
        },
    }
    return Pin("chart", title, spec, page="journey", lang=lang)
