"""The first visit, run headless (Streamlit AppTest): with no upload every page shows the bundled sample project
without an error, with its headline tiles; the sample's event log and linked comments leave once the survey is
the analyst's own."""
from __future__ import annotations

from analysis.sample import sample_paths
from pages.ui.text import plain
from pages.ui.words import t
from tests.apptest import go, keep, use_file

OWN_SURVEY = b"id,Date,How likely are you to recommend us? (0-10),Staff friendliness\n" + b"".join(
    f"{i},2025-03-{1 + i % 28:02d},{i % 11},{1 + i % 5}\n".encode() for i in range(60))


def shown(app, name: str):
    """Open page ``name`` in the session and check it ran without an error."""
    go(app, name)
    assert not app.exception, app.exception[0].message
    assert not app.error, [error.value for error in app.error]
    return app


def labels(app) -> set[str]:
    return {metric.label for metric in app.metric}


def captions(app) -> list[str]:
    return [caption.value for caption in app.caption]


def test_every_page_shows_the_sample_on_a_first_visit(app_test):
    app = app_test
    app.run()
    assert not app.exception
    assert t("data.sample_note", "en") in [info.value for info in app.info]

    assert {t("metric.nps", "en"), t("metric.csat", "en"), t("metric.ces", "en")} <= labels(shown(app, "journey"))

    assert t("sentiment.tile.read", "en") in labels(shown(app, "sentiment"))

    shown(app, "behaviour")
    assert t("data.using_sample", "en", name=plain(sample_paths()["events"].name)) in captions(app)
    assert {"Visitors", "Sessions", "Bounce rate", "Conversion"} <= labels(app)
    assert [info.value for info in app.info] == [t("behaviour.frustration.none", "en")]  # not the empty state

    shown(app, "personas")
    assert t("personas.link.comments", "en", n="1,998", comments="1,998") in captions(app)

    shown(app, "compare")
    assert app.get("vega_lite_chart")

    shown(app, "report")
    assert t("report.sample_draft", "en") in captions(app)
    assert app.get("vega_lite_chart") and app.dataframe
    metrics = app.dataframe[0].value
    assert {"NPS", "CSAT", "CES"} <= set(metrics.iloc[:, 0])
    assert not metrics.isna().any().any() and "None" not in metrics.astype(str).to_numpy()  # a dash for no interval


def test_the_sample_log_and_linked_tweets_leave_with_the_analysts_own_survey(app_test):
    app = use_file(app_test, "survey", "own.csv", OWN_SURVEY)
    app.run()
    shown(app, "behaviour")
    assert [info.value for info in app.info] == [t("behaviour.empty", "en")]
    shown(app, "personas")
    assert not any("Linked" in caption for caption in captions(app))
    shown(app, "report")
    assert t("report.sample_draft", "en") not in captions(app)


def test_the_sample_log_kept_on_purpose_stays_beside_the_analysts_survey(app_test):
    app = keep(use_file(app_test, "survey", "own.csv", OWN_SURVEY), "files", "events", "sample")
    app.run()
    shown(app, "behaviour")
    assert t("data.using_sample", "en", name=plain(sample_paths()["events"].name)) in captions(app)
    assert "Sessions" in labels(app)
