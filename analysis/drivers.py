"""Key-driver analysis: which touchpoints move the overall outcome, and how well they perform.

:func:`key_drivers` regresses the overall outcome (NPS, CSAT or the satisfied flag) on the
touchpoint ratings and splits the explained variance R² between the touchpoints with
Johnson's relative weights (Johnson 2000, *Multivariate Behavioral Research* 35(1), 1-19).
Relative weights, unlike regression coefficients, stay sensible when ratings are
correlated with each other (as touchpoint ratings always are): each is non-negative and
together they add up to R². Each touchpoint is then placed in an importance-performance
matrix; the "fix first" quadrant is high importance with low performance. A relative weight has
no sign, so each touchpoint also carries its direction (the sign of its standardised
coefficient): a touchpoint whose higher ratings go with a worse outcome is a negative driver,
said so, and never put in "fix first".

:func:`explain_drivers` words the result as messages (:mod:`analysis.messages`).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.errors import InputError, quoted
from analysis.messages import Message, say
from analysis.metrics import effective_n, format_p, paired
from analysis.prepare import Prepared

MIN_ROWS = 30
MIN_ANSWERED = 0.5


def key_drivers(prepared: Prepared, outcome: str | None = None, weights: pd.Series | None = None) -> pd.DataFrame:
    """Relative importance of each touchpoint for the overall outcome, with its performance.

    The outcome and the ratings are standardised over the complete rows and the outcome is
    regressed on all ratings at once (ordinary least squares). The R² of that model is split
    between the touchpoints with Johnson's relative weights: with the eigendecomposition
    ``Rxx = V diag(λ) Vᵀ`` of the ratings' correlation matrix, ``Λ = V diag(√λ) Vᵀ`` holds the
    correlations of the ratings with their closest orthogonal counterparts, ``b = Λ⁻¹ rxy``
    regresses the outcome on those, and the weight of rating ``j`` is ``Σₖ Λⱼₖ² bₖ²``.

    Parameters
    ----------
    prepared : Prepared
        A prepared survey export with touchpoint ratings.
    outcome : str, optional
        Column to explain. By default the first NPS column, else the first CSAT column,
        else the first outcome column (the satisfied flag, as 1/0). A numeric or yes/no
        column of any role may be named instead.
    weights : pandas.Series, optional
        Survey weights by the export's rows (:attr:`analysis.weighting.Weights.values`; NaN leaves a
        row out). The correlations, and so the relative weights, betas and R², are then the weighted
        ones: the model is weighted least squares, and the t tests are those of WLS (statsmodels'
        ``WLS``: residual variance Σw·e² / (n - k - 1) over the rows, n the rows used). The
        performance is the weighted mean rating; ``attrs["effective_n"]`` gives Kish's effective n of
        the rows used.

    Returns
    -------
    pandas.DataFrame
        One row per touchpoint, sorted by importance (largest first), with columns

        - ``touchpoint``: the rating column.
        - ``importance``: relative weight, the part of R² attributable to the touchpoint;
          the column sums to R².
        - ``share``: importance as % of R² (sums to 100).
        - ``beta``: standardised OLS coefficient (effect of one standard deviation of the
          rating, holding the others fixed, in standard deviations of the outcome).
        - ``p_value``: two-sided t test of ``beta`` (n - k - 1 degrees of freedom); a p-value
          too small for a float is the smallest positive one, never 0.
        - ``direction``: ``positive`` (better ratings, better outcome, holding the other
          touchpoints fixed) or ``negative`` (the sign of ``beta``).
        - ``r``: correlation of the rating with the outcome on the complete rows.
        - ``performance``: mean rating over all its valid answers, on 0..1 where 1 is the
          best end of the scale (reverse-scored touchpoints are flipped).
        - ``n``: complete rows used by the model (the same for every touchpoint).
        - ``quadrant``: for positive drivers, ``fix_first`` (importance above the median,
          performance below it), ``strengths`` (importance above, performance not below),
          ``maintain`` (importance not above, performance not below) or ``low_priority``
          (importance not above, performance below); ``negative`` for negative drivers. The
          medians are taken over every touchpoint in the model.

        ``df.attrs`` holds ``r2``, ``outcome`` (the column), ``outcome_label`` (how to name
        it in a sentence), ``n``, ``binary`` (True when the outcome is yes/no: the model is
        then a linear probability model) and ``dropped`` (touchpoint -> a Message saying
        why it was left out).

    Raises
    ------
    InputError
        When there is no outcome, fewer than two usable touchpoints or fewer than 30
        complete rows.

    Notes
    -----
    Missing ratings (N/A) are handled by listwise deletion, after dropping touchpoints that
    fewer than half of the respondents with an outcome answered (they would shrink the
    sample too much) and touchpoints without any variation. A reverse-scored outcome or
    touchpoint (higher = worse) is flipped first, so a positive ``beta`` always means
    "better experience, better outcome". With the 0/1 satisfied flag the model is a linear
    probability model: the weights are shares of R², and the t test assumes a constant
    error variance, which a 0/1 outcome does not have, so its p-values are approximate
    (``explain_drivers`` says so).
    """
    from scipy.special import stdtr  # imported here: scipy.stats would add a second to CLI start-up

    column, label = _outcome_column(prepared, outcome)
    y = _outcome_values(prepared, column)
    candidates = [c for c in prepared.columns("touchpoint") if c != column]
    scores = pd.DataFrame({c: _oriented(prepared, c, prepared.scores[c]) for c in candidates},
                          index=prepared.scores.index)
    aligned = None if weights is None else weights.reindex(y.index).astype(float)
    has_outcome = y.notna() if aligned is None else y.notna() & aligned.notna()
    if has_outcome.sum() < MIN_ROWS:
        raise InputError("error.drivers.few_outcomes", minimum=MIN_ROWS, column=quoted(column),
                         found=int(has_outcome.sum()))
    dropped = {}
    answered = scores[has_outcome].notna().mean()
    for name in candidates:
        if answered[name] < MIN_ANSWERED:
            dropped[name] = say("drivers.dropped_few", share=f"{answered[name]:.0%}")
    predictors = [c for c in candidates if c not in dropped]
    complete = has_outcome & scores[predictors].notna().all(axis=1)
    if complete.any():
        ranges = np.ptp(scores.loc[complete, predictors].to_numpy(dtype=float), axis=0)
        for name, spread in zip(predictors, ranges):
            if spread == 0:
                dropped[name] = say("drivers.dropped_constant")
    predictors = [c for c in predictors if c not in dropped]
    if len(predictors) < 2:
        raise InputError("error.drivers.few_touchpoints", found=len(predictors))
    complete = has_outcome & scores[predictors].notna().all(axis=1)
    n, k = int(complete.sum()), len(predictors)
    if n < MIN_ROWS:
        raise InputError("error.drivers.few_complete", minimum=MIN_ROWS, column=quoted(column), found=n)
    outcome_values = y[complete].to_numpy(dtype=float)
    if np.ptp(outcome_values) == 0:
        raise InputError("error.drivers.constant_outcome", column=quoted(column))

    data = np.column_stack([scores.loc[complete, predictors].to_numpy(dtype=float), outcome_values])
    used = None if aligned is None else aligned[complete].to_numpy(dtype=float)
    corr = np.corrcoef(data, rowvar=False) if used is None else _weighted_correlations(data, used)
    rxx, rxy = corr[:k, :k], corr[:k, k]
    weights, betas, r2, inverse_diag = _relative_weights(rxx, rxy)

    residual_df = n - k - 1
    if residual_df > 0 and np.all(np.isfinite(inverse_diag)):
        se = np.sqrt(max(1 - r2, 0.0) / residual_df * inverse_diag)
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(se > 0, betas / se, np.sign(betas) * np.inf)
        p_values = np.maximum(2 * stdtr(residual_df, -np.abs(t)), math.ulp(0.0))
    else:  # perfectly collinear ratings: the coefficients are not identified
        p_values = np.full(k, np.nan)

    performance = [_performance(prepared, c, scores[c], aligned) for c in predictors]
    table = pd.DataFrame({
        "touchpoint": predictors, "importance": weights,
        "share": 100 * weights / r2 if r2 > 0 else np.full(k, np.nan),
        "beta": betas, "p_value": p_values, "direction": np.where(betas < 0, "negative", "positive"),
        "r": rxy, "performance": performance, "n": n,
    })
    table["quadrant"] = _quadrants(table["importance"], table["performance"], table["direction"])
    table = table.sort_values("importance", ascending=False, kind="stable").reset_index(drop=True)
    table.attrs = {"r2": float(r2), "outcome": column, "outcome_label": prepared.labels.get(label, label), "n": n,
                   "dropped": dropped, "labels": {name: prepared.labels.get(name, name) for name in candidates},
                   "binary": bool(np.isin(outcome_values, (0.0, 1.0)).all())}
    if used is not None:
        table.attrs["effective_n"] = effective_n(used)
    return table


def _weighted_correlations(data: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The weighted correlation matrix of the columns of ``data`` (rows weighted by ``weights``)."""
    covariance = np.cov(data, rowvar=False, aweights=weights)
    spread = np.sqrt(np.diag(covariance))
    return covariance / np.outer(spread, spread)


def _relative_weights(rxx: np.ndarray, rxy: np.ndarray) -> tuple[np.ndarray, np.ndarray, float, np.ndarray]:
    """Johnson's relative weights, standardised betas, R² and diag(Rxx⁻¹) from correlations.

    Eigenvalues that are zero up to rounding (perfectly collinear ratings) are left out,
    which makes every inverse a pseudo-inverse; diag(Rxx⁻¹) is then NaN.
    """
    eigenvalues, vectors = np.linalg.eigh(rxx)
    keep = eigenvalues > max(eigenvalues.max(), 1.0) * 1e-10
    root = np.sqrt(np.where(keep, eigenvalues, 0.0))
    inverse_root = np.where(keep, 1 / np.where(keep, root, 1.0), 0.0)
    lam = (vectors * root) @ vectors.T                   # Rxx^(1/2)
    b = (vectors * inverse_root) @ (vectors.T @ rxy)     # regression on the orthogonal counterparts
    weights = (lam**2) @ (b**2)
    inverse = (vectors * inverse_root**2) @ vectors.T    # Rxx^-1 (pseudo-inverse when singular)
    betas = inverse @ rxy
    r2 = float(rxy @ betas)
    inverse_diag = np.diag(inverse) if keep.all() else np.full(len(rxy), np.nan)
    return weights, betas, r2, inverse_diag


def _outcome_column(prepared: Prepared, outcome: str | None) -> tuple[str, str]:
    """The outcome column and its label for sentences."""
    if outcome is not None:
        if outcome not in prepared.responses.columns:
            raise InputError("error.drivers.unknown_outcome", column=quoted(outcome))
        return outcome, outcome
    for role in ("nps", "csat", "outcome"):
        columns = prepared.columns(role)
        if columns:
            return columns[0], columns[0]
    raise InputError("error.drivers.no_outcome")


def _outcome_values(prepared: Prepared, column: str) -> pd.Series:
    """The outcome as floats (yes/no flags as 1/0), oriented so that higher is better."""
    values = prepared.responses[column]
    if pd.api.types.is_bool_dtype(values) or values.dtype == object:
        flags = values.dropna().unique()
        if len(flags) and all(isinstance(flag, (bool, np.bool_)) for flag in flags):
            return values.astype(float)  # True/False/NaN -> 1/0/NaN
    if not pd.api.types.is_numeric_dtype(values):
        raise InputError("error.drivers.bad_outcome", column=quoted(column))
    return _oriented(prepared, column, values.astype(float))


def _oriented(prepared: Prepared, column: str, values: pd.Series) -> pd.Series:
    """Flip a reverse-scored column (higher = worse) so that higher is better."""
    if column not in set(prepared.mapping["column"]):
        return values
    spec = prepared.spec(column)
    if bool(spec.reverse) and pd.notna(spec.scale_min) and pd.notna(spec.scale_max):
        return spec.scale_min + spec.scale_max - values
    return values


def _performance(prepared: Prepared, column: str, oriented: pd.Series, weights: pd.Series | None = None) -> float:
    """Mean rating on 0..1 (1 = best end of the scale) over all valid answers (weighted by ``weights`` when
    given)."""
    spec = prepared.spec(column)
    span = spec.scale_max - spec.scale_min
    if not span > 0:
        return math.nan
    if weights is None:
        mean = oriented.mean()
    else:
        values, used = paired(oriented, weights)
        mean = float(np.sum(values * used) / np.sum(used)) if len(values) else math.nan
    return float((mean - spec.scale_min) / span)


def _quadrants(importance: pd.Series, performance: pd.Series, direction: pd.Series) -> list[str]:
    """Importance-performance quadrant per touchpoint, split at the medians; ``negative`` for negative drivers."""
    important = importance > importance.median()
    weak = performance < performance.median()
    return ["negative" if d == "negative" else ("fix_first" if w else "strengths") if i
            else ("low_priority" if w else "maintain") for i, w, d in zip(important, weak, direction)]


def explain_drivers(df: pd.DataFrame, limit: int | None = None) -> list[Message]:
    """A :func:`key_drivers` result in words, most important first.

    Parameters
    ----------
    df : pandas.DataFrame
        The result of :func:`key_drivers` (its ``attrs`` are used).
    limit : int, optional
        How many touchpoints to word (default: all).

    Returns
    -------
    list of Message
        One message on the model as a whole (saying so when it is a linear probability model),
        one per touchpoint, and one naming the touchpoints left out, if any.
    """
    if df.empty:
        return []
    attrs = df.attrs
    label = quoted(attrs.get("outcome_label", ""))
    labels = attrs.get("labels") or {}
    r2 = attrs.get("r2", float(df["importance"].sum()))
    model = dict(count=len(df), percent=f"{r2:.0%}", outcome=label, r2=f"{r2:.2f}",
                 n=f"{attrs.get('n', int(df['n'].iloc[0])):,}")
    messages = [say("drivers.model_binary" if attrs.get("binary") else "drivers.model", **model)]
    for row in df.head(limit).itertuples(index=False) if limit else df.itertuples(index=False):
        values = dict(touchpoint=quoted(labels.get(row.touchpoint, row.touchpoint)), share=f"{row.share:.0f}",
                      score=f"{100 * row.performance:.0f}", outcome=label, beta=f"{row.beta:+.2f}")
        if row.quadrant == "negative":
            line = say("drivers.rank_negative" if row.r <= 0 else "drivers.rank_suppressed", **values,
                       r=f"{row.r:+.2f}")
        elif row.quadrant == "fix_first":
            line = say("drivers.rank_fix", **values)
        else:
            line = say("drivers.rank", **values, quadrant=say(f"quadrant.{row.quadrant}"))
        if pd.notna(row.p_value) and row.p_value >= 0.05:
            line = say("drivers.with_note", line=line, note=say("drivers.not_significant", p=format_p(row.p_value)))
        messages.append(line)
    dropped = attrs.get("dropped") or {}
    if dropped:
        reasons = [say("drivers.dropped_one", touchpoint=quoted(labels.get(name, name)), reason=reason)
                   for name, reason in dropped.items()]
        messages.append(say("drivers.dropped", reasons=reasons))
    return messages
