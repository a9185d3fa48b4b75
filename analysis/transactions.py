"""Customer value from a transaction export: cleaning, per-customer RFM figures and historic CLV.

A transaction export has one row per order line (UCI Online Retail style: invoice, product,
quantity, unit price, date, customer) or one row per order with its amount. The steps are:

1. :func:`guess_transaction_columns` finds the customer, invoice, date, quantity, price and
   amount columns by their header words (English and Chinese).
2. :func:`clean_transactions` types the values, computes each line's revenue, marks returns
   (cancellation lines, whose revenue counts negative) and sets aside exact duplicate lines,
   non-positive prices and unreadable rows, each with its reason.
3. :func:`customer_value` rolls the clean lines up per customer: orders, gross revenue,
   returns, net revenue, average order value, purchase frequency, recency, a buying-behaviour
   segment and historic CLV. Customers with returns but no purchase in the export are set
   aside with their reason.
4. :func:`clv_summary` gives the headline figures (mean CLV with a 95% BCa bootstrap interval) and
   says which floors (one-year lifespan, one-year tenure, net revenue at 0) were applied.

Historic CLV follows the design notes: average order value x purchase frequency (orders per
year) x expected lifespan (years) x margin, on revenue net of returns. The definitions of
tenure, frequency and the default lifespan are spelled out on :func:`customer_value`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import metrics
from analysis.errors import InputError
from analysis.messages import say
from analysis.metric_registry import CUSTOMER_BY_NAME
from analysis.prepare import EXCLUDED_COLUMNS
from analysis.schema import header_words, parse_dates, to_number

DAYS_PER_YEAR = 365.25
MIN_TENURE_DAYS = DAYS_PER_YEAR
MIN_LIFESPAN_YEARS = 1.0
REVENUE = "line_revenue"
RETURN = "is_return"
SEGMENTS = ["one-time", "occasional", "frequent"]
SKEWED_FEW, SKEWED = 500, 2.0  # fewer customers than this, with CLV skewness above SKEWED: the interval is too narrow
VALUE_COLUMNS = ["customer", "orders", "gross_revenue", "returns", "revenue", "revenue_floored", "first_purchase",
                 "last_purchase", "tenure_days", "aov", "frequency", "frequency_floored", "recency_days", "segment",
                 "lifespan_years", "lifespan_floored", "margin", "clv"]
SET_ASIDE_COLUMNS = ["customer", "reason", "returns"]

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
    """Type the transaction lines, compute line revenue, mark returns and set aside unusable lines.

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
        The kept lines -- sales and returns -- with all their columns; the customer, date,
        quantity, price and amount columns typed (customer IDs like ``17850.0`` become
        ``17850``), plus

        - ``is_return``: the line is a cancellation (invoice starting with ``C``, a negative
          quantity or a negative amount), that is goods or money given back to the customer;
        - ``line_revenue``: the amount when there is an amount column, else quantity x unit
          price; negative for a return (minus its absolute value), so summing a customer's
          lines nets returns against sales.
    excluded : DataFrame
        One row per set-aside line: ``row``, ``column``, ``value``, ``reason``. Reasons, the
        first that applies: ``missing_customer``, ``missing_invoice``, ``bad_date``,
        ``bad_number`` (quantity, price or amount unreadable or blank), ``zero_quantity``,
        ``non_positive_price`` (unit price 0 or below), ``zero_amount`` and
        ``duplicate_line``: a line identical in every column to an earlier line of the export
        (a doubled export row, not a second purchase: a real repeat purchase differs at least
        in its invoice, date or quantity). Only the first copy is kept; the duplicate's
        ``column`` and ``value`` are its invoice number. Every reason is worded under
        ``reason.<code>`` in :mod:`analysis.messages`.
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
    returned = invoice.str.upper().str.startswith("C").fillna(False).astype(bool)
    if cols.quantity:
        checks.append(("zero_quantity", cols.quantity, typed["quantity"] == 0))
        returned |= (typed["quantity"] < 0).fillna(False)
    if cols.price:
        checks.append(("non_positive_price", cols.price, typed["price"] <= 0))
    if cols.amount:
        checks.append(("zero_amount", cols.amount, typed["amount"] == 0))
        returned |= (typed["amount"] < 0).fillna(False)
    # Last, so a duplicate is only called one when the line it repeats is kept.
    checks.append(("duplicate_line", cols.invoice, frame.duplicated(keep="first")))
    reason, column = _first_reason(frame.index, checks)
    keep = reason.isna()
    clean = frame.loc[keep].copy()
    for name, source in (("customer", cols.customer), ("date", cols.date), ("quantity", cols.quantity),
                         ("price", cols.price), ("amount", cols.amount)):
        if source:
            clean[source] = typed[name][keep]
    revenue = (typed["amount"] if cols.amount else typed["quantity"] * typed["price"])[keep].astype(float)
    clean[RETURN] = returned[keep]
    clean[REVENUE] = revenue.abs().where(~clean[RETURN], -revenue.abs())
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
                   margin: float = 1.0, *, as_of=None,
                   min_tenure_days: float = MIN_TENURE_DAYS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-customer purchase behaviour and historic customer lifetime value, net of returns.

    Parameters
    ----------
    clean : DataFrame
        The clean lines from :func:`clean_transactions` (with ``line_revenue`` and ``is_return``).
    cols : TransactionColumns
        The same columns that were passed to :func:`clean_transactions`.
    lifespan_years : float, optional
        Expected customer lifespan in years. Default: the observed average tenure (first to
        last purchase) of all valued customers, in years, but at least ``MIN_LIFESPAN_YEARS``
        (1 year) -- a one-year export has tenures well under a year, and a lifespan below one
        year would make CLV smaller than what customers already spent in that year. When the
        floor raises the lifespan, ``lifespan_floored`` is True: CLV is then about one year of
        value, not a lifetime forecast.
    margin : float, default 1.0
        Share of revenue kept as profit (0 < margin <= 1); 1.0 gives revenue-based CLV.
    as_of : datetime-like, optional
        The date recency is measured from; default the last date of any clean line (sale or
        return), the end of the export.
    min_tenure_days : float, default 365.25
        The shortest tenure frequency is computed over (see below).

    Returns
    -------
    values : DataFrame
        One row per customer with at least one sale, largest CLV first. Columns:

        - ``customer``; ``orders``: distinct invoices with a sale line (return invoices are
          not orders);
        - ``gross_revenue``: sum of the sale lines; ``returns``: sum of the return lines, as
          a positive amount;
        - ``revenue``: net revenue, ``gross_revenue - returns``, floored at 0;
          ``revenue_floored``: True when returns exceeded sales. Returns are netted within the
          export only, so a customer can return goods bought before the export began; their
          purchase is not in the data, and netting the whole return would give a negative
          value that is an artefact of where the export starts. Such a customer counts with
          net revenue (and so CLV) 0, and :func:`clv_summary` counts them and the returns
          left over;
        - ``first_purchase``, ``last_purchase``: dates of the first and last sale line;
        - ``tenure_days``: days from first to last purchase (0 for one order);
        - ``aov``: average order value, net revenue / orders;
        - ``frequency``: orders per year over the tenure, where tenure counts as at least
          ``min_tenure_days`` (one year); ``frequency_floored``: True where the tenure was
          shorter, so frequency is the customer's orders counted as one year's orders. A
          shorter floor (say 30 days) would project a one-time buyer at 12 orders a year and a
          customer who ordered twice in one week at 24, inflating CLV many times over; with a
          one-year floor, frequency is never more than what the customer actually ordered in
          their best year's worth of tenure, and a one-time buyer counts as one order a year;
        - ``recency_days``: days (fractional) from the last purchase to ``as_of``;
        - ``segment``: ``one-time`` (one order), ``frequent`` (repeat buyers whose order count
          is above the 2/3 quantile of the repeat buyers' order counts: the top tercile,
          so always 3 orders or more) or ``occasional`` (the other repeat buyers);
        - ``lifespan_years``, ``lifespan_floored`` (see ``lifespan_years`` above) and
          ``margin`` used (the same on every row);
        - ``clv``: aov x frequency x lifespan_years x margin.
    set_aside : DataFrame
        One row per customer left out of ``values``: ``customer``, ``reason`` and their
        ``returns``. The only reason is ``returns_only``: the customer has return lines but
        no sale in the export, so there is no purchase to value (the goods were bought
        before the export began).

    Raises
    ------
    InputError
        When ``margin`` or ``lifespan_years`` is out of range.
    """
    _check_parameters(lifespan_years, margin)
    if REVENUE not in clean or RETURN not in clean:
        raise ValueError("customer_value needs the clean lines returned by clean_transactions().")
    sale = ~clean[RETURN].astype(bool)
    lines = pd.DataFrame({"customer": clean[cols.customer], "invoice": clean[cols.invoice].where(sale),
                          "date": clean[cols.date].where(sale), "gross_revenue": clean[REVENUE].where(sale, 0.0),
                          "returns": (-clean[REVENUE]).where(~sale, 0.0)})
    table = lines.groupby("customer", sort=False).agg(
        orders=("invoice", "nunique"), gross_revenue=("gross_revenue", "sum"), returns=("returns", "sum"),
        first_purchase=("date", "min"), last_purchase=("date", "max")).reset_index()
    no_sales = table["orders"] == 0
    set_aside = table.loc[no_sales, ["customer", "returns"]].assign(reason="returns_only")
    table = table.loc[~no_sales].reset_index(drop=True)
    excess = table["returns"] - table["gross_revenue"]
    table["revenue_floored"] = excess > 1e-9 * table["gross_revenue"].clip(lower=1.0)  # not rounding noise
    table["revenue"] = (table["gross_revenue"] - table["returns"]).clip(lower=0.0)
    table["tenure_days"] = _days(table["last_purchase"] - table["first_purchase"])
    table["aov"] = table["revenue"] / table["orders"]
    table["frequency_floored"] = table["tenure_days"] < min_tenure_days
    table["frequency"] = table["orders"] / (table["tenure_days"].clip(lower=min_tenure_days) / DAYS_PER_YEAR)
    end = pd.Timestamp(as_of) if as_of is not None else clean[cols.date].max()
    table["recency_days"] = _days(end - table["last_purchase"])
    table["segment"] = purchase_segments(table["orders"])
    # no customers, or a mean tenure under a year: the default lifespan is the floor
    lifespan_floored = lifespan_years is None and not (
        table["tenure_days"].mean() >= MIN_LIFESPAN_YEARS * DAYS_PER_YEAR)
    if lifespan_years is None:
        lifespan_years = default_lifespan(table["tenure_days"])
    table["lifespan_years"] = float(lifespan_years)
    table["lifespan_floored"] = lifespan_floored
    table["margin"] = float(margin)
    table["clv"] = table["aov"] * table["frequency"] * table["lifespan_years"] * table["margin"]
    table = table.sort_values(["clv", "customer"], ascending=[False, True], kind="stable")
    return table[VALUE_COLUMNS].reset_index(drop=True), set_aside[SET_ASIDE_COLUMNS].reset_index(drop=True)


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
        ``max(MIN_LIFESPAN_YEARS, mean(tenure_days) / 365.25)`` with ``MIN_LIFESPAN_YEARS`` = 1;
        1 when there are no customers.
    """
    mean = float(tenure_days.mean()) if len(tenure_days) else 0.0
    return max(MIN_LIFESPAN_YEARS, mean / DAYS_PER_YEAR)


def frequent_threshold(orders: pd.Series) -> float | None:
    """The default order count above which a customer is a frequent buyer: the 2/3 quantile of repeat buyers'
    counts (the top tercile), or None when no customer ordered twice."""
    repeat = orders[orders >= 2]
    return float(repeat.quantile(2 / 3)) if len(repeat) else None


def purchase_segments(orders: pd.Series, frequent_above: float | None = None) -> pd.Series:
    """Buying-behaviour segment from each customer's order count.

    Parameters
    ----------
    orders : Series
        Orders per customer.
    frequent_above : float, optional
        Repeat buyers with more orders than this are ``frequent``; by default
        :func:`frequent_threshold` (the top tercile of repeat buyers; ties at the quantile stay
        ``occasional``, so frequent buyers always have 3 or more orders).

    Returns
    -------
    Series
        ``one-time`` for one order; among repeat buyers, ``frequent`` above the threshold, else ``occasional``.
    """
    if frequent_above is None:
        frequent_above = frequent_threshold(orders)
    above = np.inf if frequent_above is None else frequent_above
    segment = np.where(orders <= 1, "one-time", np.where(orders > above, "frequent", "occasional"))
    return pd.Series(segment, index=orders.index)


def clv_summary(values: pd.DataFrame, set_aside: pd.DataFrame | None = None) -> dict:
    """Headline customer-value figures for a :func:`customer_value` table.

    Parameters
    ----------
    values : DataFrame
        The per-customer table from :func:`customer_value` (possibly filtered).
    set_aside : DataFrame, optional
        The customers :func:`customer_value` set aside, counted by reason.

    Returns
    -------
    dict
        - ``customers``: number of customers valued; ``customers_set_aside``: customers set
          aside, by reason (``{"returns_only": 2}``; empty when none);
        - ``clv``: mean CLV per customer with its 95% BCa bootstrap interval
          (:func:`analysis.metrics.mean_interval_bca`), as
          :meth:`analysis.metrics.Metric.to_dict` (value, low, high, n, small_sample);
        - ``gross_revenue``: total of the sale lines; ``returns``: total of the return lines
          of these customers; ``revenue``: total net revenue, the sum of the per-customer net
          revenue floored at 0, so ``revenue = gross_revenue - returns + returns_beyond_sales``;
        - ``revenue_floored``: number of customers whose returns exceeded their sales (their
          net revenue counts as 0); ``returns_beyond_sales``: by how much, in total;
        - ``aov``: overall average order value (total net revenue / total orders);
          ``frequency``: mean orders per year per customer; ``frequency_floored``: number of
          customers whose tenure was under the one-year floor, so their frequency is their
          order count;
        - ``lifespan_years`` and ``margin`` used; ``lifespan_floor_applied``: whether the
          default lifespan was raised to one year because the mean observed tenure
          (``mean_tenure_days``) is shorter; ``purchase_span_days``: days from the first to
          the last purchase of these customers;
        - ``segments``: % of customers one-time / occasional / frequent;
        - ``notes``: what the floors mean, as ``{"code", "params"}`` for
          :mod:`analysis.messages` (``clv.lifespan_floor``, ``clv.frequency_floor``,
          ``clv.revenue_floor``), present only when that floor applied; ``clv.interval_skewed`` when fewer
          than ``SKEWED_FEW`` customers have values skewed beyond ``SKEWED``: no interval from such a sample
          covers as often as it says (``tests/test_metrics.py`` measures 73% at 50 customers of the retail
          sample, 94% at 500).

        The mean CLV is the mean of per-customer products, so it is not in general
        ``aov x frequency x lifespan`` of the overall figures. Figures are None for no customers.
    """
    n = len(values)
    mean, low, high = metrics.mean_interval_bca(values["clv"]) if n else (np.nan,) * 3
    clv = metrics.Metric(_none(mean), _none(low), _none(high), n)
    orders = float(values["orders"].sum())
    shares = values["segment"].value_counts(normalize=True)
    floored = values["revenue_floored"]
    beyond = float((values["returns"] - values["gross_revenue"])[floored].sum())
    span = (values["last_purchase"].max() - values["first_purchase"].min()) / pd.Timedelta(days=1)
    tenure = values["tenure_days"].mean()
    lifespan_floor = bool(values["lifespan_floored"].iloc[0]) if n else None
    notes = []
    if lifespan_floor:
        notes.append(say("clv.lifespan_floor", days=round(span), tenure=round(tenure)))
    if values["frequency_floored"].any():
        notes.append(say("clv.frequency_floor", count=int(values["frequency_floored"].sum()), customers=n))
    if floored.any():
        notes.append(say("clv.revenue_floor", count=int(floored.sum()), customers=n, amount=f"{beyond:.2f}"))
    skew = float(values["clv"].skew()) if n > 2 else float("nan")
    if n < SKEWED_FEW and skew > SKEWED:
        notes.append(say("clv.interval_skewed", customers=n, skewness=f"{skew:.1f}"))
    reasons = set_aside["reason"].value_counts() if set_aside is not None else pd.Series(dtype=int)
    return {
        "customers": n,
        "customers_set_aside": {str(reason): int(count) for reason, count in reasons.items()},
        "clv": clv.to_dict(),
        "gross_revenue": _rounded(values["gross_revenue"].sum()),
        "returns": _rounded(values["returns"].sum()),
        "revenue": _rounded(values["revenue"].sum()),
        "revenue_floored": int(floored.sum()),
        "returns_beyond_sales": _rounded(beyond),
        "aov": _rounded(CUSTOMER_BY_NAME["aov"].of(values)) if orders else None,
        "frequency": _rounded(CUSTOMER_BY_NAME["frequency"].of(values)) if n else None,
        "frequency_floored": int(values["frequency_floored"].sum()),
        "lifespan_years": _rounded(values["lifespan_years"].iloc[0]) if n else None,
        "lifespan_floor_applied": lifespan_floor,
        "mean_tenure_days": _rounded(tenure),
        "purchase_span_days": _rounded(span),
        "margin": _rounded(values["margin"].iloc[0]) if n else None,
        "segments": {segment: _rounded(100 * float(shares.get(segment, 0.0))) for segment in SEGMENTS},
        "notes": [{"code": note.code, "params": dict(note.params)} for note in notes],
    }


def _none(value: float) -> float | None:
    return None if pd.isna(value) else float(value)


def _rounded(value) -> float | None:
    return None if pd.isna(value) else round(float(value), 4)
