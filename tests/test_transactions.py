"""Transactions: column guessing, cleaning with reasons, per-customer value and historic CLV."""
import pandas as pd
import pytest

from analysis import metrics
from analysis.errors import InputError
from analysis.io import load_export
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
    return cols, clean, excluded, customer_value(clean, cols)


def _hand_clean(raw: pd.DataFrame) -> pd.DataFrame:
    """Reference cleaning: drop C invoices, negative quantities and non-positive prices."""
    cancelled = raw["InvoiceNo"].str.startswith("C") | (raw["Quantity"] < 0)
    kept = raw[~cancelled & (raw["UnitPrice"] > 0)].copy()
    kept["revenue"] = kept["Quantity"] * kept["UnitPrice"]
    return kept


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
    _, clean, excluded, _ = retail_value
    reference = _hand_clean(raw)
    cancelled = raw["InvoiceNo"].str.startswith("C") | (raw["Quantity"] < 0)
    assert len(clean) == len(reference)
    assert len(clean) + len(excluded) == len(raw)
    counts = excluded["reason"].value_counts().to_dict()
    assert counts == {"cancellation": int(cancelled.sum()),
                      "non_positive_price": int((~cancelled & (raw["UnitPrice"] <= 0)).sum())}
    assert counts["cancellation"] == 361
    assert clean["line_revenue"].sum() == pytest.approx(reference["revenue"].sum())
    # rows point at spreadsheet rows: the first cancellation's InvoiceNo is shown as its value
    first = excluded[excluded["reason"] == "cancellation"].iloc[0]
    assert frame.at[first["row"], "InvoiceNo"] == first["value"] and first["value"].startswith("C")


def test_cleaning_never_alters_the_input(retail):
    frame, _ = retail
    before = frame.copy()
    clean_transactions(frame, guess_transaction_columns(frame))
    pd.testing.assert_frame_equal(frame, before)


def test_each_excluded_line_gets_the_first_reason_that_applies():
    frame = pd.DataFrame({
        "CustomerID": [1.0, None, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
        "InvoiceNo": ["A1", "A2", "A3", "A4", "C5", "A6", "A7", "A8"],
        "InvoiceDate": ["2023-01-01", "2023-01-01", "not a date", "2023-01-01", "2023-01-01",
                        "2023-01-01", "2023-01-01", "2023-01-01"],
        "Quantity": ["2", "1", "1", "lots", "-1", "-3", "1", "0"],
        "UnitPrice": ["1,000", "1", "1", "1", "1", "1", "0", "2"],
    }, index=pd.RangeIndex(2, 10, name="row"))
    cols = TransactionColumns("CustomerID", "InvoiceNo", "InvoiceDate", "Quantity", "UnitPrice")
    clean, excluded = clean_transactions(frame, cols)
    assert clean.index.tolist() == [2]
    assert clean.loc[2, "line_revenue"] == 2000.0 and clean.loc[2, "CustomerID"] == 1
    assert excluded.set_index("row")["reason"].to_dict() == {
        3: "missing_customer", 4: "bad_date", 5: "bad_number", 6: "cancellation", 7: "cancellation",
        8: "non_positive_price", 9: "zero_quantity"}
    assert excluded.set_index("row").loc[5, ["column", "value"]].tolist() == ["Quantity", "lots"]


def test_amount_column_is_the_revenue_and_refunds_are_cancellations():
    frame = pd.DataFrame({"客户ID": ["a", "a", "b"], "订单号": ["1", "2", "3"],
                          "订单日期": ["2023-01-01", "2023-02-01", "2023-03-01"], "订单金额": [100.0, -100.0, 40.0]})
    cols = guess_transaction_columns(frame)
    clean, excluded = clean_transactions(frame, cols)
    assert clean["line_revenue"].tolist() == [100.0, 40.0]
    assert excluded["reason"].tolist() == ["cancellation"]


# ---- per-customer value ----------------------------------------------------------------------

def test_customer_table_on_the_real_export_matches_a_pandas_reference(retail, retail_value):
    _, raw = retail
    _, _, _, values = retail_value
    reference = _hand_clean(raw)
    # two of the 200 customers have nothing but cancellations and so no value
    assert raw["CustomerID"].nunique() == 200
    assert len(values) == reference["CustomerID"].nunique() == 198
    assert not values["customer"].isin([12503, 16995]).any()
    table = values.set_index("customer")
    # 12536 has 12 cancelled lines, 14410 a line at price 0, 12418 a single invoice
    for customer in (12536, 14410, 12418):
        lines = reference[reference["CustomerID"] == customer]
        row = table.loc[customer]
        assert row["revenue"] == pytest.approx(lines["revenue"].sum())
        assert row["orders"] == lines["InvoiceNo"].nunique()
        assert row["aov"] == pytest.approx(lines["revenue"].sum() / lines["InvoiceNo"].nunique())
        assert row["first_purchase"] == lines["InvoiceDate"].min()
        assert row["last_purchase"] == lines["InvoiceDate"].max()
        recency = (reference["InvoiceDate"].max() - lines["InvoiceDate"].max()).total_seconds() / 86400
        assert row["recency_days"] == pytest.approx(recency)
    assert table.loc[12418, "segment"] == "one-time"
    assert values["revenue"].sum() == pytest.approx(reference["revenue"].sum())


def test_real_export_segments_and_default_lifespan(retail_value):
    _, _, _, values = retail_value
    orders = values["orders"]
    assert (values.loc[orders == 1, "segment"] == "one-time").all()
    repeat = orders[orders >= 2]
    frequent = values["segment"] == "frequent"
    assert (orders[frequent] > repeat.quantile(2 / 3)).all()
    assert 0.25 <= frequent.sum() / len(repeat) <= 0.4  # about a tercile of the repeat buyers
    # one year of data: mean tenure is under a year, so the lifespan defaults to 1 year
    assert values["tenure_days"].mean() < 365.25
    assert (values["lifespan_years"] == 1.0).all()


@pytest.fixture
def shop():
    """Hand-made lines. A: 4 orders of 50 within one year (one order has two lines, one a
    cancelled line); B: one order of 80; C: 6 orders of 100 over exactly two years."""
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


def test_hand_made_clv_with_known_values(shop):
    frame, cols = shop
    clean, _ = clean_transactions(frame, cols)
    values = customer_value(clean, cols, lifespan_years=3).set_index("customer")
    a = values.loc["A"]
    assert (a["orders"], a["revenue"], a["aov"]) == (4, 200.0, 50.0)
    assert a["frequency"] == pytest.approx(4.0)       # 364 days of tenure counts as one year
    assert a["clv"] == pytest.approx(600.0)             # 50 x 4/yr x 3 yr
    assert a["segment"] == "occasional" and a["recency_days"] == 0
    b = values.loc["B"]
    assert (b["frequency"], b["clv"], b["segment"], b["tenure_days"]) == (1.0, 240.0, "one-time", 0.0)
    assert b["recency_days"] == pytest.approx(213.0)  # 2023-06-01 -> 2023-12-31
    c = values.loc["C"]
    assert c["tenure_days"] == pytest.approx(730.5)
    assert c["frequency"] == pytest.approx(3.0)       # 6 orders / 2 years
    assert c["clv"] == pytest.approx(100 * 3.0 * 3)
    assert c["segment"] == "frequent"
    assert values.index.tolist() == ["C", "A", "B"]     # largest CLV first


def test_hand_made_cancellation_is_the_only_exclusion(shop):
    frame, cols = shop
    _, excluded = clean_transactions(frame, cols)
    assert excluded[["row", "reason"]].values.tolist() == [[4, "cancellation"]]


def test_margin_and_default_lifespan(shop):
    frame, cols = shop
    clean, _ = clean_transactions(frame, cols)
    values = customer_value(clean, cols, lifespan_years=3, margin=0.5).set_index("customer")
    assert values.loc["A", "clv"] == pytest.approx(300.0)
    # default: mean tenure (364 + 0 + 730.5 days) / 3 is under a year, so 1 year is used
    default = customer_value(clean, cols).set_index("customer")
    assert (default["lifespan_years"] == 1.0).all() and default.loc["A", "clv"] == pytest.approx(200.0)
    # two customers who each stayed exactly two years: the default lifespan is 2 years
    assert default_lifespan(pd.Series([730.5, 730.5])) == pytest.approx(2.0)


def test_recency_can_be_measured_from_a_given_date(shop):
    frame, cols = shop
    clean, _ = clean_transactions(frame, cols)
    values = customer_value(clean, cols, as_of="2024-01-30").set_index("customer")
    assert values.loc["A", "recency_days"] == pytest.approx(30.0)


@pytest.mark.parametrize("arguments", [{"margin": 0}, {"margin": 1.5}, {"lifespan_years": -1},
                                       {"lifespan_years": 0}])
def test_out_of_range_parameters_are_input_errors(shop, arguments):
    frame, cols = shop
    clean, _ = clean_transactions(frame, cols)
    with pytest.raises(InputError):
        customer_value(clean, cols, **arguments)


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
    clean, _ = clean_transactions(frame, cols)
    values = customer_value(clean, cols, lifespan_years=3)
    summary = clv_summary(values)
    mean, low, high = metrics.mean_interval([600.0, 240.0, 900.0])
    assert summary["clv"]["value"] == pytest.approx(mean, abs=1e-4) == pytest.approx(580.0)
    assert (summary["clv"]["low"], summary["clv"]["high"]) == (pytest.approx(low, abs=1e-4),
                                                               pytest.approx(high, abs=1e-4))
    assert summary["clv"]["n"] == summary["customers"] == 3 and summary["clv"]["small_sample"] is True
    assert summary["aov"] == pytest.approx((200 + 80 + 600) / (4 + 1 + 6))
    assert summary["frequency"] == pytest.approx((4 + 1 + 3) / 3, abs=1e-4)  # figures rounded to 4 places
    assert (summary["lifespan_years"], summary["margin"], summary["revenue"]) == (3.0, 1.0, 880.0)
    assert summary["segments"] == pytest.approx({"one-time": 100 / 3, "occasional": 100 / 3, "frequent": 100 / 3},
                                                abs=1e-3)


def test_clv_summary_of_the_real_export(retail_value):
    _, _, _, values = retail_value
    summary = clv_summary(values)
    mean, low, high = metrics.mean_interval(values["clv"])
    assert summary["customers"] == 198 and summary["clv"]["small_sample"] is False
    assert summary["clv"]["value"] == pytest.approx(mean, abs=1e-3)
    assert summary["clv"]["low"] < summary["clv"]["value"] < summary["clv"]["high"]
    assert sum(summary["segments"].values()) == pytest.approx(100.0, abs=1e-3)
    assert summary["segments"]["one-time"] == pytest.approx(100 * (values["orders"] == 1).mean(), abs=1e-3)


def test_clv_summary_of_no_customers(shop):
    frame, cols = shop
    clean, _ = clean_transactions(frame, cols)
    summary = clv_summary(customer_value(clean, cols).iloc[0:0])
    assert summary["customers"] == 0 and summary["clv"]["value"] is None and summary["aov"] is None
