"""The summary that `python -m analysis summarize --json` prints."""
import json

import pandas as pd
import pytest

from analysis import metrics
from analysis.io import load_export
from analysis.summary import summarize


def test_airline_summary_has_touchpoints_and_satisfied_share(shared_data):
    path = shared_data / "airline_passenger_satisfaction_sample.csv"
    result = summarize(load_export(path))
    json.dumps(result)  # serialisable as is
    raw = pd.read_csv(path)
    assert (result["format"], result["rows"], result["rows_used"]) == ("generic", 5000, 5000)
    assert len(result["touchpoints"]) == 14
    wifi = next(t for t in result["touchpoints"] if t["touchpoint"] == "Inflight wifi service")
    valid = raw.loc[raw["Inflight wifi service"] > 0, "Inflight wifi service"]
    assert wifi["mean"] == pytest.approx(valid.mean(), abs=1e-4) and wifi["n"] == len(valid)
    assert wifi["top2"] == pytest.approx(100 * (valid >= 4).mean(), abs=1e-3)
    assert {t["stage"] for t in result["touchpoints"]} >= {"purchase", "experience", "service"}
    share = (raw["satisfaction"] == "satisfied").mean() * 100
    assert result["metrics"]["satisfied"]["value"] == pytest.approx(share, abs=1e-3)


def test_csat_from_clothing_ratings(shared_data):
    path = shared_data / "womens_clothing_reviews_sample.csv"
    result = summarize(load_export(path))
    ratings = pd.read_csv(path)["Rating"]
    expected = metrics.csat(ratings, 1, 5)
    assert result["metrics"]["csat"]["value"] == pytest.approx(expected.value, abs=1e-3)
    assert result["metrics"]["csat"]["n"] == 3000
    assert result["columns"]["Review Text"] == "text"


def test_metrics_and_touchpoints_are_always_listed(shared_data):
    result = summarize(load_export(shared_data / "survey_exports" / "google_forms_cs50_favorite_tv_shows.csv"))
    assert (result["kind"], result["metrics"], result["touchpoints"]) == ("survey", {}, [])
    assert "drivers" not in result  # no outcome to explain


def test_nps_from_a_hand_made_survey(tmp_path):
    path = tmp_path / "nps.csv"
    rows = ["id,Likelihood to recommend"] + [f"{i},{s}" for i, s in enumerate([10, 10, 9, 8, 7, 6, 3, 0, 10, 9])]
    path.write_text("\n".join(rows), encoding="utf-8")
    result = summarize(load_export(path))
    assert result["columns"]["Likelihood to recommend"] == "nps"
    assert result["metrics"]["nps"]["value"] == pytest.approx(100 * (5 - 3) / 10)
    assert result["metrics"]["nps"]["small_sample"] is True


def test_conversion_rate_from_a_yes_no_behaviour_column(shared_data):
    path = shared_data / "online_shoppers_intention_sample.csv"
    result = summarize(load_export(path))
    revenue = pd.read_csv(path)["Revenue"]
    conversion = result["metrics"]["conversion"]
    assert conversion["value"] == pytest.approx(100 * revenue.mean())
    assert conversion["n"] == len(revenue) and conversion["converted"] == int(revenue.sum())
    low, high = metrics.wilson(int(revenue.sum()), len(revenue))
    assert (conversion["low"], conversion["high"]) == pytest.approx((100 * low, 100 * high), abs=1e-3)


def test_transaction_export_gets_customer_value_net_of_returns(shared_data):
    path = shared_data / "online_retail_200_customers.csv"
    result = summarize(load_export(path))
    assert result["kind"] == "transactions"
    raw = pd.read_csv(path, dtype={"InvoiceNo": str})
    # independent reading: exact duplicate lines and price-0 lines out, C invoices are returns
    kept = raw[~raw.duplicated() & (raw["UnitPrice"] > 0)]
    line = kept["Quantity"] * kept["UnitPrice"]
    returned = kept["InvoiceNo"].str.startswith("C")
    gross = line[~returned].groupby(kept["CustomerID"]).sum()
    returns = (-line[returned]).groupby(kept["CustomerID"]).sum().reindex(gross.index, fill_value=0.0)
    value = result["customer_value"]
    assert value["customers"] == len(gross) == 198
    assert value["customers_set_aside"] == {"returns_only": kept["CustomerID"].nunique() - len(gross)}
    assert value["gross_revenue"] == pytest.approx(gross.sum(), abs=1e-3)
    assert value["returns"] == pytest.approx(returns.sum(), abs=1e-3)
    assert value["revenue"] == pytest.approx((gross - returns).clip(lower=0).sum(), abs=1e-3)
    assert value["revenue_floored"] == int((returns > gross).sum()) == 1
    assert value["lines_set_aside"] == {"duplicate_line": int((raw.duplicated() & (raw["UnitPrice"] > 0)).sum()),
                                        "non_positive_price": int((raw["UnitPrice"] <= 0).sum())}
    assert value["lines_set_aside"]["duplicate_line"] == 205
    assert value["lifespan_floor_applied"] is True and value["lifespan_years"] == 1.0
    assert value["notes"][0]["code"] == "clv.lifespan_floor"
    assert value["clv"]["low"] < value["clv"]["value"] < value["clv"]["high"]


def test_drivers_are_listed_when_an_outcome_exists(shared_data):
    result = summarize(load_export(shared_data / "airline_passenger_satisfaction_sample.csv"))
    drivers = result["drivers"]
    assert len(drivers) == 14 and drivers[0]["touchpoint"] == "Online boarding"
    assert drivers == sorted(drivers, key=lambda d: -d["importance"])
    assert all(0 <= d["p_value"] <= 1 for d in drivers)
    assert "drivers" not in summarize(load_export(shared_data / "womens_clothing_reviews_sample.csv"))


def test_reversed_csat_counts_the_lowest_boxes_as_satisfied():
    export = load_export(b"id,Satisfaction (1 = very satisfied)\n1,1\n2,1\n3,2\n4,5\n5,3\n6,1\n", "reversed.csv")
    mapping = pd.DataFrame([{"column": "id", "role": "respondent_id"},
                            {"column": "Satisfaction (1 = very satisfied)", "role": "csat", "scale_min": 1.0,
                             "scale_max": 5.0, "reverse": True}])
    csat = summarize(export, mapping)["metrics"]["csat"]
    assert csat["value"] == pytest.approx(100 * 4 / 6, abs=1e-3) and csat["higher_is_better"] is False


def test_driver_p_values_are_never_zero_and_read_as_text(shared_data):
    result = summarize(load_export(shared_data / "airline_passenger_satisfaction_sample.csv"))
    first = result["drivers"][0]
    assert first["touchpoint"] == "Online boarding" and first["direction"] == "positive"
    assert 0 < first["p_value"] < 1e-100 and first["p_text"] == "p < 0.001"
    assert {d["direction"] for d in result["drivers"]} == {"positive", "negative"}


def test_blanks_that_are_answers_are_listed_apart_from_problems(tmp_path):
    path = tmp_path / "comments.csv"
    path.write_text("id,Rating,Comments\n1,5,Lovely\n2,4,\n3,,\n4,2,Too slow at the desk\n", encoding="utf-8")
    result = summarize(load_export(path))
    json.dumps(result)
    assert result["unanswered"] == [{"column": "Comments", "count": 2}]
    assert [(v["column"], v["problem"], v["count"]) for v in result["validation"]] == [("Rating", "blank", 1)]
