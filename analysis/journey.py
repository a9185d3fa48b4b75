"""Journey stages and touchpoint summaries.

Stages run in a fixed order (awareness -> loyalty). :func:`guess_stage` places a touchpoint
by bilingual keyword rules the analyst can override; :func:`touchpoint_summary` gives each
touchpoint's mean, top-two-box share, interval and n.
"""
from __future__ import annotations

import re

import pandas as pd

from analysis import metrics

STAGES = ["awareness", "consideration", "purchase", "experience", "service", "loyalty"]
STAGE_NAMES = {
    "awareness": "认知", "consideration": "了解", "purchase": "购买",
    "experience": "体验", "service": "售后", "loyalty": "忠诚",
}
_STAGE_WORDS = [
    ("awareness", r"\b(ads?|advert\w*|awareness|brand|heard|discover\w*|social media|campaign)\b|广告|认知|品牌|听说|宣传"),
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
    """Journey stage for a touchpoint name by keyword rules; "experience" when nothing matches."""
    for stage, pattern in _STAGE_WORDS:
        if re.search(pattern, touchpoint, flags=re.IGNORECASE):
            return stage
    return "experience"


def touchpoint_summary(scores: pd.DataFrame, mapping: pd.DataFrame, stages: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per touchpoint: touchpoint, stage, mean, top2, low, high, n, score (0-1), small_sample.

    ``scores`` is the wide table of valid touchpoint ratings (NaN = no answer or not
    applicable); ``mapping`` gives each column's scale and direction; ``stages`` overrides
    the guessed stage per touchpoint. Rows come in journey-stage order.
    """
    stages = stages or {}
    rows = []
    for spec in mapping[mapping["role"] == "touchpoint"].itertuples():
        result = metrics.rating(scores[spec.column], spec.scale_min, spec.scale_max, bool(spec.reverse))
        rows.append({"touchpoint": spec.column, "stage": stages.get(spec.column) or guess_stage(spec.column),
                     "mean": result.value, "top2": result.extra.get("top2"), "low": result.low,
                     "high": result.high, "n": result.n, "score": result.extra.get("score"),
                     "scale_min": spec.scale_min, "scale_max": spec.scale_max,
                     "small_sample": result.small_sample})
    table = pd.DataFrame(rows, columns=["touchpoint", "stage", "mean", "top2", "low", "high", "n", "score",
                                        "scale_min", "scale_max", "small_sample"])
    order = table["stage"].map({stage: i for i, stage in enumerate(STAGES)})
    return table.assign(_order=order).sort_values(["_order"], kind="stable").drop(columns="_order").reset_index(drop=True)
