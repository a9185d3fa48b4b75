"""The Compare page run headless (Streamlit AppTest): two groups on every metric, the link that reopens a
comparison, customers of a transaction export, and agreement with the command line."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.errors import quoted
from analysis.sample import sample_paths
from pages.ui.text import plain
from pages.ui.words import LANGUAGES, t
from tests.apptest import chart_titles, go, open_page, param


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_compare_shows_a_test_result(app_test, lang):
    open_page(app_test, "compare", lang=lang, seg="Class", segv=["Business", "Eco"])
    assert app_test.selectbox(key="compare_by").value == "Gender"
    app_test.selectbox(key="compare_by").select("Class").run()
    app_test.button_group(key="compare_mode").set_value("two").run()  # Class has three groups: all by default
    assert not app_test.exception
    assert (app_test.selectbox(key="compare_a").value, app_test.selectbox(key="compare_b").value) == ("Business", "Eco")
    assert t("compare.findings", lang, a="Business", b="Eco") in [header.value for header in app_test.subheader]
    findings = "\n".join(m.value for m in app_test.markdown)
    assert plain(t("compare.summary", lang, count=19, total=20, a=quoted("Business"), b=quoted("Eco"), matters=16)) \
        in findings
    assert plain(t("test.two_proportion_z", lang)) in findings and plain("p < 0.001") in findings
    assert chart_titles(app_test)[0] == t("compare.chart_title", lang, count=19, total=20, a="Business", b="Eco",
                                     metric=t("metric.nps", lang))
    table = app_test.dataframe[0].value
    boarding = table[table["metric"] == "Online boarding"].iloc[0]
    assert boarding["p_holm_text"] == "p < 0.001" and boarding["verdict"] == t("compare.verdict.matters", lang)


def test_a_compare_link_reopens_the_same_comparison(app_test):
    open_page(app_test, "compare", cmp="Class", ga="Eco", gb="Business")
    assert [app_test.selectbox(key=key).value for key in ("compare_by", "compare_a", "compare_b")] == [
        "Class", "Eco", "Business"]
    assert t("compare.findings", "en", a="Eco", b="Business") in [header.value for header in app_test.subheader]
    app_test.selectbox(key="compare_b").select("Eco Plus").run()
    assert (param(app_test, "cmp"), param(app_test, "ga"), param(app_test, "gb")) == (["Class"], ["Eco"], ["Eco Plus"])


def test_a_compare_link_with_unknown_groups_falls_back_to_the_largest(app_test):
    open_page(app_test, "compare", cmp="Class", ga="First", gb="Eco")
    assert [app_test.selectbox(key=key).value for key in ("compare_by", "compare_a", "compare_b")] == [
        "Class", "Business", "Eco"]
    assert param(app_test, "ga") == ["Business"]


def test_compare_refuses_the_same_group_twice(app_test):
    open_page(app_test, "compare")
    app_test.selectbox(key="compare_b").select("Female").run()
    assert [warning.value for warning in app_test.warning] == [t("compare.same_group", "en")]


def test_an_edited_frequent_buyer_threshold_reaches_every_page(app_test, shared_data):
    from analysis.customers import customers, segment_table, with_frequent_above

    path = shared_data / "online_retail_200_customers.csv"
    app_test.run()
    app_test.file_uploader(key="upload_survey_0").upload("retail.csv", path.read_bytes(), "text/csv").run()
    threshold = next(box for box in app_test.number_input if box.key.startswith("customers_frequent_above_"))
    default = threshold.value
    threshold.set_value(2).run()
    assert not app_test.exception and default > 2
    counts = segment_table(with_frequent_above(customers(pd.read_csv(path)), 2).values).set_index("segment")
    go(app_test, "compare")
    app_test.selectbox(key="compare_by").select("segment").run()
    app_test.selectbox(key="compare_a").select("frequent").run()
    app_test.selectbox(key="compare_b").select("one-time").run()
    assert not app_test.exception
    table = app_test.dataframe[0].value.set_index("metric")
    assert table.loc["clv", "n_a"] == counts.loc["frequent", "customers"]
    assert table.loc["clv", "n_b"] == counts.loc["one-time", "customers"]


def test_the_compare_page_and_the_command_line_agree(app_test, capsys):
    from analysis.cli import main
    from analysis.metrics import format_p

    assert main(["compare", str(sample_paths()["survey"]), "--by", "Class", "--groups", "Business,Eco", "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    open_page(app_test, "compare", cmp="Class", ga="Business", gb="Eco")
    page = app_test.dataframe[0].value
    assert plain(cli["summary"]) in [m.value for m in app_test.markdown]
    assert len(page) == len(cli["comparisons"])
    for row, record in zip(page.to_dict("records"), cli["comparisons"]):
        assert row["difference"] == pytest.approx(record["difference"])
        assert row["p_holm_text"] == format_p(record["p_holm"])
        expected = ("matters" if record["matters"] else "too_small") if record["significant"] else "noise"
        assert row["verdict"] == t(f"compare.verdict.{expected}", "en")
