"""Conversion: converted / exposed, overall and per group, with Wilson 95% intervals.

A conversion flag is one value per exposed unit (session, visitor, lead): True when it
converted. Flags are read from booleans, 0/1, TRUE/FALSE, yes/no, y/n, t/f and 是/否; a blank
is "not known" and left out of both counts. Rates are percentages (0-100), like every share
in :mod:`analysis.metrics`. Whether conversion differs between groups is tested with
chi-square, or with an exact test when the expected counts are too small for it
(:func:`independence_test`).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis import contingency, metrics
from analysis.prepare import Prepared
from analysis.errors import InputError, quoted
from analysis.schema import value_labels

BY_COLUMNS = ["group", "converted", "exposed", "rate", "low", "high", "n", "small_sample"]
BLANK_GROUP = "(blank)"
MONTE_CARLO_DRAWS = 10_000
SEED = 0
_TRUE = {"true", "t", "yes", "y", "1", "1.0", "是", "对", "converted", "已转化"}
_FALSE = {"false", "f", "no", "n", "0", "0.0", "否", "不是", "not converted", "未转化"}
_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"]
_MONTHS = {**{name: i for i, name in enumerate(_MONTH_NAMES, start=1)},
           **{name[:3]: i for i, name in enumerate(_MONTH_NAMES, start=1)}, "sept": 9}
_CHINESE_MONTH = re.compile(r"^(\d{1,2})月$")


def to_flags(values, column: str = "flag") -> pd.Series:
    """Read conversion flags as a nullable boolean Series.

    Parameters
    ----------
    values : array-like
        Booleans, 0/1 numbers, or text such as TRUE/FALSE, yes/no, y/n, t/f, 是/否
        (case and surrounding spaces ignored).
    column : str
        The column's name, used in the error message.

    Returns
    -------
    Series
        ``boolean`` dtype, ``<NA>`` where the value was blank.

    Raises
    ------
    InputError
        When a value is none of the above (for example a number other than 0 or 1).
    """
    values = pd.Series(values)
    if pd.api.types.is_bool_dtype(values):
        return values.astype("boolean")
    if pd.api.types.is_numeric_dtype(values):
        bad = values.notna() & ~values.isin([0, 1])
        _check_unread(values, bad, column)
        return values.astype("Float64").eq(1).astype("boolean").where(values.notna())
    text = values.astype("string").str.strip().str.lower()
    text = text.where(text != "")
    is_true, is_false = text.isin(_TRUE), text.isin(_FALSE)
    _check_unread(values, text.notna() & ~is_true & ~is_false, column)
    return is_true.astype("boolean").where(text.notna(), pd.NA)


def _check_unread(values: pd.Series, bad: pd.Series, column: str) -> None:
    if bad.any():
        examples = ", ".join(dict.fromkeys(str(v) for v in values[bad].head(200)))
        raise InputError("error.conversion.bad_flags", column=quoted(column), examples=examples[:80])


def conversion_flags(prepared: Prepared) -> pd.Series | None:
    """The first behaviour column that is a yes/no flag (converted, purchased, Revenue TRUE/FALSE), read as flags."""
    for column in prepared.columns("behaviour"):
        try:
            flags = to_flags(prepared.responses[column], column)
        except InputError:
            continue
        if flags.notna().any():
            return flags
    return None


def conversion_rate(flags, weights=None) -> metrics.Metric:
    """Conversion rate = converted / exposed, in %, with a Wilson 95% interval (weighted: the weighted rate
    with its interval at the effective n, see :func:`analysis.metrics.share`).

    Parameters
    ----------
    flags : array-like
        One flag per exposed unit, in any form :func:`to_flags` reads; blanks are left out.
    weights : array-like, optional
        One survey weight per flag, in the same order (a missing weight leaves its unit out).

    Returns
    -------
    Metric
        ``value``, ``low``, ``high`` in % (None when nothing is known), ``n`` = exposed, and
        ``extra["converted"]`` = the number converted.
    """
    if weights is not None:
        hits, weights = metrics.paired(to_flags(flags), weights)
        result = metrics.share(hits, weights)
        result.extra = {"converted": int(hits.sum())}
        return result
    known = to_flags(flags).dropna()
    result = metrics.share(known.astype(bool))
    result.extra = {"converted": int(known.sum())}
    return result


def conversion_by(frame: pd.DataFrame, flag_column: str, by: str | list[str]) -> pd.DataFrame:
    """Conversion rate per group.

    Parameters
    ----------
    frame : DataFrame
        One row per exposed unit.
    flag_column : str
        The conversion flag column (read with :func:`to_flags`).
    by : str or list of str
        The grouping column(s); with several, the group label joins their values with " / ".

    Returns
    -------
    DataFrame
        Columns ``group, converted, exposed, rate, low, high, n, small_sample``: counts, the
        rate and its Wilson 95% interval in %, ``n`` (= exposed, the sample size) and
        ``small_sample`` (n < 30; shown, never hidden). Rows with a blank flag are left out;
        a blank group value is its own group, "(blank)". Groups that are all month names
        (Jan, June, 3月...) are in calendar order, others largest first.
        ``result.attrs["test"]`` holds a test of independence between group and conversion
        (see :func:`independence_test`; None with fewer than two groups or when nobody, or
        everybody, converted).

    Raises
    ------
    InputError
        When a column is missing or the flags cannot be read.
    """
    by = [by] if isinstance(by, str) else list(by)
    for column in [flag_column, *by]:
        if column not in frame:
            raise InputError("error.conversion.missing_column", column=quoted(column))
    flags = to_flags(frame[flag_column], flag_column)
    known = flags.notna()
    groups = _group_labels(frame.loc[known, by])
    counts = pd.DataFrame({"group": groups, "hit": flags[known].astype(bool).to_numpy()})
    table = counts.groupby("group", sort=False)["hit"].agg(converted="sum", exposed="size").reset_index()
    table = _with_rates(table)
    table = _ordered(table)
    table.attrs["test"] = independence_test(table["converted"].to_numpy(), table["exposed"].to_numpy())
    return table[BY_COLUMNS]


def _group_labels(values: pd.DataFrame) -> np.ndarray:
    labels = [value_labels(values[column]).fillna(BLANK_GROUP).astype(object) for column in values.columns]
    joined = labels[0]
    for more in labels[1:]:
        joined = joined + " / " + more
    return joined.to_numpy()


def _with_rates(table: pd.DataFrame) -> pd.DataFrame:
    table = table.astype({"converted": int, "exposed": int})
    low, high = metrics.wilson_bounds(table["converted"].to_numpy(), table["exposed"].to_numpy())
    table["rate"] = 100 * table["converted"] / table["exposed"]
    table["low"], table["high"] = 100 * low, 100 * high
    table["n"] = table["exposed"]
    table["small_sample"] = table["n"] < metrics.SMALL_SAMPLE
    return table


def _ordered(table: pd.DataFrame) -> pd.DataFrame:
    months = table["group"].map(_month_number)
    if len(table) and months.notna().all():
        ordered = table.assign(_order=months).sort_values("_order", kind="stable")
        return ordered.drop(columns="_order").reset_index(drop=True)
    return table.sort_values(["exposed", "group"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _month_number(label: str) -> float:
    """1-12 for a month name (Jan, June, september) or 1月..12月; NaN otherwise."""
    text = str(label).strip().lower()
    chinese = _CHINESE_MONTH.match(text)
    if chinese and 1 <= int(chinese.group(1)) <= 12:
        return float(chinese.group(1))
    return float(_MONTHS[text.rstrip(".")]) if text.rstrip(".") in _MONTHS else np.nan


def independence_test(converted, exposed) -> dict | None:
    """Test whether conversion depends on the group: chi-square, or an exact test when counts are small.

    Pearson's chi-square test of the groups x (converted, not converted) table is used when
    its expected counts meet Cochran's rule: none below 1 and no more than 20% of the cells
    below 5. Otherwise the chi-square distribution is a poor approximation, and the p-value
    comes from an exact test instead: Fisher's exact test (two-sided) for two groups, and for
    more groups a Monte Carlo exact test -- the group labels are permuted ``MONTE_CARLO_DRAWS``
    times (the conversions per group of a permutation follow a multivariate hypergeometric
    distribution given the group sizes and the total converted; seed ``SEED``), and
    p = (permuted tables with a chi-square statistic at least the observed one + 1) /
    (draws + 1).

    Parameters
    ----------
    converted, exposed : array-like of int
        Converted and exposed counts, one per group.

    Returns
    -------
    dict or None
        - ``test``: the test the p-value comes from: ``chi_square``, ``fisher_exact`` or
          ``monte_carlo_exact``;
        - ``p_value``: its two-sided p-value;
        - ``statistic`` and ``dof``: Pearson's chi-square statistic (no continuity correction)
          and its degrees of freedom, whichever test gave the p-value;
        - ``min_expected`` and ``small_expected_share``: the smallest expected count and the
          share of cells expected below 5, which Cochran's rule is checked on;
        - ``reason``: None for the chi-square test, ``small_expected`` when Cochran's rule
          failed and an exact test replaced it;
        - ``draws``: the number of permutations of the Monte Carlo test (None otherwise).

        None with fewer than two groups, or when nobody or everybody converted (there is then
        nothing to test).
    """
    converted = np.asarray(converted, dtype=np.int64)
    exposed = np.asarray(exposed, dtype=np.int64)
    observed = np.column_stack([converted, exposed - converted])
    if len(observed) < 2 or (observed.sum(axis=0) == 0).any():
        return None
    statistic, dof, expected = contingency.pearson(observed)
    result = {"test": "chi_square", "p_value": contingency.chi_square_p(statistic, dof), "statistic": statistic,
              "dof": dof, "min_expected": float(expected.min()), "small_expected_share": float((expected < 5).mean()),
              "reason": None, "draws": None}
    if result["min_expected"] >= 1 and result["small_expected_share"] <= 0.2:
        return result
    result["reason"] = "small_expected"
    if len(observed) == 2:
        from scipy.stats import fisher_exact  # only here: importing scipy.stats takes about a second

        result.update(test="fisher_exact", p_value=float(fisher_exact(observed).pvalue))
    else:
        result.update(test="monte_carlo_exact", draws=MONTE_CARLO_DRAWS,
                      p_value=contingency.monte_carlo_p(observed, expected, statistic, MONTE_CARLO_DRAWS, SEED))
    return result
