"""The customers of a transaction export: one row per customer, with value and attributes, and their headline.

:func:`customers` runs the steps of :mod:`analysis.transactions` (find the columns, clean the
lines, value each customer) and adds each customer's attributes: for every other column with
2 to 30 distinct values (country, channel, store...), the value the customer's lines carry most
often. :func:`customer_summary` gives the headline figures with what was set aside, and
:func:`analysis.compare.compare_customers` compares two groups of customers.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace

import pandas as pd

from analysis import metrics, transactions
from analysis.segments import MAX_VALUES


@dataclass
class Customers:
    """One transaction export seen per customer.

    Attributes
    ----------
    values : DataFrame
        :func:`analysis.transactions.customer_value`'s table, plus one column per attribute.
    attributes : list of str
        The attribute columns, in file order, then ``segment`` (one-time / occasional / frequent).
    set_aside : DataFrame
        Customers left out (``customer``, ``reason``, ``returns``).
    excluded : DataFrame
        Lines set aside by :func:`analysis.transactions.clean_transactions` (row, column, value, reason).
    columns : TransactionColumns
        Which column held what.
    frequent_above : float or None
        Repeat buyers with more orders than this are frequent buyers (None: nobody ordered twice).
    """

    values: pd.DataFrame
    attributes: list[str]
    set_aside: pd.DataFrame
    excluded: pd.DataFrame
    columns: transactions.TransactionColumns
    frequent_above: float | None = None


def customers(frame: pd.DataFrame) -> Customers:
    """Value every customer of a transaction export and attach their attributes.

    Raises ``InputError`` when the transaction columns cannot be found (see
    :func:`analysis.transactions.guess_transaction_columns`).
    """
    columns = transactions.guess_transaction_columns(frame)
    clean, excluded = transactions.clean_transactions(frame, columns)
    values, set_aside = transactions.customer_value(clean, columns)
    used = {getattr(columns, field.name) for field in fields(columns)}
    attributes = []
    for column in frame.columns:
        if column in used or column in values.columns:
            continue
        distinct = clean[column].nunique()
        if 2 <= distinct <= MAX_VALUES:
            values[column] = values["customer"].map(_most_frequent(clean, columns.customer, column))
            attributes.append(column)
    return Customers(values, [*attributes, "segment"], set_aside, excluded, columns,
                     transactions.frequent_threshold(values["orders"]))


def with_frequent_above(found: Customers, frequent_above: float | None) -> Customers:
    """``found`` with buying segments redrawn: frequent buyers are those with more than ``frequent_above`` orders
    (None: the default top tercile of repeat buyers). A new object; ``found`` is left as it was."""
    if frequent_above is None:
        frequent_above = transactions.frequent_threshold(found.values["orders"])
    if frequent_above == found.frequent_above:
        return found
    values = found.values.assign(segment=transactions.purchase_segments(found.values["orders"], frequent_above))
    return replace(found, values=values, frequent_above=frequent_above)


def _most_frequent(clean: pd.DataFrame, customer: str, column: str) -> pd.Series:
    """Each customer's most frequent value of ``column`` (ties: the first in sorted order), indexed by customer."""
    counts = clean.groupby([customer, column], sort=True).size()
    return counts.groupby(level=0).idxmax().map(lambda pair: pair[1])


def customer_summary(found: Customers) -> dict:
    """The headline figures of :func:`analysis.transactions.clv_summary`, plus the lines set aside by reason."""
    lines = found.excluded["reason"].value_counts()
    return {**transactions.clv_summary(found.values, found.set_aside),
            "lines_set_aside": {str(reason): int(count) for reason, count in lines.items()}}


def rfm_summary(found: Customers) -> dict:
    """Customers, how many are one-time / occasional / frequent buyers, the order counts that split them, and
    the order lines set aside by reason (the ``rfm`` command's output)."""
    values = found.values
    counts = values["segment"].value_counts()
    above = found.frequent_above
    lines = found.excluded["reason"].value_counts()
    return {"customers": len(values),
            "segments": {segment: int(counts.get(segment, 0)) for segment in transactions.SEGMENTS},
            "thresholds": {"one_time_orders": 1, "frequent_above_orders": above},
            "excluded": {str(reason): int(n) for reason, n in lines.items()},
            "customers_set_aside": {str(reason): int(n) for reason, n in found.set_aside["reason"].value_counts().items()}}


def segment_table(values: pd.DataFrame) -> pd.DataFrame:
    """Customers and revenue per buying segment (one-time, occasional, frequent), in that order.

    Columns: ``segment``, ``customers``, ``share`` (% of customers) with its Wilson 95% interval
    ``low``/``high``, ``revenue_share`` (% of net revenue), ``clv`` (mean CLV) and ``small_sample``
    (fewer than 30 customers). A segment without customers has a row of zeros (CLV NaN).
    """
    total, revenue = len(values), float(values["revenue"].sum())
    rows = []
    for segment in transactions.SEGMENTS:
        part = values[values["segment"] == segment]
        low, high = metrics.wilson(len(part), total) if total else (float("nan"), float("nan"))
        rows.append({"segment": segment, "customers": len(part),
                     "share": 100 * len(part) / total if total else 0.0, "low": 100 * low, "high": 100 * high,
                     "revenue_share": 100 * float(part["revenue"].sum()) / revenue if revenue else 0.0,
                     "clv": float(part["clv"].mean()) if len(part) else float("nan"),
                     "small_sample": len(part) < metrics.SMALL_SAMPLE})
    return pd.DataFrame(rows)
