"""Journey stages, touchpoint summaries, the journey map, emotions and friction points.

Stages run in a fixed order (awareness -> loyalty). :func:`guess_stage` places a touchpoint
by bilingual keyword rules the analyst can override with a stage map; :func:`touchpoint_summary`
gives each touchpoint's mean, top- and bottom-two-box shares, interval and n;
:func:`journey_map` rolls them up per stage with an emotion for the emotion curve, and
:func:`friction_points` names where customers are lost.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis import metrics
from analysis.schema import header_words

EMOTIONS = ["angry", "sad", "neutral", "happy", "excited"]
EMOTION_FACES = {"angry": "😠", "sad": "🙁", "neutral": "😐", "happy": "🙂", "excited": "😄"}
SUMMARY_COLUMNS = ["touchpoint", "stage", "mean", "top2", "bottom2", "low", "high", "n", "score",
                   "scale_min", "scale_max", "boxes", "zero_is_na", "small_sample"]
STAGES = ["awareness", "consideration", "purchase", "experience", "service", "loyalty"]
_STAGE_WORDS = [
    ("awareness", r"\b(ads?|advert\w*|awareness|brand|heard|discover\w*|social media|campaign|we ?chat|weibo|douyin|"
                  r"tik ?tok|instagram|face ?book|twitter|xiaohongshu)\b|广告|认知|品牌|听说|宣传|微信|微博|抖音|小红书"),
    ("consideration", r"\b(website|web site|app|research|compar\w*|information|browse|reviews?|price|"
                      r"departure/arrival time)\b|了解|官网|比较|咨询|浏览|信息|价格"),
    ("purchase", r"\b(book\w*|checkout|check-out|purchase|payment|pay|order\w*|buy\w*|cart|ticket\w*)\b|"
                 r"下单|购买|支付|付款|预订|订票|结账"),
    ("service", r"\b(support|service desk|help ?desk|call cent\w*|complain\w*|refund|return\w*|baggage|"
                r"claims?|customer service|after-sales|repair)\b|客服|售后|退货|退款|投诉|维修|行李"),
    ("loyalty", r"\b(loyal\w*|recommend\w*|renew\w*|repurchase|member\w*|rewards?|points|again)\b|"
                r"忠诚|推荐|复购|会员|积分|再次"),
]


def guess_stage(touchpoint: str) -> str:
    """Journey stage for a touchpoint name by keyword rules; "experience" when nothing matches.

    The name is read as words first, so ``Baggage_Handling`` and ``OnlineBooking`` match like
    ``Baggage handling`` and ``Online booking``.
    """
    words = header_words(touchpoint)
    for stage, pattern in _STAGE_WORDS:
        if re.search(pattern, words, flags=re.IGNORECASE):
            return stage
    return "experience"


def stage_map(touchpoints: list[str], overrides: dict[str, str] | None = None) -> dict[str, str]:
    """Touchpoint -> stage: the analyst's choice where given (and valid), the keyword guess otherwise."""
    overrides = overrides or {}
    return {tp: overrides[tp] if overrides.get(tp) in STAGES else guess_stage(tp) for tp in touchpoints}


def emotion(score: float | None) -> str | None:
    """The emotion face for a 0-1 score: angry < .2 <= sad < .4 <= neutral < .6 <= happy < .8 <= excited."""
    if score is None or pd.isna(score):
        return None
    return EMOTIONS[min(int(float(score) * 5), 4)] if score >= 0 else EMOTIONS[0]


def touchpoint_summary(scores: pd.DataFrame, mapping: pd.DataFrame, stages: dict[str, str] | None = None,
                       weights: pd.Series | None = None) -> pd.DataFrame:
    """One row per touchpoint, in journey-stage order.

    Columns: touchpoint, stage, mean (on its scale), top2 and bottom2 (% in the best and worst
    boxes: two boxes each, one on scales of three points or fewer; see ``boxes``), low/high
    (95% interval of the mean), n, score (mean on 0-1, higher = better), scale_min, scale_max,
    boxes, zero_is_na (whether 0 was read as "not applicable"), small_sample.
    ``scores`` is the wide table of valid ratings (NaN = no answer or not applicable);
    ``mapping`` gives each column's scale and direction; ``stages`` overrides the guessed stage.
    With survey ``weights`` (by the rows of ``scores``; NaN leaves a row out) every figure is weighted
    (:func:`analysis.metrics.rating`) and an ``effective_n`` column follows ``n``.
    """
    specs = mapping[mapping["role"] == "touchpoint"]
    placed = stage_map(specs["column"].tolist(), stages)
    aligned = None if weights is None else weights.reindex(scores.index).to_numpy(dtype=float)
    rows = []
    for spec in specs.itertuples():
        result = metrics.rating(scores[spec.column], spec.scale_min, spec.scale_max, bool(spec.reverse), aligned)
        worst = metrics.bottom_boxes(spec.scale_min, spec.scale_max, bool(spec.reverse))
        bottom2 = _bottom_share(scores[spec.column], worst, aligned)
        rows.append({"touchpoint": spec.column, "stage": placed[spec.column], "mean": result.value,
                     "top2": result.extra.get("top2"), "bottom2": bottom2, "low": result.low,
                     "high": result.high, "n": result.n, "score": result.extra.get("score"),
                     "scale_min": spec.scale_min, "scale_max": spec.scale_max,
                     "boxes": metrics.box_count(spec.scale_min, spec.scale_max), "zero_is_na": bool(spec.zero_is_na), "small_sample": result.small_sample,
                     "effective_n": result.effective_n})
    table = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    if weights is not None:
        table.insert(table.columns.get_loc("n") + 1, "effective_n", [row["effective_n"] for row in rows])
    numbers = ["mean", "top2", "bottom2", "low", "high", "score", "scale_min", "scale_max"]
    table[numbers] = table[numbers].astype(float)  # a touchpoint without one readable rating has NaN, not None
    order = table["stage"].map({stage: i for i, stage in enumerate(STAGES)})
    return table.assign(_order=order).sort_values(["_order"], kind="stable").drop(columns="_order").reset_index(drop=True)


def _bottom_share(ratings: pd.Series, worst: tuple[float, float], weights) -> float | None:
    """% of the ratings in the ``worst`` boxes (weighted by ``weights`` when given); None without ratings."""
    if weights is None:
        values = ratings.dropna()
        return 100 * float(values.between(*worst).mean()) if len(values) else None
    values, weights = metrics.paired(ratings, weights)
    return 100 * float(np.sum(weights * metrics.in_boxes(values, worst)) / np.sum(weights)) if len(values) else None


def journey_map(summary: pd.DataFrame, scores: pd.DataFrame, weights: pd.Series | None = None) -> pd.DataFrame:
    """One row per stage, all six in order: the emotion curve's points.

    Columns: stage, touchpoints (list, lowest score first), score (the mean of all the stage's
    ratings on 0-1, i.e. the touchpoints' scores weighted by their ratings; NaN when the stage
    has none), top2, bottom2 (% of the stage's ratings in the best / worst boxes), n
    (respondents who rated at least one of the stage's touchpoints), ratings (how many
    ratings), emotion, weakest (its lowest-scoring touchpoint), small_sample (n < 30).
    ``scores`` is the wide table of valid ratings the summary was made from.

    With survey ``weights`` (by the rows of ``scores``, as the weighted summary was made with; NaN leaves a
    row out) the stage pools its ratings by their weights: each touchpoint's weighted figures count by the
    sum of the weights of its ratings, ``n`` counts the respondents with a weight, and an ``effective_n``
    column (Kish's, over those respondents) follows it.
    """
    aligned = None if weights is None else weights.reindex(scores.index).astype(float)
    rows = []
    for stage in STAGES:
        part = summary[(summary["stage"] == stage) & (summary["n"] > 0)].sort_values("score")
        columns = part["touchpoint"].tolist()
        ratings = int(part["n"].sum())
        rated = scores[columns].notna() if ratings else None
        if aligned is None:
            pooled = part["n"].to_numpy(dtype=float)
        else:  # the sum of the weights of each touchpoint's ratings
            pooled = np.array([float(aligned[rated[column]].sum()) for column in columns])
        total = float(pooled.sum()) if ratings else 0.0
        weighted = (lambda column: float((part[column].to_numpy(dtype=float) * pooled).sum() / total)) \
            if total > 0 else (lambda column: None)
        score = weighted("score")
        anyone = rated.any(axis=1) if ratings else pd.Series(False, index=scores.index)
        if aligned is not None:  # a respondent without a weight is in no weighted figure
            anyone &= aligned.notna()
        n = int(anyone.sum())
        row = {"stage": stage, "touchpoints": columns, "score": score,
               "top2": weighted("top2"), "bottom2": weighted("bottom2"), "n": n, "ratings": ratings,
               "emotion": emotion(score), "weakest": columns[0] if ratings else None,
               "small_sample": 0 < n < metrics.SMALL_SAMPLE}
        if aligned is not None:
            row["effective_n"] = metrics.effective_n(aligned[anyone].dropna())
        rows.append(row)
    table = pd.DataFrame(rows)
    if aligned is not None:
        table.insert(table.columns.get_loc("n") + 1, "effective_n", table.pop("effective_n"))
    return table


def friction_points(summary: pd.DataFrame, count: int = 3) -> pd.DataFrame:
    """Where customers are lost: the lowest-scoring touchpoints and those with most bottom-box answers.

    Returns rows of touchpoint, stage, kind ('lowest_score' or 'most_detractors'), score,
    bottom2, n -- at most ``count`` of each kind, touchpoints with n < 30 left out.
    """
    reliable = summary[summary["n"] >= metrics.SMALL_SAMPLE]
    lowest = reliable.nsmallest(count, "score").assign(kind="lowest_score")
    detractors = reliable.nlargest(count, "bottom2").assign(kind="most_detractors")
    columns = ["touchpoint", "stage", "kind", "score", "bottom2", "n"]
    return pd.concat([lowest, detractors], ignore_index=True)[columns]

