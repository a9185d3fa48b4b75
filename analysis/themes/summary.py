"""What the themes say as a whole: the theme table, themes by group and over time, themes as drivers.

Every function takes comments coded by :func:`analysis.themes.codeframe.code_texts` (``coded``,
one row a comment, its index that of the comments) and the codeframe they were coded with.

- :func:`theme_table`: per code its name, top terms, size (comments whose strongest code it is)
  and share of all comments, its stability when discovered (:func:`analysis.themes.discover.stability`;
  NaN when not measured), mentions (comments carrying it), representative comments (the most
  central: highest theme score, or strength for keyword and example codes; raw text, callers
  escape) and, given sentiment labels, share negative with its Wilson 95% interval and the
  emotion mix.
- :func:`themes_by_group`: each code's share of each group's comments (a comment counts for every
  code it carries), a chi-square test of independence per code (its presence against the group;
  with two groups the square of the pooled two-proportion z), Holm across codes.
- :func:`emerging_themes`: each code's share in the last two periods of a date column, the pooled
  two-proportion z test of the change, Holm across codes; a code is emerging when its share grew
  and the adjusted p-value is below 0.05.
- :func:`theme_drivers`: code presence (0/1) as drivers of a yes/no outcome (promoter against
  detractor, satisfied or not) by logistic regression (maximum likelihood, Newton's method), with
  Wald z tests, odds ratios and Holm across codes.
- :func:`theme_log_odds`: what one group talks about that another does not: the log-odds ratio
  with an informative Dirichlet prior (:func:`analysis.sentiment.terms.log_odds_z`) per code, and
  the two-proportion z test of the two shares with Holm across codes.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from analysis.errors import InputError
from analysis.sentiment.base import EMOTIONS, UNDETECTED
from analysis.sentiment.summary import shares
from analysis.sentiment.terms import PRIOR, log_odds_z
from analysis.significance import holm, proportion_counts_test
from analysis.themes.codeframe import Codeframe, theme_scores
from analysis.trends import period_rule

EXAMPLES = 4
ALPHA = 0.05
MIN_PRESENT = 5  # comments a code needs on each side of the outcome to enter the driver model
MAX_COEFFICIENT = 15.0  # a larger logistic coefficient means the outcome is (nearly) separated
TABLE_COLUMNS = ["id", "name", "kind", "terms", "n", "share", "stability", "mentions", "examples"]
SENTIMENT_COLUMNS = ["readable", "negative", "negative_low", "negative_high", "positive", "mean_score", "emotion",
                     *[f"emotion_{e}" for e in EMOTIONS]]


def presence(coded: pd.DataFrame, frame: Codeframe) -> pd.DataFrame:
    """Comments x code ids: 1 when the comment carries the code (``coded["codes"]``), else 0."""
    carried = coded["codes"]
    return pd.DataFrame({code.id: carried.map(lambda ids, c=code.id: int(c in ids)) for code in frame.codes},
                        index=coded.index, dtype=int)


def theme_table(texts: pd.Series, coded: pd.DataFrame, frame: Codeframe, scored: pd.DataFrame | None = None,
                examples: int = EXAMPLES) -> pd.DataFrame:
    """One row per code, in the codeframe's order (see the module notes).

    ``texts`` are the coded comments (same index as ``coded``); ``scored`` a table with
    ``sentiment_label``, ``sentiment_score`` and ``emotion`` on that index adds the sentiment
    columns (of the code's readable comments; NaN for a code with none). ``examples`` distinct
    comments per code. ``attrs``: ``comments`` and ``uncoded`` counts.
    """
    total = len(coded)
    carried = presence(coded, frame)
    centrality = _centrality(texts, coded, frame)
    rows = []
    for code in frame.codes:
        members = coded.index[coded["topic"] == code.id]
        row = {"id": code.id, "name": code.name, "kind": code.kind, "terms": list(code.terms or code.keywords),
               "n": len(members), "share": len(members) / total if total else np.nan,
               "stability": np.nan if code.stability is None else code.stability,
               "mentions": int(carried[code.id].sum()), "examples": _examples(texts, centrality[code.id], members, examples)}
        if scored is not None:
            row.update(_sentiment(scored.loc[members]))
        rows.append(row)
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS + (SENTIMENT_COLUMNS if scored is not None else []))
    table.attrs = {"comments": total, "uncoded": int((coded["topic"] == "").sum())}
    return table


def _centrality(texts: pd.Series, coded: pd.DataFrame, frame: Codeframe) -> dict[str, pd.Series]:
    """Per code, how central each comment is: its theme score for a theme, its strength otherwise."""
    scores = theme_scores(texts, frame)
    themes = [code.id for code in frame.codes if code.kind == "theme"]
    central = {code_id: pd.Series(scores[:, i], index=coded.index) for i, code_id in enumerate(themes)}
    return {code.id: central.get(code.id, coded[code.id]) for code in frame.codes}


def _examples(texts: pd.Series, centrality: pd.Series, members: pd.Index, count: int) -> list[str]:
    """The ``count`` most central distinct comments among ``members`` (ties in input order)."""
    order = centrality.loc[members].sort_values(ascending=False, kind="stable").index
    chosen = []
    for text in texts.loc[order]:
        if isinstance(text, str) and text.strip() and text not in chosen:
            chosen.append(text)
        if len(chosen) == count:
            break
    return chosen


def _sentiment(part: pd.DataFrame) -> dict:
    """Share negative (Wilson 95%), positive, mean score, commonest emotion and the emotion mix of readable texts."""
    readable = part[part["sentiment_label"] != UNDETECTED]
    if readable.empty:
        return {"readable": 0, **{column: np.nan for column in SENTIMENT_COLUMNS[1:]}}
    figures = shares(readable)
    mix = readable["emotion"].value_counts(normalize=True)
    return {"readable": len(readable), **{key: figures[key] for key in SENTIMENT_COLUMNS[1:7]},
            **{f"emotion_{e}": float(mix.get(e, 0.0)) for e in EMOTIONS}}


def themes_by_group(coded: pd.DataFrame, frame: Codeframe, groups: pd.Series, min_n: int = 1) -> pd.DataFrame:
    """Per code: its share of each group's comments, the chi-square test of its presence against the
    group, and the Holm-adjusted p-value across codes.

    ``groups`` runs on ``coded``'s index; comments with no group (missing, empty, ``undetected``)
    are left out, as are groups with fewer than ``min_n`` comments. Columns: ``id``, ``name``, one
    share column per group (sorted, or category order), ``statistic``, ``dof``, ``p_value``,
    ``p_adjusted`` and ``significant`` (adjusted p below 0.05). A code no comment or every comment
    carries is not tested (NaN). ``attrs``: ``groups`` (name -> comments) and ``left_out``
    (comments with no group or in a group below ``min_n``).
    """
    groups = groups.reindex(coded.index)
    valid = groups.notna() & ~groups.astype("string").str.strip().isin(["", UNDETECTED]).fillna(True)
    counts = groups[valid].value_counts()
    kept = counts[counts >= min_n]
    names = [g for g in groups.cat.categories if g in kept.index] if isinstance(groups.dtype, pd.CategoricalDtype) \
        else sorted(kept.index, key=str)
    inside = valid & groups.isin(names)
    carried = presence(coded, frame)[inside]
    member = groups[inside]
    rows = []
    for code in frame.codes:
        hits = carried[code.id].groupby(member).sum().reindex(names, fill_value=0).to_numpy()
        sizes = kept.reindex(names).to_numpy()
        row = {"id": code.id, "name": code.name, **{g: h / n for g, h, n in zip(names, hits, sizes)}}
        row.update(_chi_square(hits, sizes))
        rows.append(row)
    table = pd.DataFrame(rows, columns=["id", "name", *names, "statistic", "dof", "p_value"])
    table["p_adjusted"] = holm(table["p_value"].to_numpy(dtype=float))
    table["significant"] = table["p_adjusted"] < ALPHA
    table.attrs = {"groups": {g: int(kept[g]) for g in names}, "left_out": int(len(coded) - inside.sum())}
    return table


def _chi_square(hits: np.ndarray, sizes: np.ndarray) -> dict:
    """Pearson's chi-square (no continuity correction) of a 2 x groups table of carriers and the rest."""
    if len(sizes) < 2 or hits.sum() == 0 or hits.sum() == sizes.sum():
        return {"statistic": np.nan, "dof": np.nan, "p_value": np.nan}
    table = np.vstack([hits, sizes - hits])
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0, keepdims=True) / table.sum()
    statistic = float(((table - expected) ** 2 / expected).sum())
    dof = len(sizes) - 1
    return {"statistic": statistic, "dof": dof, "p_value": float(stats.chi2.sf(statistic, dof))}


def emerging_themes(coded: pd.DataFrame, frame: Codeframe, dates: pd.Series, freq: str = "auto") -> pd.DataFrame:
    """Per code: its share of the comments of the last two periods (day, week or month as
    :func:`analysis.trends.period_rule` picks for ``freq``) that have comments, the change, the
    pooled two-proportion z test (last against previous), Holm across codes and ``emerging``
    (the share grew and the adjusted p-value is below 0.05). Comments without a readable date are
    left out (``attrs["left_out"]``); ``attrs`` also names the two periods and their sizes.
    :class:`InputError` when no date is readable or the dates fall in one period.
    """
    stamps = pd.to_datetime(dates.reindex(coded.index), errors="coerce", utc=True).dt.tz_convert(None)
    if stamps.notna().sum() == 0:
        raise InputError("error.trend.no_dates")
    period = stamps.dt.to_period(period_rule(stamps.dropna(), freq)).dt.start_time
    starts = sorted(period.dropna().unique())
    if len(starts) < 2:
        raise InputError("error.themes.one_period")
    previous, last = starts[-2], starts[-1]
    carried = presence(coded, frame)
    n_prev, n_last = int((period == previous).sum()), int((period == last).sum())
    rows = []
    for code in frame.codes:
        x_prev, x_last = int(carried.loc[period == previous, code.id].sum()), int(carried.loc[period == last, code.id].sum())
        test = proportion_counts_test(x_last, n_last, x_prev, n_prev)
        rows.append({"id": code.id, "name": code.name, "previous": x_prev / n_prev, "last": x_last / n_last,
                     "change": x_last / n_last - x_prev / n_prev, "z": test["statistic"],
                     "p_value": test["p_value"] if x_prev + x_last else np.nan})
    table = pd.DataFrame(rows, columns=["id", "name", "previous", "last", "change", "z", "p_value"])
    table["p_adjusted"] = holm(table["p_value"].to_numpy(dtype=float))
    table["emerging"] = (table["change"] > 0) & (table["p_adjusted"] < ALPHA)
    table.attrs = {"previous": previous, "last": last, "n_previous": n_prev, "n_last": n_last,
                   "left_out": int(stamps.isna().sum())}
    return table


def nps_outcome(scores: pd.Series) -> pd.Series:
    """1 for a promoter (9-10), 0 for a detractor (0-6), NaN for a passive or a missing score."""
    values = pd.to_numeric(scores, errors="coerce")
    return pd.Series(np.where(values >= 9, 1.0, np.where(values <= 6, 0.0, np.nan)), index=scores.index).where(values.notna())


def linked_outcome(comment_ids: pd.Series, respondent_ids: pd.Series, outcome: pd.Series) -> pd.Series:
    """Each comment's outcome (on ``comment_ids``' index): that of the respondent whose id (``respondent_ids``, on
    ``outcome``'s index; ids compared as given, the first respondent of a repeated id counting) it carries; NaN
    for a comment without a matching respondent."""
    first = respondent_ids.dropna()
    first = first[~first.duplicated()]
    rows = comment_ids.map(pd.Series(first.index, index=first.to_numpy()))
    return pd.Series(outcome.reindex(rows.dropna()).to_numpy(), index=rows.dropna().index).reindex(comment_ids.index)


def theme_drivers(coded: pd.DataFrame, frame: Codeframe, outcome: pd.Series, min_present: int = MIN_PRESENT) -> pd.DataFrame:
    """Code presence as drivers of a 0/1 ``outcome`` (on ``coded``'s index; NaN leaves a comment out).

    One logistic regression of the outcome on an intercept and the presence of every code carried
    by at least ``min_present`` comments with each outcome (and not a copy of codes already in the
    model); maximum likelihood by Newton's method. Columns: ``id``, ``name``, ``coefficient``
    (log odds ratio: positive when the code goes with outcome 1), ``odds_ratio``, ``se``, ``z``,
    ``p_value`` (Wald), ``p_adjusted`` (Holm across the modelled codes), ``significant``, ``with``
    and ``without`` (the outcome's share among comments carrying the code and the others) and
    ``status``: ``modelled``, ``too_few`` or ``collinear``; ``separated`` when the fit does not
    settle (the code, or a mix of codes, predicts the outcome perfectly; no test then). Sorted by
    z, largest first. ``attrs``: ``rows`` used, ``left_out``, ``converged``.
    """
    y_all = pd.to_numeric(outcome.reindex(coded.index), errors="coerce")
    used = y_all.isin([0, 1])
    y = y_all[used].to_numpy(dtype=float)
    carried = presence(coded, frame)[used]
    status, columns = {}, []
    for code in sorted(frame.codes, key=lambda c: -int(carried[c.id].sum())):
        x = carried[code.id].to_numpy()
        if min(int((x * y).sum()), int((x * (1 - y)).sum())) < min_present or x.all():
            status[code.id] = "too_few"
        elif np.linalg.matrix_rank(_design(carried, columns + [code.id])) <= len(columns) + 1:
            status[code.id] = "collinear"
        else:
            columns.append(code.id)
            status[code.id] = "modelled"
    beta, cov, converged = logistic_fit(_design(carried, columns), y) if columns else (np.zeros(1), np.zeros((1, 1)), True)
    rows = []
    for code in frame.codes:
        x = carried[code.id].to_numpy()
        row = {"id": code.id, "name": code.name, "with": y[x == 1].mean() if x.any() else np.nan,
               "without": y[x == 0].mean() if (x == 0).any() else np.nan, "status": status[code.id]}
        if status[code.id] == "modelled":
            j = columns.index(code.id) + 1
            coefficient, se = float(beta[j]), float(np.sqrt(cov[j, j]))
            if not converged or abs(coefficient) > MAX_COEFFICIENT:
                row["status"] = "separated"
            else:
                z = coefficient / se
                row.update(coefficient=coefficient, odds_ratio=float(np.exp(coefficient)), se=se, z=z,
                           p_value=float(2 * stats.norm.sf(abs(z))))
        rows.append(row)
    table = pd.DataFrame(rows, columns=["id", "name", "coefficient", "odds_ratio", "se", "z", "p_value", "with",
                                        "without", "status"])
    table.insert(7, "p_adjusted", holm(table["p_value"].to_numpy(dtype=float)))
    table.insert(8, "significant", table["p_adjusted"] < ALPHA)
    table.attrs = {"rows": int(used.sum()), "left_out": int((~used).sum()), "converged": bool(converged)}
    return table.sort_values("z", ascending=False, kind="stable", na_position="last", ignore_index=True)


def _design(carried: pd.DataFrame, columns: list[str]) -> np.ndarray:
    return np.column_stack([np.ones(len(carried)), carried[columns].to_numpy(dtype=float)])


def logistic_fit(x: np.ndarray, y: np.ndarray, iterations: int = 100, tolerance: float = 1e-10):
    """Maximum-likelihood logistic regression by Newton's method: coefficients, their covariance
    (the inverse of the information matrix at the estimate) and whether the fit converged (it
    does not when a coefficient runs past :data:`MAX_COEFFICIENT`: the outcome is separated)."""
    beta = np.zeros(x.shape[1])
    converged = False
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-(x @ beta)))
        step = np.linalg.pinv(_information(x, p)) @ (x.T @ (y - p))
        beta = beta + step
        if np.any(np.abs(beta) > MAX_COEFFICIENT):
            break
        if np.max(np.abs(step)) < tolerance:
            converged = True
            break
    return beta, np.linalg.pinv(_information(x, 1 / (1 + np.exp(-(x @ beta))))), converged


def _information(x: np.ndarray, p: np.ndarray) -> np.ndarray:
    return x.T @ (x * (p * (1 - p))[:, None])


def theme_log_odds(coded: pd.DataFrame, frame: Codeframe, groups: pd.Series, focus, against,
                   prior: float = PRIOR) -> pd.DataFrame:
    """What the ``focus`` group's comments talk about that the ``against`` group's do not.

    Per code: how many of each group's comments carry it, those shares, and Monroe et al.'s
    log-odds z of the focus group against the other (each comment counts once per code; the
    prior spreads ``prior`` times all counts over the codes in proportion to their counts).
    The shares are compared by the pooled two-proportion z test (``p_value``), Holm-adjusted
    across the codes (``p_adjusted``; ``significant`` below 0.05; NaN for a code neither group
    carries). Comments in neither group are left out. Sorted by z, largest first.
    """
    groups = groups.reindex(coded.index)
    carried = presence(coded, frame)
    in_focus, in_other = (groups == focus).to_numpy(), (groups == against).to_numpy()
    focus_counts = carried[in_focus].sum().to_numpy(dtype=float)
    other_counts = carried[in_other].sum().to_numpy(dtype=float)
    total = focus_counts + other_counts
    with np.errstate(divide="ignore", invalid="ignore"):
        z = log_odds_z(focus_counts, total, prior * total.sum()) if total.sum() else np.full(len(total), np.nan)
    table = pd.DataFrame({"id": [c.id for c in frame.codes], "name": [c.name for c in frame.codes],
                          "count": focus_counts.astype(int), "count_other": other_counts.astype(int),
                          "share": focus_counts / max(int(in_focus.sum()), 1),
                          "share_other": other_counts / max(int(in_other.sum()), 1), "z": z})
    sizes = int(in_focus.sum()), int(in_other.sum())
    table["p_value"] = [proportion_counts_test(a, sizes[0], b, sizes[1])["p_value"] if a + b else np.nan
                        for a, b in zip(focus_counts, other_counts)]
    table["p_adjusted"] = holm(table["p_value"].to_numpy(dtype=float))
    table["significant"] = table["p_adjusted"] < ALPHA
    table.attrs = {"focus": int(in_focus.sum()), "other": int(in_other.sum())}
    return table.sort_values("z", ascending=False, kind="stable", na_position="last", ignore_index=True)

