"""Metric trends per period and the segment x touchpoint heatmap."""
import numpy as np
import pandas as pd
import pytest

from analysis import metrics
from analysis.errors import InputError
from analysis.io import load_export
from analysis.prepare import Prepared, prepare
from analysis.trends import HEATMAP_COLUMNS, TREND_COLUMNS, metric_trend, segment_heatmap

AIRLINE = "airline_passenger_satisfaction_sample.csv"


def _prepared(frame: pd.DataFrame, roles: dict[str, tuple]) -> Prepared:
    """Prepare a hand-made table with an explicit mapping: column -> (role, min, max, reverse)."""
    csv = frame.to_csv(index=False).encode("utf-8")
    export = load_export(csv, "survey.csv")
    mapping = pd.DataFrame([{"column": column, "role": spec[0], "scale_min": spec[1] if len(spec) > 1 else np.nan,
                             "scale_max": spec[2] if len(spec) > 2 else np.nan,
                             "reverse": spec[3] if len(spec) > 3 else False, "zero_is_na": False}
                            for column, spec in roles.items()])
    return prepare(export, mapping)


SURVEY_ROLES = {"id": ("respondent_id",), "Submitted": ("timestamp",), "Recommend": ("nps", 0, 10),
                "Overall satisfaction": ("csat", 1, 5), "Effort": ("ces", 1, 7, True),
                "Satisfied": ("outcome",), "Checkout": ("touchpoint", 1, 5), "Wait time": ("touchpoint", 1, 5, True),
                "Region": ("attribute",)}


@pytest.fixture
def dated_survey():
    """Eight responses over three days (one with an unreadable date)."""
    frame = pd.DataFrame({
        "id": range(1, 9),
        "Submitted": ["2024-03-01 09:00", "2024-03-01 17:30", "2024-03-01 12:00", "2024-03-01 08:00",
                      "2024-03-02 10:00", "2024-03-04 10:00", "2024-03-04 11:00", "soon"],
        "Recommend": [10, 9, 6, 8, 0, 9, 10, 10],
        "Overall satisfaction": [5, 4, 3, 2, 1, 5, 4, 5],
        "Effort": [2, 3, 4, 5, 7, 1, 1, 1],
        "Satisfied": ["yes", "yes", "no", "no", "no", "yes", "yes", "yes"],
        "Checkout": [5, 3, 1, None, 2, 5, 4, 5],
        "Wait time": [1, 5, 3, 3, None, None, None, 1],
        "Region": ["N", "N", "S", "S", "N", "S", "S", "N"],
    })
    return frame, _prepared(frame, SURVEY_ROLES)


def _row(table: pd.DataFrame, period: str, metric: str) -> pd.Series:
    found = table[(table["period"] == pd.Timestamp(period)) & (table["metric"] == metric)]
    assert len(found) == 1, (period, metric)
    return found.iloc[0]


def test_daily_trend_of_a_hand_made_survey(dated_survey):
    frame, prepared = dated_survey
    table = metric_trend(prepared)
    assert table.columns.tolist() == TREND_COLUMNS
    # span of three days: one period per day that has answers (3 March has none), undated row left out
    assert sorted(table["period"].unique()) == [pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-02"),
                                                pd.Timestamp("2024-03-04")]
    assert table.drop_duplicates("metric")["metric"].tolist() == ["nps", "csat", "ces", "satisfied", "Checkout",
                                                                  "Wait time"]
    assert set(table.loc[table["metric"].isin(["Checkout", "Wait time"]), "kind"]) == {"touchpoint"}
    first = {metric: _row(table, "2024-03-01", metric) for metric in table["metric"].unique()}
    # 1 March: NPS answers 10, 9, 6, 8 -> 2 promoters, 1 detractor of 4 = +25
    assert first["nps"][["value", "n"]].tolist() == [25.0, 4]
    expected = metrics.nps(pd.Series([10, 9, 6, 8]))
    assert (first["nps"]["low"], first["nps"]["high"]) == pytest.approx((expected.low, expected.high))
    # CSAT 5, 4, 3, 2 -> 2 of 4 in the top two boxes; Wilson interval
    low, high = metrics.wilson(2, 4)
    assert first["csat"][["value", "low", "high"]].tolist() == pytest.approx([50.0, 100 * low, 100 * high])
    # CES: mean effort 2, 3, 4, 5 on its own scale, t interval
    mean, low, high = metrics.mean_interval([2, 3, 4, 5])
    assert first["ces"][["value", "low", "high", "n"]].tolist() == pytest.approx([3.5, low, high, 4])
    assert first["satisfied"][["value", "n"]].tolist() == [50.0, 4]
    # touchpoints on 0-1: Checkout 5, 3, 1 (one blank) -> 1, .5, 0; Wait time is reversed: 1, 5, 3, 3 -> 1, 0, .5, .5
    assert first["Checkout"][["value", "n"]].tolist() == [0.5, 3]
    assert first["Wait time"][["value", "n"]].tolist() == [0.5, 4]
    mean, low, high = metrics.mean_interval([1, 0, 0.5, 0.5])
    assert low < 0 and high > 1  # four answers: the t interval reaches past the scale, so it is kept within 0-1
    assert (first["Wait time"]["low"], first["Wait time"]["high"]) == pytest.approx((max(low, 0), min(high, 1)))
    # 2 March: a single response -> NPS -100 (0 is a detractor), no interval for a mean of one
    second = _row(table, "2024-03-02", "nps")
    assert second[["value", "n"]].tolist() == [-100.0, 1]
    assert np.isnan(_row(table, "2024-03-02", "ces")["low"])
    # Wait time was not answered on 4 March: no row rather than an empty one
    assert table[(table["metric"] == "Wait time") & (table["period"] == pd.Timestamp("2024-03-04"))].empty
    assert table["small_sample"].all() and (table["n"] > 0).all()
    assert table.groupby("metric")["n"].sum()["nps"] == 7  # the undated response is not counted


def test_csat_trend_honours_a_reversed_scale(dated_survey):
    """With 1 = very satisfied, the satisfied boxes are 1 and 2: on 1 March (5, 4, 3, 2) that is 1 of 4."""
    frame, _ = dated_survey
    prepared = _prepared(frame, SURVEY_ROLES | {"Overall satisfaction": ("csat", 1, 5, True)})
    first = _row(metric_trend(prepared), "2024-03-01", "csat")
    low, high = metrics.wilson(1, 4)
    assert first[["value", "low", "high"]].tolist() == pytest.approx([25.0, 100 * low, 100 * high])


def test_explicit_month_period_pools_every_dated_response(dated_survey):
    _, prepared = dated_survey
    table = metric_trend(prepared, freq="month")
    nps = table[table["metric"] == "nps"]
    assert nps["period"].tolist() == [pd.Timestamp("2024-03-01")]
    scores = pd.Series([10, 9, 6, 8, 0, 9, 10])
    promoters, detractors = (scores >= 9).mean(), (scores <= 6).mean()
    assert nps["value"].iloc[0] == pytest.approx(100 * (promoters - detractors)) and nps["n"].iloc[0] == 7


@pytest.mark.parametrize("dates, periods", [
    # under two months: days
    (["2024-01-01", "2024-01-01", "2024-02-20"], ["2024-01-01", "2024-02-20"]),
    # under a year: weeks, starting on Monday (6 March 2024 is a Wednesday)
    (["2024-03-06", "2024-03-10", "2024-03-11", "2024-08-01"], ["2024-03-04", "2024-03-11", "2024-07-29"]),
    # a year or more: months
    (["2023-01-15", "2023-01-20", "2024-02-03"], ["2023-01-01", "2024-02-01"]),
])
def test_automatic_period_length(dates, periods):
    frame = pd.DataFrame({"Submitted": dates, "Checkout": [4] * len(dates)})
    prepared = _prepared(frame, {"Submitted": ("timestamp",), "Checkout": ("touchpoint", 1, 5)})
    table = metric_trend(prepared)
    assert table["period"].tolist() == [pd.Timestamp(p) for p in periods]
    assert table["n"].sum() == len(frame)


def test_trend_needs_a_timestamp(dated_survey):
    frame, _ = dated_survey
    roles = {column: spec for column, spec in SURVEY_ROLES.items() if column != "Submitted"}
    with pytest.raises(InputError, match="timestamp"):
        metric_trend(_prepared(frame, roles))


def test_unknown_period_is_an_input_error(dated_survey):
    _, prepared = dated_survey
    with pytest.raises(InputError, match="fortnight"):
        metric_trend(prepared, freq="fortnight")


# ---- heatmap -----------------------------------------------------------------------------------

def test_heatmap_by_class_matches_groupby_means_on_the_airline_survey(shared_data, prepared_file):
    path = shared_data / AIRLINE
    prepared = prepared_file(path)
    table = segment_heatmap(prepared, "Class")
    assert table.columns.tolist() == HEATMAP_COLUMNS
    raw = pd.read_csv(path)
    touchpoints = raw.columns[7:21].tolist()  # the 14 service ratings, 0 = not applicable
    assert table["touchpoint"].drop_duplicates().tolist() == touchpoints
    sizes = raw["Class"].value_counts()
    assert table["segment"].drop_duplicates().tolist() == sizes.index.tolist()  # largest segment first
    for touchpoint in touchpoints:
        answered = raw.loc[raw[touchpoint] > 0]
        reference = answered.groupby("Class")[touchpoint].agg(["mean", "size"])
        part = table[table["touchpoint"] == touchpoint].set_index("segment")
        assert part["mean"].to_dict() == pytest.approx(reference["mean"].to_dict())
        assert part["n"].to_dict() == reference["size"].to_dict()
        assert part["score"].to_dict() == pytest.approx(((reference["mean"] - 1) / 4).to_dict())
    assert not table["small_sample"].any()


def test_heatmap_pools_small_segments_as_other_and_flips_reversed_scales():
    sizes = {f"city {i:02d}": 30 - i for i in range(25)}  # 25 cities of 30, 29, ... 6 respondents
    cities = [city for city, size in sizes.items() for _ in range(size)]
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"City": cities, "Checkout": rng.integers(1, 6, len(cities)),
                          "Wait time": rng.integers(1, 6, len(cities))})
    prepared = _prepared(frame, {"City": ("attribute",), "Checkout": ("touchpoint", 1, 5),
                                 "Wait time": ("touchpoint", 1, 5, True)})
    table = segment_heatmap(prepared, "City")
    segments = table["segment"].drop_duplicates().tolist()
    assert segments == [f"city {i:02d}" for i in range(20)] + ["Other"]
    other = frame[~frame["City"].isin(segments)]
    checkout = table[table["touchpoint"] == "Checkout"].set_index("segment")
    assert checkout.loc["Other", "n"] == len(other) == 10 + 9 + 8 + 7 + 6
    assert checkout.loc["Other", "mean"] == pytest.approx(other["Checkout"].mean())
    assert not checkout.loc["city 00", "small_sample"] and checkout.loc["city 01", "small_sample"]  # 30 vs 29
    wait = table[table["touchpoint"] == "Wait time"].set_index("segment")
    city = frame[frame["City"] == "city 03"]["Wait time"]
    assert wait.loc["city 03", "mean"] == pytest.approx(city.mean())
    assert wait.loc["city 03", "score"] == pytest.approx(1 - (city.mean() - 1) / 4)


def test_heatmap_keeps_blank_segment_values(dated_survey):
    frame, _ = dated_survey
    frame = frame.assign(Region=["N", None, "S", "S", "N", "S", None, "N"])
    table = segment_heatmap(_prepared(frame, SURVEY_ROLES), "Region")
    checkout = table[table["touchpoint"] == "Checkout"].set_index("segment")
    assert checkout.index.tolist() == ["N", "S", "(blank)"]
    assert checkout.loc["(blank)", ["mean", "n"]].tolist() == [3.5, 2]


def test_heatmap_of_an_unknown_column_is_an_input_error(dated_survey):
    _, prepared = dated_survey
    with pytest.raises(InputError, match="'Country'"):
        segment_heatmap(prepared, "Country")
