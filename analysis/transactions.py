"""Customer value from a transaction export: cleaning, per-customer RFM figures and historic CLV.

A transaction export has one row per order line (UCI Online Retail style: invoice, product,
quantity, unit price, date, customer) or one row per order with its amount. The steps are:

1. :func:`guess_transaction_columns` finds the customer, invoice, date, quantity, price and
   amount columns by their header words (English and Chinese).
2. :func:`clean_transactions` types the values, computes each line's revenue and sets aside
   cancellations, non-positive prices and unreadable rows, each with its reason.
3. :func:`customer_value` rolls the clean lines up per customer: orders, revenue, average
   order value, purchase frequency, recency, a buying-behaviour segment and historic CLV.
4. :func:`clv_summary` gives the headline figures with a 95% interval.

Historic CLV follows the design notes: average order value x purchase frequency (orders per
year) x expected lifespan (years) x margin. The definitions of tenure, frequency and the
default lifespan are spelled out on :func:`customer_value`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import metrics
from analysis.errors import InputError
from analysis.messages import say
from analysis.prepare import EXCLUDED_COLUMNS
from analysis.schema import header_words, parse_dates, to_number

DAYS_PER_YEAR = 365.25
MIN_TENURE_DAYS = DAYS_PER_YEAR
MIN_LIFESPAN_YEARS = 1.0
REVENUE = "line_revenue"
SEGMENTS = ["one-time", "occasional", "frequent"]
VALUE_COLUMNS = ["customer", "orders", "revenue", "first_purchase", "last_purchase", "tenure_days", "aov",
                 "frequency", "recency_days", "segment", "lifespan_years", "margin", "clv"]

# Header words per field, tried in this order; a column is used for one field only, so
# "InvoiceDate" becomes the date before the invoice is looked for and "订单金额" the amount
# before the order number is.
_FIELD_WORDS = {
    "date": r"\b(date|time|timestamp|datetime|day)\b|日期|时间|下单时间",
    "amount": r"\b(amount|revenue|total|sales|spend|spent|line total|order value|paid)\b"
              r"|金额|总额|总价|销售额|实付",
    "price": r"\b(unit ?price|price|unit cost)\b|单价|价格|售价",
    "quantity": r"\b(quantity|qty|units|count|pieces|pcs)\b|数量|件数",
    "invoice": r"\b(invoice|order|transaction|receipt|basket|bill|txn)s?\b|订单|单号|发票|交易|流水",
    "customer": r"\b(customer|client|buyer|member|user|account|shopper|consumer)s?\b"
                r"|客户|顾客|会员|买家|用户",
}
_ID_WORDS = r"\b(id|no|number|code|key|num)\b|编号|号|id"


@dataclass
class TransactionColumns:
    """Which columns of a transaction export hold what.

    Attributes
    ----------
    customer, invoice, date : str
        Customer ID, invoice/order number (cancellations start with ``C``) and purchase date.
    quantity, price : str or None
        Units and unit price of an order line; line revenue is their product.
    amount : str or None
        Revenue of the line (or order) as exported. When given it is used as the revenue and
        quantity/price become optional.
    """

    customer: str
    invoice: str
    date: str
    quantity: str | None = None
    price: str | None = None
    amount: str | None = None

    def __post_init__(self):
        if self.amount is None and (self.quantity is None or self.price is None):
            raise InputError("error.transactions.no_revenue")


def guess_transaction_columns(frame: pd.DataFrame) -> TransactionColumns:
    """Find the transaction columns of ``frame`` by their header words.

    Parameters
    ----------
    frame : DataFrame
        The export as loaded (``load_export(...).frame``); only the headers are read.

    Returns
    -------
    TransactionColumns
        Customer, invoice, date, and quantity + price and/or amount. Headers are matched in
        English (``CustomerID``, ``Invoice No``, ``order_date``, ``Qty``, ``UnitPrice``,
        ``Amount``) and Chinese (客户, 订单, 日期, 数量, 单价, 金额). When several headers fit
        the customer or invoice, one that names an ID (``Customer ID``, 客户编号) wins.

    Raises
    ------
    InputError
        When the customer, invoice or date column, or a way to get revenue, cannot be found.
        A header only counts for the date if its first values read as dates, and for the
        quantity, price or amount if they read as numbers.
    """
    found: dict[str, str] = {}
    for field, pattern in _FIELD_WORDS.items():
        candidates = [c for c in frame.columns if c not in found.values()
                      and re.search(pattern, header_words(c), re.I) and _values_fit(field, frame[c])]
        if field in ("customer", "invoice"):
            candidates.sort(key=lambda c: re.search(_ID_WORDS, header_words(c), re.I) is None)
        if candidates:
            found[field] = candidates[0]
    for field in ("customer", "invoice", "date"):
        if field not in found:
            raise _missing_column(field, frame)
    if "amount" not in found:
        for field in ("quantity", "price"):
            if field not in found:
                raise _missing_column(field, frame)
    return TransactionColumns(**found)


def _values_fit(field: str, values: pd.Series) -> bool:
    """Whether a column's first values can be what ``field`` holds: numbers, or dates for the date.

    Keeps a header such as "Sales channel" from being taken for the amount. A column with no
    values at all fits anything.
    """
    sample = values.dropna().head(200)
    if field in ("customer", "invoice") or sample.empty:
        return True
    if field == "date":
        return pd.api.types.is_datetime64_any_dtype(sample) or parse_dates(sample).notna().mean() >= 0.8
    return to_number(sample)[1].mean() <= 0.2


def _missing_column(field: str, frame: pd.DataFrame) -> InputError:
    return InputError("error.transactions.missing_column", field=say(f"field.{field}"),
                      headers=[str(c) for c in list(frame.columns)[:12]])


def clean_transactions(frame: pd.DataFrame, cols: TransactionColumns) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Type the transaction lines, compute line revenue and set aside the lines that are not sales.

    Parameters
    ----------
    frame : DataFrame
        One row per order line, indexed by row number (as :func:`analysis.io.load_export`
        gives it). It is never modified.
    cols : TransactionColumns
        Which column is which (see :func:`guess_transaction_columns`).

    Returns
    -------
    clean : DataFrame
        The kept lines with all their columns; the customer, date, quantity, price and amount
        columns typed (customer IDs like ``17850.0`` become ``17850``), plus ``line_revenue``
        (the amount when there is an amount column, else quantity x unit price).
    excluded : DataFrame
        One row per set-aside line: ``row``, ``column``, ``value``, ``reason``. Reasons, the
        first that applies: ``missing_customer``, ``missing_invoice``, ``bad_date``,
        ``bad_number`` (quantity, price or amount unreadable or blank), ``cancellation``
        (invoice starting with ``C``, a negative quantity or a negative amount),
        ``zero_quantity``, ``non_positive_price`` (unit price 0 or below) and
        ``zero_amount``.
    """
    typed = _typed_columns(frame, cols)
    invoice = frame[cols.invoice].astype("string").str.strip()
    checks = [
        ("missing_customer", cols.customer, typed["customer"].isna()),
        ("missing_invoice", cols.invoice, invoice.isna() | (invoice == "")),
        ("bad_date", cols.date, typed["date"].isna()),
    ]
    for name in ("quantity", "price", "amount"):
        if getattr(cols, name):
            checks.append(("bad_number", getattr(cols, name), typed[name].isna()))
    checks.append(("cancellation", cols.invoice, invoice.str.upper().str.startswith("C").fillna(False)))
    if cols.quantity:
        checks += [("cancellation", cols.quantity, typed["quantity"] < 0),
                   ("zero_quantity", cols.quantity, typed["quantity"] == 0)]
    if cols.price:
        checks.append(("non_positive_price", cols.price, typed["price"] <= 0))
    if cols.amount:
        checks += [("cancellation", cols.amount, typed["amount"] < 0),
                   ("zero_amount", cols.amount, typed["amount"] == 0)]
    reason, column = _first_reason(frame.index, checks)
    keep = reason.isna()
    clean = frame.loc[keep].copy()
    for name, source in (("customer", cols.customer), ("date", cols.date), ("quantity", cols.quantity),
                         ("price", cols.price), ("amount", cols.amount)):
        if source:
            clean[source] = typed[name][keep]
    revenue = typed["amount"] if cols.amount else typed["quantity"] * typed["price"]
    clean[REVENUE] = revenue[keep].astype(float)
    return clean, _excluded(frame, reason, column)


def _typed_columns(frame: pd.DataFrame, cols: TransactionColumns) -> dict[str, pd.Series]:
    """Customer IDs, dates and numbers read from their columns (NaN/NaT where unreadable)."""
    typed = {"customer": _customer_ids(frame[cols.customer]), "date": _dates(frame[cols.date])}
    for name in ("quantity", "price", "amount"):
        column = getattr(cols, name)
        if column:
            typed[name] = to_number(frame[column])[0]
    return typed


def _customer_ids(values: pd.Series) -> pd.Series:
    """Customer IDs as exported, except that whole floats (``17850.0``) become integers and text is trimmed."""
    if pd.api.types.is_float_dtype(values):
        whole = values.dropna()
        if (whole % 1 == 0).all():
            return values.astype("Int64")
        return values
    if pd.api.types.is_numeric_dtype(values):
        return values
    text = values.astype("string").str.strip()
    return text.where(text != "")


def _dates(values: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.tz_convert(None) if getattr(values.dt, "tz", None) is not None else values
    return parse_dates(values)


def _first_reason(index: pd.Index, checks: list[tuple[str, str, pd.Series]]) -> tuple[pd.Series, pd.Series]:
    """The first failing check of each row: its reason and the column it concerns (NaN when none fails)."""
    reason = pd.Series(np.nan, index=index, dtype=object)
    column = pd.Series(np.nan, index=index, dtype=object)
    for name, source, failed in checks:
        hit = failed.fillna(False).astype(bool) & reason.isna()
        reason[hit] = name
        column[hit] = source
    return reason, column


def _excluded(frame: pd.DataFrame, reason: pd.Series, column: pd.Series) -> pd.DataFrame:
    dropped = reason.notna()
    if not dropped.any():
        return pd.DataFrame(columns=EXCLUDED_COLUMNS)
    value = pd.Series("", index=reason.index[dropped], dtype=object)
    for source, part in column[dropped].groupby(column[dropped], sort=False):
        value[part.index] = frame.loc[part.index, source].astype(str).to_numpy()
    return pd.DataFrame({"row": value.index.to_numpy(), "column": column[dropped].to_numpy(),
                         "value": value.to_numpy(), "reason": reason[dropped].to_numpy()})


def customer_value(clean: pd.DataFrame, cols: TransactionColumns, lifespan_years: float | None = None,
                   margin: float = 1.0, *, as_of=None, min_tenure_days: float = MIN_TENURE_DAYS) -> pd.DataFrame:
    """Per-customer purchase behaviour and historic customer lifetime value.

    Parameters
    ----------
    clean : DataFrame
        The clean lines from :func:`clean_transactions` (with ``line_revenue``).
    cols : TransactionColumns
        The same columns that were passed to :func:`clean_transactions`.
    lifespan_years : float, optional
        Expected customer lifespan in years. Default: the observed average tenure (first to
        last purchase) of all customers, in years, but at least 1 year -- a one-year export
        has tenures well under a year, and a lifespan below one year would make CLV smaller
        than what customers already spent in that year.
    margin : float, default 1.0
        Share of revenue kept as profit (0 < margin <= 1); 1.0 gives revenue-based CLV.
    as_of : datetime-like, optional
        The date recency is measured from; default the last purchase date in ``clean``.
    min_tenure_days : float, default 365.25
        The shortest tenure frequency is computed over (see below).

    Returns
    -------
    DataFrame
        One row per customer, largest CLV first. Columns:

        - ``customer``, ``orders`` (distinct invoices), ``revenue`` (sum of line revenue),
          ``first_purchase``, ``last_purchase``;
        - ``tenure_days``: days from first to last purchase (0 for one order);
        - ``aov``: average order value, revenue / orders;
        - ``frequency``: orders per year over the tenure, where tenure counts as at least
          ``min_tenure_days`` (one year). A shorter floor (say 30 days) would project a
          one-time buyer at 12 orders a year and a customer who ordered twice in one week at
          24, inflating CLV many times over; with a one-year floor, frequency is never more
          than what the customer actually ordered in their best year's worth of tenure, and
          a one-time buyer counts as one order a year;
        - ``recency_days``: days (fractional) from the last purchase to ``as_of``;
        - ``segment``: ``one-time`` (one order), ``frequent`` (repeat buyers whose order count
          is above the 2/3 quantile of the repeat buyers' order counts: the top tercile,
          so always 3 orders or more) or ``occasional`` (the other repeat buyers);
        - ``lifespan_years`` and ``margin`` used (the same on every row);
        - ``clv``: aov x frequency x lifespan_years x margin.

    Raises
    ------
    InputError
        When ``margin`` or ``lifespan_years`` is out of range.
    """
    _check_parameters(lifespan_years, margin)
    if REVENUE not in clean:
        raise ValueError("customer_value needs the clean lines returned by clean_transactions().")
    per_customer = clean.groupby(cols.customer, sort=False).agg(
        orders=(cols.invoice, "nunique"), revenue=(REVENUE, "sum"),
        first_purchase=(cols.date, "min"), last_purchase=(cols.date, "max"))
    table = per_customer.rename_axis("customer").reset_index()
    table["tenure_days"] = _days(table["last_purchase"] - table["first_purchase"])
    table["aov"] = table["revenue"] / table["orders"]
    table["frequency"] = table["orders"] / (table["tenure_days"].clip(lower=min_tenure_days) / DAYS_PER_YEAR)
    end = pd.Timestamp(as_of) if as_of is not None else clean[cols.date].max()
    table["recency_days"] = _days(end - table["last_purchase"])
    table["segment"] = purchase_segments(table["orders"])
    if lifespan_years is None:
        lifespan_years = default_lifespan(table["tenure_days"])
    table["lifespan_years"] = float(lifespan_years)
    table["margin"] = float(margin)
    table["clv"] = table["aov"] * table["frequency"] * table["lifespan_years"] * table["margin"]
    table = table.sort_values(["clv", "customer"], ascending=[False, True], kind="stable")
    return table[VALUE_COLUMNS].reset_index(drop=True)


def _check_parameters(lifespan_years: float | None, margin: float) -> None:
    if not (np.isfinite(margin) and 0 < margin <= 1):
        raise InputError("error.transactions.margin", value=margin)
    if lifespan_years is not None and not (np.isfinite(lifespan_years) and lifespan_years > 0):
        raise InputError("error.transactions.lifespan", value=lifespan_years)


def _days(deltas: pd.Series) -> pd.Series:
    return deltas.dt.total_seconds() / 86400


def default_lifespan(tenure_days: pd.Series) -> float:
    """The default expected lifespan: mean observed tenure in years, at least one year.

    Parameters
    ----------
    tenure_days : Series
        Days from first to last purchase, one value per customer.

    Returns
    -------
    float
        ``max(1, mean(tenure_days) / 365.25)``; 1 when there are no customers.
    """
    mean = float(tenure_days.mean()) if len(tenure_days) else 0.0
    return max(MIN_LIFESPAN_YEARS, mean / DAYS_PER_YEAR)


def purchase_segments(orders: pd.Series) -> pd.Series:
    """Buying-behaviour segment from each customer's order count.

    Parameters
    ----------
    orders : Series
        Orders per customer.

    Returns
    -------
    Series
        ``one-time`` for one order; among repeat buyers, ``frequent`` when the count is above
        the 2/3 quantile of repeat buyers' counts (the top tercile; ties at the quantile stay
        ``occasional``, so frequent buyers always have 3 or more orders), else ``occasional``.
    """
    repeat = orders[orders >= 2]
    threshold = repeat.quantile(2 / 3) if len(repeat) else np.inf
    segment = np.where(orders <= 1, "one-time", np.where(orders > threshold, "frequent", "occasional"))
    return pd.Series(segment, index=orders.index)


def clv_summary(values: pd.DataFrame) -> dict:
    """Headline customer-value figures for a :func:`customer_value` table.

    Parameters
    ----------
    values : DataFrame
        The per-customer table from :func:`customer_value` (possibly filtered).

    Returns
    -------
    dict
        - ``customers``: number of customers;
        - ``clv``: mean CLV per customer with its 95% t interval, as
          :meth:`analysis.metrics.Metric.to_dict` (value, low, high, n, small_sample);
        - ``revenue``: total revenue; ``aov``: overall average order value (total revenue /
          total orders); ``frequency``: mean orders per year per customer;
        - ``lifespan_years`` and ``margin`` used;
        - ``segments``: % of customers one-time / occasional / frequent.

        The mean CLV is the mean of per-customer products, so it is not in general
        ``aov x frequency x lifespan`` of the overall figures.
    """
    n = len(values)
    mean, low, high = metrics.mean_interval(values["clv"]) if n else (np.nan,) * 3
    clv = metrics.Metric(_none(mean), _none(low), _none(high), n)
    orders = float(values["orders"].sum())
    shares = values["segment"].value_counts(normalize=True)
    return {
        "customers": n,
        "clv": clv.to_dict(),
        "revenue": _rounded(values["revenue"].sum()),
        "aov": _rounded(values["revenue"].sum() / orders) if orders else None,
        "frequency": _rounded(values["frequency"].mean()) if n else None,
        "lifespan_years": _rounded(values["lifespan_years"].iloc[0]) if n else None,
        "margin": _rounded(values["margin"].iloc[0]) if n else None,
        "segments": {segment: _rounded(100 * float(shares.get(segment, 0.0))) for segment in SEGMENTS},
    }


def _none(value: float) -> float | None:
    return None if pd.isna(value) else float(value)


def _rounded(value) -> float | None:
    return None if pd.isna(value) else round(float(value), 4)
