"""Column roles: what each column of an export means, guessed from header and values.

:func:`detect_roles` returns the mapping as a small DataFrame (one row per column) that the
analyst edits; :mod:`analysis.prepare` applies it. Headers are matched in English and Chinese.
:func:`to_number` is the one place text cells become numbers ("5 - Very satisfied" -> 5).
"""
from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd

ROLES = [
    "respondent_id", "timestamp", "nps", "csat", "ces", "touchpoint", "outcome", "text",
    "channel", "attribute", "behaviour", "author", "engagement", "ignore",
]
NUMERIC_ROLES = {"nps", "csat", "ces", "touchpoint"}
MAPPING_COLUMNS = ["column", "role", "question", "scale_min", "scale_max", "reverse", "zero_is_na"]
SAMPLE_ROWS = 2000

_WORDS = {
    "respondent_id": r"^(#|id|(respondent|response|user|customer|post|tweet|review|member) ?-?id|[\u4e00-\u9fff]+ ?id|"
                     r"编号|序号|用户id|用户编号|问卷编号|答卷编号|客户编号|会员编号)$",
    "timestamp": r"timestamp|submit|date|time|created|recorded|时间|日期|提交",
    "nps": r"\bnps\b|recommend|net promoter|推荐",
    "csat": r"\bcsat\b|satisf|^rating$|^overall rating$|^stars?$|满意|^评分$|^星级$|总体评价",
    "ces": r"\bces\b|effort|费力|省力|容易程度",
    "text": r"\b(comments?|reviews?|feedback|text|why|reasons?|explain|describe|suggestions?|anything else|"
            r"verbatim|title|subject|message|post|content)\b|评论|评价|意见|建议|内容|原因|留言|反馈|标题",
    "channel": r"\b(channel|platform|source|medium|distributionchannel)\b|渠道|平台|来源",
    "author": r"^(author|user|user ?name|screen ?name|name|nickname|handle)$|用户名|昵称|作者|发布者|博主",
    "engagement": r"\b(likes?|like_count|retweets?|retweet_count|shares?|share_count|repl(y|ies)|reply_count|"
                  r"favou?rites_count|upvotes?|helpful|feedback count|comments_count|num_comments)\b|"
                  r"点赞|转发|分享|收藏|阅读|评论数",
    "behaviour": r"\b(orders?|purchases?|revenue|spend|spent|amount|sales|quantity|price|converted|conversion|"
                 r"churn(ed)?|clv|visits)\b|订单|消费|金额|购买|转化|复购",
    "ignore": r"ip ?address|e-?mail|first ?name|last ?name|recipient|latitude|longitude|location ?accuracy|"
              r"collector|responseset|response set|^status$|^finished$|network id|custom data|"
              r"externaldatareference|external reference|^progress$|^duration \(in seconds\)$|coord|"
              r"邮箱|手机|电话",
}
_NOT_RATING = r"\b(id|age|years?|distance|delay|minutes?|seconds?|count|number|browsers?|systems?|regions?|" \
              r"types?|code|month|day|zip|postal)\b|年龄|年份|距离"
_EVENT_END = r"submit|end|recorded|created|completed|提交|结束"
_SCALE_HINT = re.compile(r"(\d+)\s*(?:-|–|~|to|到|至)\s*(\d+)")
# Labelled answers: "5 - Very satisfied", "5分", "Very satisfied (5)"; the label is at most a few words.
_LEADING_NUMBER = re.compile(r"^\s*(-?\d+(?:\.\d+)?)(?:\s*[-–—:=.)]\s*|\s+|(?=[\u3400-\u9fff]))(?=[^\W\d_])")
_TRAILING_NUMBER = re.compile(r"\((-?\d+(?:\.\d+)?)\)\s*$")
_LABEL_WORDS = 6
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
# A time of day followed by its zone: the offset or zone name is dropped, the time kept.
_ZONE_SUFFIX = re.compile(r"(\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(?:Z|(?:UTC|GMT)?\s*[+-]\d{2}(?::?\d{2})?|UTC|GMT)$",
                          re.IGNORECASE)

LIKERT = {
    **dict.fromkeys(["strongly disagree", "非常不同意", "完全不同意"], 1),
    **dict.fromkeys(["disagree", "不同意"], 2),
    **dict.fromkeys(["neither agree nor disagree", "neutral", "一般", "中立", "说不清"], 3),
    **dict.fromkeys(["agree", "同意", "比较同意"], 4),
    **dict.fromkeys(["strongly agree", "非常同意", "完全同意"], 5),
    **dict.fromkeys(["very dissatisfied", "非常不满意"], 1),
    **dict.fromkeys(["dissatisfied", "不满意"], 2),
    **dict.fromkeys(["neither satisfied nor dissatisfied"], 3),
    **dict.fromkeys(["satisfied", "满意", "比较满意"], 4),
    **dict.fromkeys(["very satisfied", "非常满意"], 5),
    **dict.fromkeys(["very difficult", "非常困难"], 1),
    **dict.fromkeys(["difficult", "困难"], 2),
    **dict.fromkeys(["easy", "容易"], 4),
    **dict.fromkeys(["very easy", "非常容易"], 5),
}


def value_labels(values: pd.Series) -> pd.Series:
    """Values as group labels: text, trimmed, whole floats without ``.0`` (``3``, not ``3.0``); blanks NA."""
    if pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all():
        values = values.astype("Int64")
    return values.astype("string").str.strip().replace("", pd.NA)


def header_words(column) -> str:
    """A header as lower-case words: `UnitPrice` and `unit_price` both become `unit price`."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(column).strip()).replace("_", " ").lower()


def _matches(role: str, text: str) -> bool:
    return re.search(_WORDS[role], text, flags=re.IGNORECASE) is not None


def likert_codes(values: pd.Series) -> dict[str, int] | None:
    """Codes for a column whose answers are all agree/satisfied/easy labels, else None.

    A scale without a middle answer (4-point agree scales) is coded 1..4 without gaps.
    """
    labels = {str(v).strip().lower() for v in values.dropna().unique() if str(v).strip()}
    if len(labels) < 2 or not labels <= LIKERT.keys():
        return None
    if any(LIKERT[label] == 3 for label in labels):
        return {label: LIKERT[label] for label in labels}
    return {label: LIKERT[label] - (LIKERT[label] > 3) for label in labels}


def to_number(values: pd.Series, codes: dict[str, int] | None = None) -> tuple[pd.Series, pd.Series]:
    """Parse cells as numbers.

    Returns ``(numbers, unparsed)``: floats (NaN where blank or unreadable) and a boolean
    mask of cells that were filled but could not be read. Reads plain numbers, decimal
    commas (``4,5``), thousands separators (``1,000``), labelled answers
    (``5 - Very satisfied``, ``Very satisfied (5)``) and, given ``codes``, Likert labels.
    """
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        numbers = values.astype(float)
        return numbers, pd.Series(False, index=values.index)
    text = values.astype("string").str.strip()
    blank = text.isna() | (text == "")
    lookup = {cell: _parse_cell(cell, codes) for cell in text[~blank].unique()}
    numbers = text.map(lookup).astype(float)
    return numbers, numbers.isna() & ~blank


def _parse_cell(cell: str, codes: dict[str, int] | None) -> float:
    try:
        number = float(cell)
        return number if np.isfinite(number) else np.nan
    except ValueError:
        pass
    if codes and cell.lower() in codes:
        return float(codes[cell.lower()])
    if _THOUSANDS.match(cell):
        return float(cell.replace(",", ""))
    if _DECIMAL_COMMA.match(cell):
        return float(cell.replace(",", "."))
    labelled = _labelled(cell)
    return labelled[0] if labelled else np.nan


def _labelled(cell: str) -> tuple[float, str] | None:
    """``(number, label)`` of a labelled answer (``7 - Very easy`` -> (7, 'Very easy')), else None.

    A number followed or preceded by a long text ("12 people were rude") is not a labelled answer.
    """
    leading, trailing = _LEADING_NUMBER.match(cell), _TRAILING_NUMBER.search(cell)
    if leading:
        number, label = leading.group(1), cell[leading.end():]
    elif trailing:
        number, label = trailing.group(1), cell[:trailing.start()]
    else:
        return None
    return (float(number), label.strip()) if len(label.split()) <= _LABEL_WORDS else None


def guess_scale(header: str, numbers: pd.Series, role: str) -> tuple[float, float]:
    """Scale (min, max) of a rating column: NPS is 0-10; else a header hint like `(1-5)`, else the
    smallest usual scale (3, 4, 5, 7, 10 points) that holds every value given at least twice."""
    if role == "nps":
        return 0.0, 10.0
    hint = _SCALE_HINT.search(header)
    if hint and float(hint.group(1)) < float(hint.group(2)) <= 100:
        return float(hint.group(1)), float(hint.group(2))
    values = numbers.dropna()
    if len(values) == 0:
        return 1.0, 5.0
    counts = values.value_counts()
    repeated = counts.index[counts >= 2]
    top = repeated.max() if len(repeated) else values.max()  # a one-off 55 in a 1-5 column is a typo
    high = next((s for s in (3, 4, 5, 7, 10) if top <= s), float(top))
    low = 0.0 if values.min() == 0 and high == 10 and role != "touchpoint" else 1.0
    return low, float(high)


def detect_roles(export) -> pd.DataFrame:
    """Guess every column's role, scale and options from its header and values.

    Returns a DataFrame with columns ``column, role, question, scale_min, scale_max,
    reverse, zero_is_na`` -- the editable mapping passed to :func:`analysis.prepare.prepare`.
    Only the first ``SAMPLE_ROWS`` rows are read, so this stays fast on large files.
    """
    frame = export.frame.head(SAMPLE_ROWS)
    taken: set[str] = set()
    rows = []
    for column in frame.columns:
        question = export.questions.get(column, column)
        header = column if column == question else f"{column} {question}"
        role, numbers, codes = _guess_role(column, header, frame[column], taken)
        taken.add(role)
        low = high = np.nan
        reverse = zero_is_na = False
        if role in NUMERIC_ROLES:
            low, high = (1.0, float(max(codes.values()))) if codes else guess_scale(header, numbers, role)
            reverse = role == "ces" and re.search(r"effort|费力", header, re.I) is not None
            zero_is_na = role in ("touchpoint", "csat") and low == 1 and bool((numbers == 0).any())
        rows.append({"column": column, "role": role, "question": question, "scale_min": low,
                     "scale_max": high, "reverse": reverse, "zero_is_na": zero_is_na})
    mapping = pd.DataFrame(rows, columns=MAPPING_COLUMNS)
    return _prefer_completion_time(mapping, frame)


def _prefer_completion_time(mapping: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """When the timestamp is a start time and a submit/end time exists, use the latter."""
    chosen = mapping.index[mapping["role"] == "timestamp"]
    if len(chosen) != 1 or re.search(_EVENT_END, mapping.at[chosen[0], "column"], re.I):
        return mapping
    for i in mapping.index[mapping["role"] == "ignore"]:
        column = mapping.at[i, "column"]
        if re.search(_EVENT_END, column, re.I) and _matches("timestamp", column) and _parses_as_dates(frame[column].dropna()):
            mapping.loc[chosen[0], "role"], mapping.loc[i, "role"] = "ignore", "timestamp"
            break
    return mapping


def _guess_role(column: str, header: str, values: pd.Series, taken: set[str]):
    """Return ``(role, numbers, likert_codes)`` for one column."""
    name = header_words(column)
    filled = values.dropna()
    is_number = pd.api.types.is_numeric_dtype(filled) or pd.api.types.is_bool_dtype(filled)
    text = None if is_number else filled.astype(str).str.strip()
    if text is not None:
        filled, text = filled[text != ""], text[text != ""]
    codes = None if is_number else likert_codes(filled)
    numbers, unparsed = to_number(filled, codes)
    if filled.empty or _matches("ignore", name):
        return "ignore", numbers, None
    names_metric = any(_matches(role, header) for role in ("nps", "csat", "ces"))
    numeric = unparsed.mean() <= (0.4 if names_metric else 0.1)
    distinct = filled.nunique()
    if "respondent_id" not in taken and (
            (_matches("respondent_id", name) and distinct >= 0.8 * len(filled))
            or (name.startswith("column_") and numeric and distinct == len(filled))):
        return "respondent_id", numbers, None
    if not numeric and _matches("timestamp", name) and _parses_as_dates(filled):
        return ("ignore" if "timestamp" in taken else "timestamp"), numbers, None
    if numeric:
        return _numeric_role(name, header, numbers, taken, codes), numbers, codes
    if distinct == 2 and _matches("csat", name):
        return "outcome", numbers, None
    for role, limit in (("behaviour", 2), ("author", None), ("channel", 50)):
        if _matches(role, name) and (limit is None or distinct <= limit):
            return role, numbers, None
    mean_length = text.str.len().mean()
    if mean_length >= 25 or (_matches("text", header) and distinct >= min(20, 0.5 * len(filled))):
        return "text", numbers, None
    if distinct <= 50 or distinct <= 0.05 * len(filled):
        return "attribute", numbers, None
    return "ignore", numbers, None


def _numeric_role(name: str, header: str, numbers: pd.Series, taken: set[str], codes) -> str:
    top = numbers.max()
    integer = bool((numbers.dropna() % 1 == 0).all())
    valid = numbers.dropna()
    on_nps_scale = valid.between(0, 10).mean() >= 0.75 and valid[valid <= 10].max() > 5
    if "nps" not in taken and _matches("nps", header) and integer and on_nps_scale:
        return "nps"
    if codes is None:
        for role in ("engagement", "behaviour"):
            if _matches(role, name):
                return role
    small_scale = codes is not None or (integer and numbers.nunique() >= 3 and top <= 10)
    if small_scale and "ces" not in taken and _matches("ces", header):
        return "ces"
    if small_scale and "csat" not in taken and _matches("csat", name):
        return "csat"
    rating_like = codes is not None or not re.search(_NOT_RATING, name, re.I)
    if small_scale and rating_like and (numbers == 0).mean() < 0.15:
        return "touchpoint"
    return "attribute"


def _parses_as_dates(values: pd.Series) -> bool:
    sample = values.head(200)
    if pd.to_numeric(sample, errors="coerce").notna().mean() > 0.5:
        return False
    parsed = parse_dates(sample)
    return parsed.notna().mean() >= 0.8


def parse_dates(values: pd.Series) -> pd.Series:
    """Parse date-time text (any common layout) to naive times on the clock they were recorded by.

    A UTC offset or zone suffix after the time (``-05:00``, ``+0800``, ``Z``, ``UTC``) is dropped,
    not converted: ``2024-03-31 22:30:00-05:00`` is 22:30 on 31 March, the respondent's local
    time, not 03:30 UTC on 1 April. Rows with different offsets each keep their own local time,
    so a day or an hour always means the one the respondent lived through.
    """
    text = values.astype("string").str.strip()
    text = text.where(text != "").str.replace(_ZONE_SUFFIX, r"\1", regex=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        try:
            parsed = pd.to_datetime(text, errors="coerce")
        except (ValueError, TypeError):
            parsed = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
        if parsed.isna().sum() > text.isna().sum():
            parsed = pd.to_datetime(text, errors="coerce", format="mixed")
    return parsed
