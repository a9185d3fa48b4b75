"""Compare two groups of respondents on every metric, with a significance test and effect size.

:func:`compare_groups` answers "do these two groups really differ?" for NPS, CSAT, the
satisfied share, CES and every touchpoint, each with the test the design notes prescribe:

- NPS: percentile bootstrap 95% interval of the difference (2,000 resamples, seed 0) and a
  permutation p-value (2,000 random relabellings); effect size Hedges' g on the
  promoter / passive / detractor scores (+1 / 0 / -1), whose mean is NPS / 100.
- CSAT top-two-box share and satisfied share: two-proportion z test (pooled), Newcombe's
  hybrid score interval for the difference, effect size Cohen's h.
- CES and touchpoint means: Welch's t test and interval, effect size Hedges' g.

Both resampling schemes are drawn in one vectorised step: resampling respondents of a
group with replacement only matters through the counts of promoters, passives and
detractors, which follow a multinomial distribution; relabelling the pooled respondents
gives group counts that follow a multivariate hypergeometric distribution.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.errors import InputError, quoted
from analysis.messages import say
from analysis.metrics import SMALL_SAMPLE, top_boxes, wilson
from analysis.prepare import Prepared
from analysis.schema import value_labels

RESAMPLES = 2000
SEED = 0
ALPHA = 0.05
COMPARE_COLUMNS = ["metric", "group_a", "value_a", "n_a", "group_b", "value_b", "n_b", "difference", "low",
                   "high", "test", "statistic", "p_value", "p_holm", "effect_size", "effect_label", "significant",
                   "sentence"]
_NAMES = {"nps": "NPS", "csat": "CSAT (top-2 share)", "satisfied": "The satisfied share", "ces": "CES"}


def compare_groups(prepared: Prepared, by: str, groups: tuple[str, str] | None = None) -> pd.DataFrame:
    """Compare two groups of respondents on every metric and touchpoint present.

    Parameters
    ----------
    prepared : Prepared
        A prepared survey export.
    by : str
        The column that defines the groups (for example ``Type of Travel``).
    groups : tuple of two str, optional
        The two groups to compare, as written in the data. By default the two largest
        groups (ties broken alphabetically), the larger one first.

    Returns
    -------
    pandas.DataFrame
        One row per metric: ``nps``, ``csat``, ``satisfied``, ``ces`` (first column of each
        role present) and then every touchpoint, by its column name. Columns:

        - ``metric``, ``group_a``, ``value_a``, ``n_a``, ``group_b``, ``value_b``, ``n_b``:
          the metric in each group, on its usual unit (NPS points, % for shares, the
          rating scale for means) and the number of valid answers.
        - ``difference``: ``value_a - value_b``; ``low``, ``high``: its 95% interval.
        - ``test``, ``statistic``, ``p_value``: the test, its statistic and two-sided p.
        - ``effect_size``: Hedges' g (means, NPS) or Cohen's h (shares), signed like the
          difference; ``effect_label``: negligible (< 0.2), small (< 0.5), medium (< 0.8)
          or large in absolute value.
        - ``p_holm``: the p-value adjusted for testing every metric at once (Holm's step-down);
          use it when scanning the whole table for any real difference.
        - ``significant``: p < 0.05 (unadjusted: each metric read on its own).
        - ``sentence``: the finding in plain English, with small groups (n < 30) flagged.

        A metric that cannot be tested (fewer than two answers in a group) has NaN
        statistics and says so in its sentence. ``df.attrs`` holds ``by`` and ``groups``.

    Raises
    ------
    InputError
        When ``by`` is not a column, has fewer than two groups, or a named group is missing.

    Notes
    -----
    Every metric is tested separately at the 5% level, so among twenty metrics with no
    real difference about one will be flagged by chance; ``p_holm`` controls that.
    """
    labels = _group_labels(prepared, by)
    group_a, group_b = _choose_groups(labels, by, groups)
    in_a = labels.eq(group_a).fillna(False).to_numpy(dtype=bool)
    in_b = labels.eq(group_b).fillna(False).to_numpy(dtype=bool)
    responses = prepared.responses
    rows = []
    for role in ("nps", "csat", "ces"):
        columns = prepared.columns(role)
        if not columns:
            continue
        column = columns[0]
        spec = prepared.spec(column)
        values = responses[column].to_numpy(dtype=float)
        if role == "nps":
            result = _nps_test(_valid(values, in_a), _valid(values, in_b))
        elif role == "csat":
            low_box, high_box = top_boxes(spec.scale_min, spec.scale_max)
            flags = np.where(np.isnan(values), np.nan, (values >= low_box) & (values <= high_box))
            result = _proportion_test(_valid(flags, in_a), _valid(flags, in_b))
        else:
            result = _welch_test(_valid(values, in_a), _valid(values, in_b))
        rows.append({"metric": role, **result})
    outcomes = prepared.columns("outcome")
    if outcomes:
        flags = pd.to_numeric(responses[outcomes[0]].map({True: 1.0, False: 0.0}), errors="coerce").to_numpy(dtype=float)
        rows.append({"metric": "satisfied", **_proportion_test(_valid(flags, in_a), _valid(flags, in_b))})
    for column in prepared.columns("touchpoint"):
        if column == by:
            continue
        values = prepared.scores[column].to_numpy(dtype=float)
        rows.append({"metric": column, **_welch_test(_valid(values, in_a), _valid(values, in_b))})

    table = pd.DataFrame(rows, columns=[c for c in COMPARE_COLUMNS if c not in ("group_a", "group_b")])
    table.insert(1, "group_a", group_a)
    table.insert(4, "group_b", group_b)
    table["effect_label"] = [effect_label(value) for value in table["effect_size"]]
    table["p_holm"] = holm(table["p_value"].to_numpy(dtype=float))
    table["significant"] = (table["p_value"] < ALPHA).fillna(False).astype(bool)
    table["sentence"] = [_sentence(row) for row in table.to_dict("records")]
    table = table[COMPARE_COLUMNS]
    table.attrs = {"by": by, "groups": [group_a, group_b]}
    return table


def holm(p_values: np.ndarray) -> np.ndarray:
    """Holm's step-down adjustment of a family of p-values (NaN stays NaN)."""
    adjusted = np.full(len(p_values), np.nan)
    tested = np.flatnonzero(~np.isnan(p_values))
    order = tested[np.argsort(p_values[tested], kind="stable")]
    running = 0.0
    for rank, position in enumerate(order):
        running = max(running, min(1.0, (len(order) - rank) * p_values[position]))
        adjusted[position] = running
    return adjusted


def _group_labels(prepared: Prepared, by: str) -> pd.Series:
    """The group of every response as text (NaN where the column is blank)."""
    mapped = set(prepared.mapping["column"])
    if by not in mapped:
        raise InputError("error.compare.not_a_column", column=quoted(by))
    if by not in prepared.responses.columns:
        raise InputError("error.compare.ignored_column", column=quoted(by))
    return value_labels(prepared.responses[by])


def default_groups(prepared: Prepared, by: str) -> tuple[str, str]:
    """The two groups :func:`compare_groups` compares when none are named: the two largest of ``by``.

    Raises the same ``InputError`` as :func:`compare_groups` when ``by`` has no two groups.
    """
    return _choose_groups(_group_labels(prepared, by), by, None)


def _choose_groups(labels: pd.Series, by: str, groups: tuple[str, str] | None) -> tuple[str, str]:
    """The two groups to compare: the named ones, or the two largest."""
    counts = labels.value_counts()
    order = sorted(counts.index, key=lambda label: (-counts[label], label))
    if len(order) < 2:
        if order:
            raise InputError("error.compare.one_group", column=quoted(by), group=quoted(order[0]))
        raise InputError("error.compare.no_groups", column=quoted(by))
    if groups is None:
        return order[0], order[1]
    if len(groups) != 2 or groups[0] == groups[1]:
        raise InputError("error.compare.same_groups", column=quoted(by), first=quoted(order[0]),
                         second=quoted(order[1]))
    chosen = tuple(str(group).strip() for group in groups)
    missing = [group for group in chosen if group not in counts.index]
    if missing:
        shown = [quoted(label) for label in order[:10]]
        if len(order) > 10:
            shown = say("error.compare.more_groups", shown=shown, more=len(order) - 10)
        raise InputError("error.compare.unknown_group", column=quoted(by), group=quoted(missing[0]), groups=shown)
    return chosen


def _valid(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The non-missing values of one group."""
    chosen = values[mask]
    return chosen[~np.isnan(chosen)]


def effect_label(size: float | None) -> str | None:
    """Cohen's words for an effect size (d, g or h): negligible, small, medium or large (None if NaN)."""
    if size is None or np.isnan(size):
        return None
    size = abs(size)
    return "negligible" if size < 0.2 else "small" if size < 0.5 else "medium" if size < 0.8 else "large"


def _empty_result(a: np.ndarray, b: np.ndarray, value_a: float, value_b: float, test: str) -> dict:
    return {"value_a": value_a, "n_a": len(a), "value_b": value_b, "n_b": len(b),
            "difference": value_a - value_b, "low": math.nan, "high": math.nan, "test": test,
            "statistic": math.nan, "p_value": math.nan, "effect_size": math.nan}


def _ratio(difference: float, se: float) -> float:
    """A test statistic; a difference with no sampling noise at all is infinitely significant."""
    if se > 0:
        return difference / se
    return 0.0 if difference == 0 else math.copysign(math.inf, difference)


def hedges_g(a: np.ndarray, b: np.ndarray) -> float:
    """Hedges' g: the difference of means over the pooled SD, corrected for small samples."""
    n_a, n_b = len(a), len(b)
    if n_a < 2 or n_b < 2:
        return math.nan
    pooled = math.sqrt(((n_a - 1) * a.var(ddof=1) + (n_b - 1) * b.var(ddof=1)) / (n_a + n_b - 2))
    correction = 1 - 3 / (4 * (n_a + n_b) - 9)
    return correction * _ratio(float(a.mean() - b.mean()), pooled)


def _welch_test(a: np.ndarray, b: np.ndarray) -> dict:
    """Welch's t test and interval for a difference of means."""
    from scipy.special import stdtr, stdtrit  # scipy.stats would add a second to CLI start-up

    mean_a = float(a.mean()) if len(a) else math.nan
    mean_b = float(b.mean()) if len(b) else math.nan
    result = _empty_result(a, b, mean_a, mean_b, "Welch t")
    if len(a) < 2 or len(b) < 2:
        return result
    var_a, var_b = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    se = math.sqrt(var_a + var_b)
    difference = mean_a - mean_b
    t = _ratio(difference, se)
    if se > 0:
        df = (var_a + var_b) ** 2 / (var_a**2 / (len(a) - 1) + var_b**2 / (len(b) - 1))
        half = float(stdtrit(df, 0.975)) * se
        p_value = float(2 * stdtr(df, -abs(t)))
    else:
        half, p_value = 0.0, (1.0 if difference == 0 else 0.0)
    result.update(low=difference - half, high=difference + half, statistic=t, p_value=p_value,
                  effect_size=hedges_g(a, b))
    return result


def _proportion_test(a: np.ndarray, b: np.ndarray) -> dict:
    """Two-proportion z test (pooled), Newcombe hybrid score interval and Cohen's h, in %."""
    from scipy.special import ndtr

    share_a = float(a.mean()) if len(a) else math.nan
    share_b = float(b.mean()) if len(b) else math.nan
    result = _empty_result(a, b, 100 * share_a, 100 * share_b, "two-proportion z")
    if len(a) == 0 or len(b) == 0:
        return result
    pooled = (a.sum() + b.sum()) / (len(a) + len(b))
    se = math.sqrt(pooled * (1 - pooled) * (1 / len(a) + 1 / len(b)))
    difference = share_a - share_b
    z = _ratio(difference, se)
    p_value = float(2 * ndtr(-abs(z))) if se > 0 else (1.0 if difference == 0 else 0.0)
    low_a, high_a = wilson(int(a.sum()), len(a))
    low_b, high_b = wilson(int(b.sum()), len(b))
    low = difference - math.sqrt((share_a - low_a) ** 2 + (high_b - share_b) ** 2)
    high = difference + math.sqrt((high_a - share_a) ** 2 + (share_b - low_b) ** 2)
    h = 2 * math.asin(math.sqrt(share_a)) - 2 * math.asin(math.sqrt(share_b))
    result.update(low=100 * low, high=100 * high, statistic=z, p_value=p_value, effect_size=h)
    return result


def _nps_test(a: np.ndarray, b: np.ndarray) -> dict:
    """NPS difference: bootstrap percentile interval, permutation p-value, Hedges' g."""
    score_a, score_b = _nps_scores(a), _nps_scores(b)
    value_a = 100 * float(score_a.mean()) if len(a) else math.nan
    value_b = 100 * float(score_b.mean()) if len(b) else math.nan
    result = _empty_result(a, b, value_a, value_b, "bootstrap")
    if len(a) < 2 or len(b) < 2:
        return result
    rng = np.random.default_rng(SEED)
    counts_a, counts_b = _nps_counts(score_a), _nps_counts(score_b)
    boot_a = rng.multinomial(len(a), counts_a / len(a), size=RESAMPLES)
    boot_b = rng.multinomial(len(b), counts_b / len(b), size=RESAMPLES)
    boot = 100 * ((boot_a[:, 0] - boot_a[:, 2]) / len(a) - (boot_b[:, 0] - boot_b[:, 2]) / len(b))
    difference = value_a - value_b
    low, high = np.percentile(boot, [2.5, 97.5])
    # Permutation: group a's counts under random relabelling of the pooled respondents.
    pooled = counts_a + counts_b
    perm_a = rng.multivariate_hypergeometric(pooled, len(a), size=RESAMPLES)
    perm_b = pooled - perm_a
    perm = 100 * ((perm_a[:, 0] - perm_a[:, 2]) / len(a) - (perm_b[:, 0] - perm_b[:, 2]) / len(b))
    extreme = int((np.abs(perm) >= abs(difference) - 1e-9).sum())
    p_value = (extreme + 1) / (RESAMPLES + 1)
    result.update(low=float(low), high=float(high), statistic=_ratio(difference, float(boot.std(ddof=1))),
                  p_value=p_value, effect_size=hedges_g(score_a, score_b))
    return result


def _nps_scores(values: np.ndarray) -> np.ndarray:
    """+1 for promoters (9-10), -1 for detractors (0-6), 0 for passives."""
    return np.where(values >= 9, 1.0, np.where(values <= 6, -1.0, 0.0))


def _nps_counts(scores: np.ndarray) -> np.ndarray:
    """Counts of promoters, passives and detractors."""
    return np.array([(scores == 1).sum(), (scores == 0).sum(), (scores == -1).sum()], dtype=np.int64)


def format_p(p_value: float) -> str:
    """'p < 0.001', 'p = 0.004', 'p = 0.41'; three decimals near 0.05, so 0.0503 is not shown as 0.05."""
    if p_value < 0.001:
        return "p < 0.001"
    return f"p = {p_value:.3f}" if p_value < 0.01 or 0.04 <= p_value < 0.06 else f"p = {p_value:.2f}"


def _sentence(row: dict) -> str:
    """The finding of one comparison in plain English."""
    metric, a, b = row["metric"], row["group_a"], row["group_b"]
    name = _NAMES.get(metric, metric)
    kind = "share" if metric in ("csat", "satisfied") else "nps" if metric == "nps" else "mean"
    caution = _small_sample_note(row)
    if pd.isna(row["p_value"]):
        counts = f"{a}: n = {row['n_a']}, {b}: n = {row['n_b']}"
        return f"{name} cannot be compared between {a} and {b}: too few answers ({counts})."
    difference = row["difference"]
    size = abs(difference)
    decimals = 2 if kind == "mean" else 1
    number = f"{size:.{decimals}f}" if round(size, decimals) > 0 else f"{size:.2g}"
    unit = {"mean": "points", "share": "percentage points", "nps": "points"}[kind]
    direction = "higher" if difference > 0 else "lower"
    if difference == 0:
        lead = (f"{name} is rated the same on average by {a} and by {b}" if kind == "mean"
                else f"{name} is the same among {a} and among {b}")
    elif kind == "mean":
        lead = f"{name} is rated {number} {unit} {direction} by {a} than by {b}"
    else:
        lead = f"{name} is {number} {unit} {direction} among {a} than among {b}"
    if row["significant"]:
        verdict = "a real but negligible difference" if row["effect_label"] == "negligible" else "a real difference"
        text = f"{lead} ({row['test']}, {format_p(row['p_value'])}, {row['effect_label']} effect): {verdict}."
    else:
        text = f"{lead}: the difference is within noise ({row['test']}, {format_p(row['p_value'])})."
    return text + caution


def _small_sample_note(row: dict) -> str:
    small = [f"{group} (n = {n})" for group, n in ((row["group_a"], row["n_a"]), (row["group_b"], row["n_b"]))
             if n < SMALL_SAMPLE]
    if not small:
        return ""
    return f" Small sample: {' and '.join(small)}, so treat this with caution."


def to_records(df: pd.DataFrame) -> list[dict]:
    """The rows of a :func:`compare_groups` result as JSON-ready dicts.

    NaN and infinite numbers become None, numpy scalars become Python numbers.
    """
    records = []
    for row in df.to_dict("records"):
        clean = {}
        for key, value in row.items():
            if isinstance(value, (np.bool_, bool)):
                value = bool(value)
            elif isinstance(value, (np.integer, int)):
                value = int(value)
            elif isinstance(value, (np.floating, float)):
                value = float(value) if math.isfinite(value) else None
            clean[key] = value
        records.append(clean)
    return records
