"""Transactions: column guessing, cleaning with reasons, per-customer value net of returns and historic CLV."""
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis import metrics
from analysis.errors import InputError
from analysis.io import load_export
from analysis.messages import text
from analysis.transactions import (TransactionColumns, clean_transactions, clv_summary, customer_value,
                                   default_lifespan, guess_transaction_columns, purchase_segments)

RETAIL = "online_retail_200_customers.csv"


@pytest.fixture(scope="module")
def retail(shared_data):
    """The export as the app loads it, and an independent pandas reading of the same file."""
    export = load_export(shared_data / RETAIL)
    raw = pd.read_csv(shared_data / RETAIL, dtype={"InvoiceNo": str}, parse_dates=["InvoiceDate"])
    return export.frame, raw


@pytest.fixture(scope="module")
def retail_value(retail):
    frame, _ = retail
    cols = guess_transaction_columns(frame)
    clean, excluded = clean_transactions(frame, cols)
    values, set_aside = customer_value(clean, cols)
    return cols, clean, excluded, values, set_aside


def _hand_clean(raw: pd.DataFrame) -> pd.DataFrame:
    """Reference cleaning: drop exact duplicate lines and non-positive prices; C invoices are returns."""
    kept = raw[~raw.duplicated() & (raw["UnitPrice"] > 0)].copy()
    kept["returned"] = kept["InvoiceNo"].str.startswith("C") | (kept["Quantity"] < 0)
    kept["revenue"] = kept["Quantity"] * kept["UnitPrice"]  # negative for the returns
    return kept


def _hand_customers(kept: pd.DataFrame) -> pd.DataFrame:
    """Reference per-customer figures: gross sales, returns, net revenue floored at 0, sales invoices, dates."""
    sales, returns = kept[~kept["returned"]], kept[kept["returned"]]
    table = pd.DataFrame({
        "gross": sales.groupby("CustomerID")["revenue"].sum(),
        "returns": -returns.groupby("CustomerID")["revenue"].sum(),
        "orders": sales.groupby("CustomerID")["InvoiceNo"].nunique(),
        "first": sales.groupby("CustomerID")["InvoiceDate"].min(),
        "last": sales.groupby("CustomerID")["InvoiceDate"].max(),
    })
    table[["gross", "returns", "orders"]] = table[["gross", "returns", "orders"]].fillna(0)
    table["net"] = np.maximum(table["gross"] - table["returns"], 0)
    return table


# ---- column guessing -------------------------------------------------------------------------

def test_guesses_the_online_retail_columns(retail):
    frame, _ = retail
    assert guess_transaction_columns(frame) == TransactionColumns(
        customer="CustomerID", invoice="InvoiceNo", date="InvoiceDate", quantity="Quantity", price="UnitPrice")


def test_guesses_chinese_headers_with_quantity_and_price():
    frame = pd.DataFrame(columns=["订单编号", "客户编号", "下单日期", "商品名称", "数量", "单价"])
    assert guess_transaction_columns(frame) == TransactionColumns(
        customer="客户编号", invoice="订单编号", date="下单日期", quantity="数量", price="单价")


def test_guesses_an_order_level_export_with_an_amount():
    frame = pd.DataFrame(columns=["客户ID", "订单号", "订单日期", "订单金额"])
    cols = guess_transaction_columns(frame)
    assert (cols.customer, cols.invoice, cols.date, cols.amount) == ("客户ID", "订单号", "订单日期", "订单金额")
    assert cols.quantity is None and cols.price is None


def test_prefers_the_id_column_when_several_headers_name_the_customer():
    frame = pd.DataFrame(columns=["Customer Name", "Customer ID", "Order ID", "Order Date", "Qty", "Unit Price"])
    cols = guess_transaction_columns(frame)
    assert (cols.customer, cols.invoice, cols.date, cols.quantity, cols.price) == (
        "Customer ID", "Order ID", "Order Date", "Qty", "Unit Price")


def test_a_text_column_is_not_taken_for_the_amount():
    frame = pd.DataFrame({"Sales channel": ["web", "shop"], "Customer": ["a", "b"], "Order": ["1", "2"],
                          "Date": ["2023-01-01", "2023-01-02"], "Amount": ["12.50", "1,200"]})
    assert guess_transaction_columns(frame).amount == "Amount"


def test_missing_customer_column_is_one_sentence_naming_it():
    frame = pd.DataFrame(columns=["InvoiceNo", "InvoiceDate", "Quantity", "UnitPrice"])
    with pytest.raises(InputError, match="customer") as caught:
        guess_transaction_columns(frame)
    message = str(caught.value)
    assert message.count(". ") == 0 and message.endswith(".") and "InvoiceNo" in message


def test_missing_price_without_amount_is_an_input_error():
    frame = pd.DataFrame(columns=["CustomerID", "InvoiceNo", "InvoiceDate", "Quantity"])
    with pytest.raises(InputError, match="unit price"):
        guess_transaction_columns(frame)


# ---- cleaning --------------------------------------------------------------------------------

def test_cleaning_the_real_export_matches_a_pandas_reference(retail, retail_value):
    frame, raw = retail
    _, clean, excluded, _, _ = retail_value
    reference = _hand_clean(raw)
    duplicate, bad_price = raw.duplicated(), raw["UnitPrice"] <= 0
    assert len(clean) == len(reference)
    assert len(clean) + len(excluded) == len(raw)
    counts = excluded["reason"].value_counts().to_dict()
    # a copy of a price-0 line is set aside for its price, like the line it copies
    assert counts == {"duplicate_line": int((duplicate & ~bad_price).sum()), "non_positive_price": int(bad_price.sum())}
    assert counts == {"duplicate_line": 205, "non_positive_price": 2}
    # returns are kept, with negative revenue: 361 cancellation lines, 2 of them exact duplicates
    assert clean["is_return"].tolist() == reference["returned"].tolist()
    assert clean["is_return"].sum() == 359
    assert (clean.loc[clean["is_return"], "line_revenue"] < 0).all()
    assert clean["line_revenue"].sum() == pytest.approx(reference["revenue"].sum())
    # a duplicate points at its spreadsheet row, shows its invoice, and repeats an earlier row exactly
    first = excluded[excluded["reason"] == "duplicate_line"].iloc[0]
    assert frame.at[first["row"], "InvoiceNo"] == first["value"]
    earlier = frame.loc[:first["row"] - 1]
    assert (earlier == frame.loc[first["row"]]).all(axis=1).any()


def test_cleaning_never_alters_the_input(retail):
    frame, _ = retail
    before = frame.copy()
    clean_transactions(frame, guess_transaction_columns(frame))
    pd.testing.assert_frame_equal(frame, before)


def test_each_excluded_line_gets_the_first_reason_that_applies():
    frame = pd.DataFrame({
        "CustomerID": [1.0, None, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 1.0, 6.0],
        "InvoiceNo": ["A1", "A2", "A3", "A4", "C5", "A6", "A7", "A8", "A1", "A7"],
        "InvoiceDate": ["2023-01-01", "2023-01-01", "not a date", "2023-01-01", "2023-01-01",
                        "2023-01-01", "2023-01-01", "2023-01-01", "2023-01-01", "2023-01-01"],
        "Quantity": ["2", "1", "1", "lots", "-1", "-3", "1", "0", "2", "1"],
        "UnitPrice": ["1,000", "1", "1", "1", "1", "1", "0", "2", "1,000", "0"],
    }, index=pd.RangeIndex(2, 12, name="row"))
    cols = TransactionColumns("CustomerID", "InvoiceNo", "InvoiceDate", "Quantity", "UnitPrice")
    clean, excluded = clean_transactions(frame, cols)
    # a C invoice and a negative quantity are returns, kept with negative revenue
    assert clean.index.tolist() == [2, 6, 7]
    assert clean["line_revenue"].tolist() == [2000.0, -1.0, -3.0]
    assert clean["is_return"].tolist() == [False, True, True] and clean.loc[2, "CustomerID"] == 1
    # row 10 repeats row 2 (kept): a duplicate; row 11 repeats row 8 (price 0): set aside for its price
    assert excluded.set_index("row")["reason"].to_dict() == {
        3: "missing_customer", 4: "bad_date", 5: "bad_number", 8: "non_positive_price", 9: "zero_quantity",
        10: "duplicate_line", 11: "non_positive_price"}
    assert excluded.set_index("row").loc[5, ["column", "value"]].tolist() == ["Quantity", "lots"]
    assert excluded.set_index("row").loc[10, ["column", "value"]].tolist() == ["InvoiceNo", "A1"]


def test_amount_column_is_the_revenue_and_refunds_are_returns():
    frame = pd.DataFrame({"客户ID": ["a", "a", "b", "b"], "订单号": ["1", "2", "3", "C4"],
                          "订单日期": ["2023-01-01", "2023-02-01", "2023-03-01", "2023-03-02"],
                          "订单金额": [100.0, -100.0, 40.0, 15.0]})
    cols = guess_transaction_columns(frame)
    clean, excluded = clean_transactions(frame, cols)
    # a negative amount and a C invoice (even with a positive amount) are returns
    assert clean["line_revenue"].tolist() == [100.0, -100.0, 40.0, -15.0]
    assert clean["is_return"].tolist() == [False, True, False, True] and excluded.empty
    values, set_aside = customer_value(clean, cols)
    table = values.set_index("customer")
    # returns equal to sales net to 0 without being floored
    assert table.loc["a", ["orders", "gross_revenue", "returns", "revenue", "revenue_floored"]].tolist() == [
        1, 100.0, 100.0, 0.0, False]
    assert table.loc["b", ["orders", "revenue", "aov"]].tolist() == [1, 25.0, 25.0] and set_aside.empty


# ---- per-customer value ----------------------------------------------------------------------

def test_customer_table_on_the_real_export_matches_a_pandas_reference(retail, retail_value):
    _, raw = retail
    _, _, _, values, set_aside = retail_value
    kept = _hand_clean(raw)
    reference = _hand_customers(kept)
    assert raw["CustomerID"].nunique() == len(reference) == 200
    # two customers only returned goods (bought before the export began): set aside, not valued at 0
    returns_only = reference[reference["orders"] == 0]
    assert sorted(returns_only.index) == [12503, 16995]
    assert set_aside.set_index("customer")["returns"].to_dict() == pytest.approx(returns_only["returns"].to_dict())
    assert (set_aside["reason"] == "returns_only").all()
    valued = reference[reference["orders"] > 0]
    assert len(values) == len(valued) == 198
    table = values.set_index("customer").loc[valued.index]
    np.testing.assert_allclose(table["gross_revenue"], valued["gross"])
    np.testing.assert_allclose(table["returns"], valued["returns"])
    np.testing.assert_allclose(table["revenue"], valued["net"])
    assert table["orders"].tolist() == valued["orders"].astype(int).tolist()
    np.testing.assert_allclose(table["aov"], valued["net"] / valued["orders"])
    assert table["first_purchase"].tolist() == valued["first"].tolist()
    assert table["last_purchase"].tolist() == valued["last"].tolist()
    recency = (kept["InvoiceDate"].max() - valued["last"]).dt.total_seconds() / 86400
    np.testing.assert_allclose(table["recency_days"], recency)
    # 17603 returned 1,560.02 against 394.72 of purchases: net revenue and CLV floored at 0
    assert table["revenue_floored"].sum() == 1 and table.loc[17603, "revenue_floored"]
    assert (table.loc[17603, "gross_revenue"], table.loc[17603, "returns"]) == pytest.approx((394.72, 1560.02))
    assert table.loc[17603, "revenue"] == 0 and table.loc[17603, "clv"] == 0
    # 12536 has 12 cancelled lines: netted, not dropped
    assert table.loc[12536, "returns"] > 0 and table.loc[12536, "revenue"] == pytest.approx(
        table.loc[12536, "gross_revenue"] - table.loc[12536, "returns"])
    assert table.loc[12418, "segment"] == "one-time"
    assert values["gross_revenue"].sum() == pytest.approx(423223.67)
    assert values["revenue"].sum() == pytest.approx(valued["net"].sum()) == pytest.approx(404914.47)


def test_real_export_segments_and_default_lifespan(retail_value):
    _, _, _, values, _ = retail_value
    orders = values["orders"]
    assert (values.loc[orders == 1, "segment"] == "one-time").all()
    repeat = orders[orders >= 2]
    frequent = values["segment"] == "frequent"
    assert (orders[frequent] > repeat.quantile(2 / 3)).all()
    assert 0.25 <= frequent.sum() / len(repeat) <= 0.4  # about a tercile of the repeat buyers
    # one year of data: mean tenure is under a year, so the lifespan is raised to the 1-year floor
    assert values["tenure_days"].mean() < 365.25
    assert (values["lifespan_years"] == 1.0).all() and values["lifespan_floored"].all()
    assert values["frequency_floored"].tolist() == (values["tenure_days"] < 365.25).tolist()


@pytest.fixture
def shop():
    """Hand-made lines. A: 4 orders of 50 within one year (one order has two lines) and a return
    of 30; B: one order of 80; C: 6 orders of 100 over exactly two years."""
    rows = [
        ("A", "1", "2023-01-01 00:00", 2, 10.0), ("A", "1", "2023-01-01 00:00", 1, 30.0),
        ("A", "C1", "2023-01-02 00:00", -1, 30.0),
        ("A", "2", "2023-04-01 00:00", 5, 10.0), ("A", "3", "2023-07-01 00:00", 1, 50.0),
        ("A", "4", "2023-12-31 00:00", 10, 5.0),
        ("B", "5", "2023-06-01 00:00", 4, 20.0),
    ]
    c_days = ["2021-01-01 00:00", "2021-06-01 00:00", "2021-12-01 00:00", "2022-05-01 00:00",
              "2022-10-01 00:00", "2023-01-01 12:00"]
    rows += [("C", f"9{i}", day, 1, 100.0) for i, day in enumerate(c_days)]
    frame = pd.DataFrame(rows, columns=["customer", "invoice", "date", "qty", "price"])
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    return frame, TransactionColumns("customer", "invoice", "date", "qty", "price")


def _values(frame: pd.DataFrame, cols: TransactionColumns, **options) -> pd.DataFrame:
    clean, _ = clean_transactions(frame, cols)
    values, _ = customer_value(clean, cols, **options)
    return values


def test_hand_made_clv_with_known_values(shop):
    frame, cols = shop
    values = _values(frame, cols, lifespan_years=3).set_index("customer")
    a = values.loc["A"]
    assert (a["orders"], a["gross_revenue"], a["returns"], a["revenue"], a["aov"]) == (4, 200.0, 30.0, 170.0, 42.5)
    assert a["frequency"] == pytest.approx(4.0) and a["frequency_floored"]  # 364 days of tenure count as one year
    assert a["clv"] == pytest.approx(510.0)             # 170 / 4 orders x 4/yr x 3 yr
    assert a["segment"] == "occasional" and a["recency_days"] == 0
    b = values.loc["B"]
    assert (b["frequency"], b["clv"], b["segment"], b["tenure_days"]) == (1.0, 240.0, "one-time", 0.0)
    assert b["recency_days"] == pytest.approx(213.0)  # 2023-06-01 -> 2023-12-31
    c = values.loc["C"]
    assert c["tenure_days"] == pytest.approx(730.5)
    assert c["frequency"] == pytest.approx(3.0) and not c["frequency_floored"]  # 6 orders / 2 years
    assert c["clv"] == pytest.approx(100 * 3.0 * 3)
    assert c["segment"] == "frequent"
    assert values.index.tolist() == ["C", "A", "B"]     # largest CLV first
    assert not values["lifespan_floored"].any()           # the lifespan was given


def test_hand_made_shop_has_nothing_to_set_aside(shop):
    frame, cols = shop
    clean, excluded = clean_transactions(frame, cols)
    assert excluded.empty and clean["is_return"].sum() == 1
    assert customer_value(clean, cols)[1].empty


def test_returns_beyond_sales_are_floored_and_returns_only_customers_set_aside(shop):
    frame, cols = shop
    more = pd.DataFrame([("D", "6", "2023-03-01 00:00", 1, 50.0),     # D buys 50 in the export...
                         ("D", "C6", "2023-03-05 00:00", -3, 50.0),   # ...and returns 150
                         ("E", "C7", "2023-02-01 00:00", -2, 20.0)],  # E only returns 40
                        columns=frame.columns, index=pd.RangeIndex(15, 18, name="row"))
    clean, excluded = clean_transactions(pd.concat([frame, more]), cols)
    values, set_aside = customer_value(clean, cols, lifespan_years=3)
    assert excluded.empty
    assert set_aside.to_dict("records") == [{"customer": "E", "reason": "returns_only", "returns": 40.0}]
    d = values.set_index("customer").loc["D"]
    assert (d["gross_revenue"], d["returns"], d["revenue"], d["revenue_floored"], d["clv"]) == (
        50.0, 150.0, 0.0, True, 0.0)
    assert values["revenue_floored"].sum() == 1
    summary = clv_summary(values, set_aside)
    assert summary["customers"] == 4 and summary["customers_set_aside"] == {"returns_only": 1}
    assert (summary["gross_revenue"], summary["returns"], summary["revenue"]) == (930.0, 180.0, 850.0)
    assert (summary["revenue_floored"], summary["returns_beyond_sales"]) == (1, 100.0)
    assert summary["revenue"] == summary["gross_revenue"] - summary["returns"] + summary["returns_beyond_sales"]
    assert summary["clv"]["value"] == pytest.approx(np.mean([510.0, 240.0, 900.0, 0.0]), abs=1e-4)
    note = next(n for n in summary["notes"] if n["code"] == "clv.revenue_floor")
    assert note["params"] == {"count": 1, "customers": 4, "amount": "100.00"}
    assert "1 of 4 customers" in text(note["code"], "en", **note["params"])


def test_margin_and_default_lifespan(shop):
    frame, cols = shop
    values = _values(frame, cols, lifespan_years=3, margin=0.5).set_index("customer")
    assert values.loc["A", "clv"] == pytest.approx(255.0)
    # default: mean tenure (364 + 0 + 730.5 days) / 3 is under a year, so the 1-year floor is used
    default = _values(frame, cols).set_index("customer")
    assert (default["lifespan_years"] == 1.0).all() and default["lifespan_floored"].all()
    assert default.loc["A", "clv"] == pytest.approx(170.0)
    # two customers who each stayed exactly two years: the default lifespan is 2 years
    assert default_lifespan(pd.Series([730.5, 730.5])) == pytest.approx(2.0)


def test_long_tenures_need_no_lifespan_floor(shop):
    frame, cols = shop
    only_c = frame[frame["customer"] == "C"]
    values = _values(only_c, cols)
    assert values["lifespan_years"].tolist() == [pytest.approx(2.0)] and not values["lifespan_floored"].any()
    summary = clv_summary(values)
    assert summary["lifespan_floor_applied"] is False and summary["frequency_floored"] == 0
    assert summary["notes"] == []


def test_recency_can_be_measured_from_a_given_date(shop):
    frame, cols = shop
    values = _values(frame, cols, as_of="2024-01-30").set_index("customer")
    assert values.loc["A", "recency_days"] == pytest.approx(30.0)


@pytest.mark.parametrize("arguments", [{"margin": 0}, {"margin": 1.5}, {"lifespan_years": -1},
                                       {"lifespan_years": 0}])
def test_out_of_range_parameters_are_input_errors(shop, arguments):
    frame, cols = shop
    with pytest.raises(InputError):
        _values(frame, cols, **arguments)


def test_segments_use_the_top_tercile_of_repeat_buyers():
    orders = pd.Series([1, 2, 2, 3, 5, 8])
    # repeat buyers 2, 2, 3, 5, 8: 2/3 quantile = 3 + (2.667 - 2) x (5 - 3) = 4.33
    assert purchase_segments(orders).tolist() == ["one-time", "occasional", "occasional", "occasional",
                                                  "frequent", "frequent"]
    # all repeat buyers tied: none is above the others, so none is frequent
    assert purchase_segments(pd.Series([1, 2, 2, 2])).tolist() == ["one-time"] + ["occasional"] * 3


# ---- summary ---------------------------------------------------------------------------------

def test_clv_summary_of_the_hand_made_shop(shop):
    frame, cols = shop
    summary = clv_summary(_values(frame, cols, lifespan_years=3))
    mean, low, high = metrics.mean_interval_bca([510.0, 240.0, 900.0])  # the one CLV interval (tested in test_metrics)
    assert summary["clv"]["value"] == pytest.approx(mean, abs=1e-4) == pytest.approx(550.0)
    assert 240.0 <= low < mean < high <= 900.0  # a bootstrap mean never leaves the values' range
    assert (summary["clv"]["low"], summary["clv"]["high"]) == (pytest.approx(low, abs=1e-4),
                                                               pytest.approx(high, abs=1e-4))
    assert summary["clv"]["n"] == summary["customers"] == 3 and summary["clv"]["small_sample"] is True
    assert summary["aov"] == pytest.approx((170 + 80 + 600) / (4 + 1 + 6))
    assert summary["frequency"] == pytest.approx((4 + 1 + 3) / 3, abs=1e-4)  # figures rounded to 4 places
    assert (summary["lifespan_years"], summary["margin"], summary["revenue"]) == (3.0, 1.0, 850.0)
    assert (summary["gross_revenue"], summary["returns"], summary["revenue_floored"]) == (880.0, 30.0, 0)
    assert summary["customers_set_aside"] == {}
    assert summary["segments"] == pytest.approx({"one-time": 100 / 3, "occasional": 100 / 3, "frequent": 100 / 3},
                                                abs=1e-3)
    # the lifespan was given, so no lifespan floor; A and B bought over less than a year
    assert summary["lifespan_floor_applied"] is False and summary["frequency_floored"] == 2
    assert summary["notes"] == [{"code": "clv.frequency_floor", "params": {"count": 2, "customers": 3}}]


def test_clv_summary_says_when_the_lifespan_floor_applied(shop):
    frame, cols = shop
    summary = clv_summary(_values(frame, cols))
    tenure_days = np.mean([364.0, 0.0, 730.5])  # A, B, C by hand
    assert summary["lifespan_floor_applied"] is True and summary["lifespan_years"] == 1.0
    assert summary["mean_tenure_days"] == pytest.approx(tenure_days, abs=1e-4)
    # purchases from 2021-01-01 (C) to 2023-12-31 (A)
    span = (pd.Timestamp("2023-12-31") - pd.Timestamp("2021-01-01")).days
    assert summary["purchase_span_days"] == span == 1094
    note = summary["notes"][0]
    assert note == {"code": "clv.lifespan_floor", "params": {"days": 1094, "tenure": round(tenure_days)}}
    assert "at least one year" in text(note["code"], "en", **note["params"]) and "1094" in text(
        note["code"], "zh", **note["params"])


def test_clv_summary_of_the_real_export(retail, retail_value):
    _, raw = retail
    _, _, _, values, set_aside = retail_value
    summary = clv_summary(values, set_aside)
    # CLV by hand: net revenue per year of (floored) tenure x 1-year lifespan, then scipy's BCa bootstrap
    valued = _hand_customers(_hand_clean(raw)).query("orders > 0")
    tenure = (valued["last"] - valued["first"]).dt.total_seconds() / 86400
    clv = valued["net"] / (np.maximum(tenure, 365.25) / 365.25)
    assert summary["customers"] == 198 and summary["clv"]["small_sample"] is False
    assert summary["clv"]["value"] == pytest.approx(clv.mean(), abs=1e-3) == pytest.approx(2037.622, abs=1e-3)
    bca = stats.bootstrap((clv.to_numpy(),), np.mean, method="BCa", n_resamples=20_000,
                          random_state=1).confidence_interval
    # the upper bound is the 99.6% percentile of the resampled means: its Monte-Carlo SD is about 1.5% of the
    # width with our 5,000 resamples and 1% with scipy's 20,000, so the two agree within 5%
    width = bca.high - bca.low
    assert abs(summary["clv"]["low"] - bca.low) < 0.05 * width and abs(summary["clv"]["high"] - bca.high) < 0.05 * width
    assert summary["clv"]["high"] - clv.mean() > 1.5 * (clv.mean() - summary["clv"]["low"])  # longer on the high side
    # average order value = total net revenue / total orders (not the mean of the customers' own)
    assert summary["aov"] == pytest.approx(valued["net"].sum() / valued["orders"].sum(), abs=1e-4)
    assert round(summary["aov"], 2) == 463.82 != round((valued["net"] / valued["orders"]).mean(), 2)
    assert summary["customers_set_aside"] == {"returns_only": 2}
    assert summary["revenue"] == pytest.approx(valued["net"].sum(), abs=1e-3)
    assert summary["gross_revenue"] == pytest.approx(valued["gross"].sum(), abs=1e-3)
    assert summary["returns"] == pytest.approx(valued["returns"].sum(), abs=1e-3)
    assert (summary["revenue_floored"], summary["returns_beyond_sales"]) == (1, pytest.approx(1560.02 - 394.72))
    assert summary["lifespan_floor_applied"] is True
    assert summary["mean_tenure_days"] == pytest.approx(tenure.mean(), abs=1e-3)
    assert summary["frequency_floored"] == int((tenure < 365.25).sum())
    assert [note["code"] for note in summary["notes"]] == ["clv.lifespan_floor", "clv.frequency_floor",
                                                           "clv.revenue_floor", "clv.interval_skewed"]
    # 198 customers whose values are very skewed: the interval is said to be too narrow (scipy's skewness)
    assert summary["notes"][-1]["params"] == {"customers": 198,
                                              "skewness": f"{stats.skew(values['clv'], bias=False):.1f}"}
    assert stats.skew(values["clv"], bias=False) > 2
    assert sum(summary["segments"].values()) == pytest.approx(100.0, abs=1e-3)
    assert summary["segments"]["one-time"] == pytest.approx(100 * (values["orders"] == 1).mean(), abs=1e-3)


def test_clv_summary_of_no_customers(shop):
    frame, cols = shop
    summary = clv_summary(_values(frame, cols).iloc[0:0])
    assert summary["customers"] == 0 and summary["clv"]["value"] is None and summary["aov"] is None
    assert summary["lifespan_floor_applied"] is None and summary["notes"] == []
