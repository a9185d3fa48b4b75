"""Every page runs headless (Streamlit AppTest, no browser) in both languages without an exception."""
from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.errors import quoted
from analysis.sample import sample_paths
from pages.ui.words import LANGUAGES, t
from pages.ui.text import plain

APP = Path(__file__).resolve().parents[1] / "app.py"
PAGES = ["data", "journey", "sentiment", "behaviour", "personas", "compare", "report"]


@pytest.fixture
def app():
    return AppTest.from_file(str(APP), default_timeout=60)


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("name", PAGES)
def test_page_runs_in_language(app, name, lang):
    app.query_params["lang"] = lang
    app.run()
    if name != "data":
        app.switch_page(f"pages/{name}.py").run()
    assert not app.exception, app.exception[0].message
    assert not app.error, app.error[0].value
    assert app.title[0].value == t(f"nav.{name}", lang)
    assert app.session_state["lang"] == lang


def test_first_visit_uses_the_sample_and_says_so(app):
    app.run()
    assert any(t("data.sample_note", "en") == info.value for info in app.info)
    assert {status.label for status in app.status} == {
        t("data.loaded", "en", name=r"airline\_survey\.csv", rows="5,000"),
        t("data.loaded", "en", name=r"airline\_tweets\.csv", rows="2,000"),
    }


def test_unknown_language_in_the_url_falls_back_to_english(app):
    app.query_params["lang"] = "xx"
    app.run()
    assert app.session_state["lang"] == "en"
    assert app.title[0].value == "Data"


def test_unreadable_upload_shows_one_sentence_and_no_traceback(app):
    app.run()
    app.file_uploader(key="upload_survey_0").upload("photo.csv", b"\x89PNG\r\n\x1a\n" + bytes(64), "text/csv").run()
    assert not app.exception
    assert [error.value for error in app.error] == [
        r"photo\.csv\: this is a PNG image, not a table; upload a CSV, TSV, TXT, XLSX or JSON export\."]
    assert t("data.failed", "en", name=r"photo\.csv") in {status.label for status in app.status}


def test_going_back_to_the_sample_forgets_the_upload(app):
    app.run()
    app.file_uploader(key="upload_survey_0").upload("tiny.csv", b"id,score\n1,4\n2,5\n3,3\n", "text/csv").run()
    assert t("data.using_upload", "en", name=r"tiny\.csv") in [caption.value for caption in app.caption]
    app.button(key="use_sample_survey").click().run()
    assert not app.exception
    assert app.file_uploader(key="upload_survey_1").value is None
    assert any(info.value == t("data.sample_note", "en") for info in app.info)


def chart_titles(app) -> list[str]:
    """The titles of the Vega-Lite charts on the page."""
    titles = []
    for chart in app.get("vega_lite_chart"):
        title = json.loads(chart.proto.spec).get("title")
        titles.append(title["text"] if isinstance(title, dict) else title)
    return titles


def chart_data(app, name: str) -> pd.DataFrame:
    """The named dataset ``name`` of the first chart on the page that has one."""
    import pyarrow as pa

    for chart in app.get("vega_lite_chart"):
        for dataset in chart.proto.datasets:
            if dataset.name == name:
                return pa.ipc.open_stream(dataset.data.data).read_pandas()
    raise AssertionError(f"no chart has a dataset {name!r}")


def param(app, key: str) -> list[str]:
    """A query parameter of the app's URL as a list of values (AppTest keeps a single one as a string)."""
    value = app.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def open_page(app, name: str, **params):
    """Open a page straight from a link carrying ``params`` (as a shared URL would)."""
    for key, value in params.items():
        app.query_params[key] = value
    app.switch_page(f"pages/{name}.py").run()
    assert not app.exception, app.exception[0].message
    return app


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_journey_shows_map_emotion_curve_and_friction(app, lang):
    open_page(app, "journey", lang=lang)
    subheaders = [header.value for header in app.subheader]
    for key in ("journey.map", "journey.friction", "journey.touchpoint_ratings", "drivers.title",
                "heatmap.title", "trend.title"):
        assert t(key, lang) in subheaders
    stage = t("stage.purchase", lang)
    titles = chart_titles(app)
    assert titles[0] == t("journey.map_title", lang, stage=stage, score="46")
    curve = json.loads(app.get("vega_lite_chart")[0].proto.spec)
    assert [layer["mark"]["type"] for layer in curve["layer"]][:4] == ["rect", "line", "circle", "text"]
    assert any(line.value.startswith(f"**{stage}** 😐 **46**") for line in app.markdown)
    friction = next(m.value for m in app.markdown if "Inflight wifi service" in m.value and m.value.startswith("- "))
    assert friction.startswith("- " + t("journey.friction_both", lang, touchpoint="Inflight wifi service",
                                        stage=t("stage.experience", lang), score="45", share="44", n="4,830"))
    assert any(t("trend.needs_timestamp", lang) == info.value for info in app.info)


def test_a_segment_filter_from_the_link_changes_every_number(app):
    open_page(app, "journey")
    assert app.metric[0].value == "43.2%"
    everyone = chart_titles(app)

    filtered = AppTest.from_file(str(APP), default_timeout=60)
    open_page(filtered, "journey", seg="Class", **{"sv.Class": "Business"})
    assert filtered.metric[0].value == "69.4%"
    assert t("filter.note", "en", n="2,377", total="5,000") in [caption.value for caption in filtered.caption]
    assert chart_titles(filtered) != everyone
    assert param(filtered, "seg") == ["Class"] and param(filtered, "sv.Class") == ["Business"]


def test_sidebar_filter_changes_the_numbers_and_the_link(app):
    open_page(app, "journey")
    app.multiselect(key="filter_seg").select("Class").run()
    app.multiselect(key="filter_segv_Class").select("Eco").run()
    assert not app.exception
    assert app.metric[0].value == "19.2%"
    assert param(app, "sv.Class") == ["Eco"]
    app.multiselect(key="filter_seg").select("Type of Travel").run()
    app.multiselect(key="filter_segv_Type of Travel").select("Business travel").run()
    raw = pd.read_csv(sample_paths()["survey"])
    both = raw[(raw["Class"] == "Eco") & (raw["Type of Travel"] == "Business travel")]
    assert app.metric[0].value == f"{100 * (both['satisfaction'] == 'satisfied').mean():.1f}%"
    assert param(app, "seg") == ["Class", "Type of Travel"]
    app.button(key="filter_clear").click().run()
    assert app.metric[0].value == "43.2%"
    assert not [key for key in app.query_params if key == "seg" or key.startswith("sv.")]


def test_a_numeric_attribute_is_a_segment_in_bands(app):
    open_page(app, "journey")
    app.multiselect(key="filter_seg").select("Age").run()
    raw = pd.read_csv(sample_paths()["survey"])
    quartiles = np.ceil(raw["Age"].quantile([0.25, 0.5, 0.75])).astype(int).tolist()
    bands = app.multiselect(key="filter_segv_Age").options
    assert bands[0] == f"{raw['Age'].min()}–{quartiles[0] - 1}" and len(bands) == 4
    app.multiselect(key="filter_segv_Age").select(bands[0]).run()
    young = raw[raw["Age"] < quartiles[0]]
    assert app.metric[0].value == f"{100 * (young['satisfaction'] == 'satisfied').mean():.1f}%"


def test_filter_values_not_in_the_data_are_ignored(app):
    open_page(app, "journey", seg=["Class", "Nowhere"], tp=["Bogus"], ch=["web"], **{"from": "1999-01-01", "sv.Class": ["Nope"]})
    assert app.metric[0].value == "43.2%"
    assert not any(caption.value.startswith("Filtered") for caption in app.caption)
    assert param(app, "seg") == ["Class"]
    assert not {"sv.Class", "tp", "ch", "from"} & set(app.query_params)


def test_stage_map_edits_move_touchpoints_between_stages(app):
    from pages.ui.state import _sample

    digest = _sample("survey").digest
    app.session_state["stage_maps"] = {digest: {"Ease of Online booking": "awareness",
                                                "Inflight wifi service": "loyalty"}}
    open_page(app, "journey")
    assert chart_titles(app)[0] == t("journey.map_title", "en", stage="Loyalty", score="45")
    assert any(line.value.startswith("**Awareness** 😐 **46**") for line in app.markdown)


def test_key_drivers_need_two_touchpoints_and_say_so(app):
    open_page(app, "journey", tp="Seat comfort")
    infos = [info.value for info in app.info]
    assert any(value.startswith(t("drivers.unavailable", "en", reason="")) for value in infos), infos


def test_key_drivers_rank_touchpoints_in_words(app):
    open_page(app, "journey", lang="zh")
    assert t("drivers.chart_title_fix", "zh", touchpoint="Inflight wifi service") in chart_titles(app)
    matrix = json.loads(app.get("vega_lite_chart")[2].proto.spec)
    assert matrix["title"]["subtitle"][0] == t("drivers.chart_facts", "zh", share="11", score="45")
    ranking = next(m.value for m in app.markdown if m.value.startswith("1. "))
    assert ranking.startswith("1. " + plain(t("drivers.rank", "zh", touchpoint=quoted("Online boarding"), share="30",
                                              score="58", quadrant=t("quadrant.strengths", "zh"))))
    assert plain("线性概率模型") in "\n".join(m.value for m in app.markdown)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_compare_shows_a_test_result(app, lang):
    open_page(app, "compare", lang=lang, seg="Class", segv=["Business", "Eco"])
    assert app.selectbox(key="compare_by").value == "Gender"
    app.selectbox(key="compare_by").select("Class").run()
    assert not app.exception
    assert (app.selectbox(key="compare_a").value, app.selectbox(key="compare_b").value) == ("Business", "Eco")
    assert t("compare.findings", lang, a="Business", b="Eco") in [header.value for header in app.subheader]
    findings = "\n".join(m.value for m in app.markdown)
    assert plain(t("compare.summary", lang, count=14, total=15, a=quoted("Business"), b=quoted("Eco"), matters=12)) \
        in findings
    assert plain(t("test.two_proportion_z", lang)) in findings and plain("p < 0.001") in findings
    assert chart_titles(app)[0] == t("compare.chart_title", lang, count=14, total=15, a="Business", b="Eco",
                                     metric=t("metric.satisfied", lang))
    table = app.dataframe[0].value
    boarding = table[table["metric"] == "Online boarding"].iloc[0]
    assert boarding["p_holm_text"] == "p < 0.001" and boarding["verdict"] == t("compare.verdict.matters", lang)


def test_a_compare_link_reopens_the_same_comparison(app):
    open_page(app, "compare", cmp="Class", ga="Eco", gb="Business")
    assert [app.selectbox(key=key).value for key in ("compare_by", "compare_a", "compare_b")] == [
        "Class", "Eco", "Business"]
    assert t("compare.findings", "en", a="Eco", b="Business") in [header.value for header in app.subheader]
    app.selectbox(key="compare_b").select("Eco Plus").run()
    assert (param(app, "cmp"), param(app, "ga"), param(app, "gb")) == (["Class"], ["Eco"], ["Eco Plus"])


def test_a_compare_link_with_unknown_groups_falls_back_to_the_largest(app):
    open_page(app, "compare", cmp="Class", ga="First", gb="Eco")
    assert [app.selectbox(key=key).value for key in ("compare_by", "compare_a", "compare_b")] == [
        "Class", "Business", "Eco"]
    assert param(app, "ga") == ["Business"]


def test_compare_refuses_the_same_group_twice(app):
    open_page(app, "compare")
    app.selectbox(key="compare_b").select("Female").run()
    assert [warning.value for warning in app.warning] == [t("compare.same_group", "en")]


def dated_survey() -> bytes:
    """The bundled survey with a submission date: day i of 2024 for row i (mod 300)."""
    from analysis.sample import sample_paths

    lines = sample_paths()["survey"].read_text(encoding="utf-8").splitlines()
    days = [(date(2024, 1, 1) + timedelta(days=i % 300)).isoformat() for i in range(len(lines) - 1)]
    rows = [f"{lines[0]},Submitted at"] + [f"{line},{day}" for line, day in zip(lines[1:], days)]
    return ("\n".join(rows) + "\n").encode("utf-8")


def test_date_filter_and_trend_over_time(app):
    app.run()
    app.file_uploader(key="upload_survey_0").upload("dated.csv", dated_survey(), "text/csv").run()
    assert not app.exception
    assert app.date_input(key="filter_dates").value == (date(2024, 1, 1), date(2024, 10, 26))
    app.date_input(key="filter_dates").set_value((date(2024, 2, 1), date(2024, 2, 29))).run()
    assert param(app, "from") == ["2024-02-01"] and param(app, "to") == ["2024-02-29"]
    assert t("filter.note", "en", n="493", total="5,000") in [caption.value for caption in app.caption]


def test_a_dated_link_opens_the_journey_with_its_trend(app):
    from pages.ui.state import _source

    app.session_state["sources"] = {"survey": _source("dated.csv", dated_survey())}
    open_page(app, "journey", **{"from": "2024-02-01", "to": "2024-02-29"})
    assert t("filter.note", "en", n="493", total="5,000") in [caption.value for caption in app.caption]
    trend = chart_titles(app)[-1]
    assert trend.startswith(t("metric.satisfied", "en") + " (%) "), trend
    assert "(2024-02-01)" in trend and "(2024-02-29)" in trend, trend
    assert not any(t("trend.needs_timestamp", "en") == info.value for info in app.info)


def test_a_transaction_export_opens_on_customer_value(app, shared_data):
    data = (shared_data / "online_retail_200_customers.csv").read_bytes()
    app.run()
    app.file_uploader(key="upload_survey_0").upload("retail.csv", data, "text/csv").run()
    assert not app.exception
    assert t("customers.title", "en") in [header.value for header in app.subheader]
    assert [metric.value for metric in app.metric][:2] == ["198", "2,038"]
    assert any(caption.value.startswith("CLV assumes customers stay at least one year") for caption in app.caption)
    app.switch_page("pages/journey.py").run()
    assert not app.exception and app.info[0].value == t("customers.journey_note", "en")
    app.switch_page("pages/compare.py").run()
    assert not app.exception
    assert app.selectbox(key="compare_by").value == "Country"
    assert (app.selectbox(key="compare_a").value, app.selectbox(key="compare_b").value) == ("United Kingdom", "Germany")
    app.selectbox(key="compare_by").select("segment").run()
    assert app.selectbox(key="compare_a").value == "occasional"
    assert plain("Customer value (CLV) is") in "\n".join(m.value for m in app.markdown)


def test_an_edited_frequent_buyer_threshold_reaches_every_page(app, shared_data):
    from analysis.customers import customers, segment_table, with_frequent_above

    path = shared_data / "online_retail_200_customers.csv"
    app.run()
    app.file_uploader(key="upload_survey_0").upload("retail.csv", path.read_bytes(), "text/csv").run()
    threshold = next(box for box in app.number_input if box.key.startswith("customers_frequent_above_"))
    default = threshold.value
    threshold.set_value(2).run()
    assert not app.exception and default > 2
    counts = segment_table(with_frequent_above(customers(pd.read_csv(path)), 2).values).set_index("segment")
    app.switch_page("pages/compare.py").run()
    app.selectbox(key="compare_by").select("segment").run()
    app.selectbox(key="compare_a").select("frequent").run()
    app.selectbox(key="compare_b").select("one-time").run()
    assert not app.exception
    table = app.dataframe[0].value.set_index("metric")
    assert table.loc["clv", "n_a"] == counts.loc["frequent", "customers"]
    assert table.loc["clv", "n_b"] == counts.loc["one-time", "customers"]


def test_role_editor_search_matches_column_label_and_question():
    from pages.ui.mapping import shown_rows

    mapping = pd.DataFrame({"column": ["Q1", "Q2", "Q3"], "label": ["Check-in", "Seat", "Food"],
                            "question": ["How was check-in?", "How comfortable was the seat?", "食物怎么样？"],
                            "role": ["touchpoint", "touchpoint", "attribute"]})
    assert shown_rows(mapping, "CHECK", []).tolist() == [True, False, False]
    assert shown_rows(mapping, "comfortable", []).tolist() == [False, True, False]
    assert shown_rows(mapping, "食物", []).tolist() == [False, False, True]
    assert shown_rows(mapping, "", ["touchpoint"]).tolist() == [True, True, False]
    assert shown_rows(mapping, "q", ["attribute"]).tolist() == [False, False, True]


def test_role_editor_changes_the_roles_of_the_columns_shown_in_bulk(app):
    app.run()
    app.run()  # AppTest runs the first page bare (v1 mode), so page widgets get their lasting ids from the second run
    roles = next(widget for widget in app.multiselect if widget.key.startswith("mapping_survey_"))
    roles.select("nps").run()  # no column has this role: an empty editor, nothing breaks
    assert not app.exception
    assert t("data.mapping_shown", "en", shown="0", total="25") in [caption.value for caption in app.caption]
    roles = next(widget for widget in app.multiselect if widget.key.startswith("mapping_survey_"))
    roles.unselect("nps").select("touchpoint").run()
    assert t("data.mapping_shown", "en", shown="14", total="25") in [caption.value for caption in app.caption]
    bulk = next(widget for widget in app.selectbox if widget.key.startswith("mapping_survey_") and
                widget.key.endswith("_bulk_role"))
    bulk.select("ignore").run()
    next(button for button in app.button if button.key.endswith("_bulk_apply") and "survey" in button.key).click().run()
    assert not app.exception
    mapping = next(iter(app.session_state["mappings"].values()))
    assert not (mapping["role"] == "touchpoint").any()
    app.switch_page("pages/journey.py").run()
    assert not app.exception and app.warning[0].value == t("journey.no_touchpoints", "en")


def test_a_column_switched_to_a_rating_gets_its_scale_and_every_page_works(app):
    csv = "id,Waiting time in minutes,Overall satisfied (1-5)\n" + "".join(
        f"{i},{1 + i % 5},{1 + (i * 7) % 5}\n" for i in range(60))
    app.run()
    app.file_uploader(key="upload_survey_0").upload("waiting.csv", csv.encode(), "text/csv").run()
    app.run()
    roles = next(widget for widget in app.multiselect if widget.key.startswith("mapping_survey_"))
    roles.select("attribute").run()
    bulk = next(widget for widget in app.selectbox if widget.key.endswith("_bulk_role") and "survey" in widget.key)
    bulk.select("touchpoint").run()
    next(button for button in app.button if button.key.endswith("_bulk_apply") and "survey" in button.key).click().run()
    assert not app.exception and not app.error
    mapping = next(iter(app.session_state["mappings"].values())).set_index("column")
    assert (mapping.loc["Waiting time in minutes", ["role", "scale_min", "scale_max"]].tolist()
            == ["touchpoint", 1.0, 5.0])
    assert "scale_inferred" in mapping.loc["Waiting time in minutes", "note"]
    for page in ("journey", "compare"):
        app.switch_page(f"pages/{page}.py").run()
        assert not app.exception and not app.error, page


def test_an_unusable_edit_is_refused_and_the_previous_mapping_kept():
    def script():
        import pandas as pd
        import streamlit as st

        from pages.ui import mapping, state

        src = state.source("survey")
        current = state.mapping(src)
        bad = current.copy()
        bad.loc[bad["column"] == "Seat comfort", ["scale_min", "scale_max"]] = [5.0, 1.0]
        mapping.keep_checked(src, bad, current)
        st.write(str(st.session_state.get("mappings", {})))

    app = AppTest.from_function(script, default_timeout=60)
    app.run()
    assert not app.exception
    assert app.error[0].value.startswith(t("data.mapping_refused", "en", reason=""))
    assert "Seat comfort" in app.error[0].value
    assert app.markdown[0].value == "{}"  # nothing stored: every page keeps the detected mapping


def test_long_survey_questions_are_charted_by_their_short_labels(app, shared_data):
    path = shared_data / "survey_exports" / "surveymonkey_vimff_cohort1_post_redacted.xlsx"
    app.run()
    app.file_uploader(key="upload_survey_0").upload(path.name, path.read_bytes(), "application/octet-stream").run()
    app.switch_page("pages/journey.py").run()
    assert not app.exception
    rows = chart_data(app, "touchpoints").to_dict("records")
    assert len(rows) == 20 and len({row["label"] for row in rows}) == 20  # unique
    assert all(len(row["label"]) <= 32 for row in rows)
    assert all(len(row["question"]) > len(row["label"]) for row in rows)  # the full text is kept for the tooltip
    assert "I love to climb" in {row["label"] for row in rows}


def test_the_compare_page_and_the_command_line_agree(app, capsys):
    from analysis.cli import main
    from analysis.metrics import format_p

    assert main(["compare", str(sample_paths()["survey"]), "--by", "Class", "--groups", "Business,Eco", "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    open_page(app, "compare", cmp="Class", ga="Business", gb="Eco")
    page = app.dataframe[0].value
    assert plain(cli["summary"]) in [m.value for m in app.markdown]
    assert len(page) == len(cli["comparisons"])
    for row, record in zip(page.to_dict("records"), cli["comparisons"]):
        assert row["difference"] == pytest.approx(record["difference"])
        assert row["p_holm_text"] == format_p(record["p_holm"])
        expected = ("matters" if record["matters"] else "too_small") if record["significant"] else "noise"
        assert row["verdict"] == t(f"compare.verdict.{expected}", "en")


def test_the_server_never_shows_exception_details():
    """An unexpected error reaches the browser as a generic message only: paths and code stay in the server log."""
    import tomllib

    config = tomllib.loads((APP.parent / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
