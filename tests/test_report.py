"""The HTML report: self-contained, charts as inline SVG, every piece of user text escaped."""
from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from analysis.images import chart_image
from analysis.io import load_export
from analysis.pins import Pin, chart_payload, table_payload
from analysis.report import build_report, default_pins

FIXTURES = Path(__file__).parent / "fixtures"
EVIL = "<script>alert(1)</script>"


class Elements(HTMLParser):
    """Every start tag, and the text inside script elements."""

    def __init__(self):
        super().__init__()
        self.tags, self.script_text, self.text, self._in_script = [], [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data):
        (self.script_text if self._in_script else self.text).append(data)


def parsed(html: str) -> Elements:
    elements = Elements()
    elements.feed(html)
    return elements


CHART = {"data": {"values": [{"stage": EVIL, "score": 3}, {"stage": "Service", "score": 2}]}, "mark": "bar",
         "encoding": {"x": {"field": "stage", "type": "nominal"}, "y": {"field": "score", "type": "quantitative"}}}


def test_user_text_is_escaped_everywhere_and_charts_are_inline_svg():
    pins = [Pin("chart", EVIL, CHART, note=f"note {EVIL}\nsecond line"),
            Pin("table", "Table", table_payload(pd.DataFrame({EVIL: [EVIL, 1.5]})), note=EVIL)]
    html = build_report(pins, project=EVIL, lang="en", generated=dt.date(2025, 3, 4))
    elements = parsed(html)
    assert "script" not in elements.tags and elements.script_text == []
    assert "svg" in elements.tags and "table" in elements.tags
    assert sum(EVIL in chunk for chunk in elements.text) >= 6  # shown as text: project (x2), title, notes, cells
    assert "Generated on 2025-03-04" in html and "second line" in html
    assert "http://" not in html.replace("http://www.w3.org/", "") and "https://" not in html


def test_a_chart_that_cannot_be_drawn_or_holds_more_than_drawing_is_refused():
    remote = {"data": {"url": "https://example.org/data.json"}, "mark": "bar"}
    image = {"data": {"values": [{"u": "https://example.org/pixel.png"}]}, "mark": "image",
             "encoding": {"url": {"field": "u"}}}
    html = build_report([Pin("chart", "a", remote), Pin("chart", "b", image), Pin("chart", "c", {"mark": 5})],
                        lang="zh")
    assert html.count("此图表无法绘制。") == 3
    assert "<svg" not in html and 'lang="zh-Hans"' in html


def test_an_empty_report_says_so():
    assert "Nothing has been pinned yet." in build_report([], "Study")


@pytest.mark.parametrize("lang, metrics", [("en", "headline metrics"), ("zh", "核心指标")])
def test_default_pins_of_a_survey(lang, metrics):
    export = load_export(FIXTURES / "dirty_airline_survey.csv")
    table, chart = default_pins([export], lang)
    assert metrics in table.title and table.kind == "table" and chart.kind == "chart"
    assert table.payload["records"][0][table.payload["columns"][1]] == export.rows
    assert "<svg" in build_report([table, chart], lang=lang)


def test_chart_images_from_named_datasets():
    spec = {"data": {"name": "points"}, "mark": "point",
            "encoding": {"x": {"field": "a", "type": "quantitative"}}}
    datasets = {"points": pd.DataFrame({"a": [1, 2]})}
    assert chart_image(spec, datasets, "png").startswith(b"\x89PNG")
    assert chart_image(spec, datasets, "svg").startswith(b"<svg")
    assert chart_payload(spec, datasets)["datasets"] == {"points": [{"a": 1}, {"a": 2}]}


def test_the_summary_comes_first_and_its_sentences_are_escaped():
    from analysis.briefing import Sentence
    from analysis.messages import say

    evil = Sentence("headline", say("summary.with_note", sentence=EVIL, note="<b>n = 5</b>"))
    html = build_report([Pin("table", "Pinned", table_payload(pd.DataFrame({"a": [1]})))], "Study",
                        summary=[evil, Sentence("headline", say("summary.small_caution"))])
    assert html.index('<section class="summary"') < html.index("<h2>Pinned</h2>")
    assert "<h2>Summary</h2><ol><li>&lt;script&gt;" in html and "<b>" not in html
    assert parsed(html).tags.count("li") == 2 and "script" not in parsed(html).tags
    assert '<section class="summary"' not in build_report([], "Study")


def test_a_chinese_report_is_chinese_from_its_language_tag_to_its_headings():
    from analysis.briefing import export_summary
    from analysis.messages import CODES

    export = load_export(FIXTURES / "dirty_airline_survey.csv")
    html = build_report(default_pins([export], "zh"), "旅程研究", "zh", generated=dt.date(2025, 3, 4),
                        summary=export_summary(export))
    assert html.startswith('<!DOCTYPE html>\n<html lang="zh-Hans">')
    assert "<title>旅程研究 — Journey Lens 报告</title>" in html and "<h1>旅程研究 — Journey Lens 报告</h1>" in html
    assert "生成日期：2025-03-04" in html and "<h2>摘要</h2>" in html
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    assert len(headings) == 3 and all(re.search(r"[\u4e00-\u9fff]", heading) for heading in headings)
    summary = html[html.index('<section class="summary"'):html.index("</section>")]
    assert summary.count("<li>") >= 2 and not re.search(r"\b(is|of|the|CI|against)\b", summary)
    english = [CODES[code]["en"] for code in ("report.generated", "report.title", "report.column.measure",
                                              "report.column.value", "summary.title")]
    visible = " ".join(parsed(html).text)
    assert not any(re.search(rf"\b{re.escape(words.split('{')[0].strip())}\b", visible) for words in english)
