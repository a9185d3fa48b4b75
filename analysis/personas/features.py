"""Which columns personas are built on, and how they are turned into numbers.

The default selection keeps the columns that describe people and their experience (touchpoint
ratings, attributes, behaviour, channel) and leaves out ids, free text, timestamps, outcomes and
scores (those describe a persona afterwards), columns with one value for nearly everyone or blank for
most, categorical columns with too many values to read as a trait, and bookkeeping columns (a
train/test split). :func:`level_share` says how much groups differ by overall rating level alone, and
:func:`centred_on_own_level` takes that level out before clustering.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

FEATURE_ROLES = ("touchpoint", "attribute", "behaviour", "channel")
RATING_ROLES = ("touchpoint", "nps", "csat", "ces")
NEAR_CONSTANT = 0.95  # a column whose most frequent value covers this share of rows says nothing
MAX_CATEGORIES = 20
MIN_ANSWERED = 0.5  # a column blank for more than half the rows is not chosen by default
MIN_NUMERIC_VALUES = 3  # fewer distinct numbers than this are read as categories (0/1 flags, two codes)


def candidate_columns(frame: pd.DataFrame, mapping: pd.DataFrame) -> list[str]:
    """Every column of a role that can describe people (see ``FEATURE_ROLES``, plus the scores), in file order."""
    roles = dict(zip(mapping["column"], mapping["role"]))
    return [column for column in frame.columns if roles.get(column) in (*FEATURE_ROLES, "nps", "csat", "ces")]


def default_features(frame: pd.DataFrame, mapping: pd.DataFrame) -> list[str]:
    """The columns selected at first: ``FEATURE_ROLES`` columns that vary, without id-like, near-constant,
    mostly blank or many-valued categorical columns."""
    roles = dict(zip(mapping["column"], mapping["role"]))
    chosen = []
    for column in frame.columns:
        if roles.get(column) not in FEATURE_ROLES:
            continue
        values = frame[column].dropna()
        if values.empty or len(values) < MIN_ANSWERED * len(frame):  # mostly imputed, it would describe the imputation
            continue
        if values.value_counts(normalize=True).iloc[0] >= NEAR_CONSTANT:
            continue
        if not is_numeric(frame[column]) and values.nunique() > MAX_CATEGORIES:
            continue
        if looks_like_id(column, values) or looks_like_bookkeeping(column, values):
            continue
        chosen.append(column)
    return chosen


_BOOKKEEPING_NAME = re.compile(r"^(split|fold|partition|subset|data ?set|sample|train(ing)?[ _/-]?test|holdout|"
                               r"wave|batch)$|数据集|训练集", re.IGNORECASE)
_TOOL_METADATA = re.compile(r"_DO(_\d+)?$|^FL_\d+|\btimer\b|first click|last click|page submit|click count|"
                            r"^duration \(in seconds\)$|^q_totalduration$|^progress$|^finished$|randomi[sz]",
                            re.IGNORECASE)  # Qualtrics display orders, flows, timers, randomisers
_BOOKKEEPING_VALUES = {"train", "training", "test", "testing", "val", "valid", "validation", "dev", "holdout", "eval"}


def looks_like_bookkeeping(column: str, values: pd.Series) -> bool:
    """A column about the data, not the people: a train/test split, a fold or batch number ("split", "fold"), or
    survey-tool metadata (display order, timers, randomisers, progress)."""
    if _BOOKKEEPING_NAME.search(str(column).strip()) or _TOOL_METADATA.search(str(column).strip()):
        return True
    answers = {str(value).strip().lower() for value in values.unique()[:20]}
    return bool(answers) and answers <= _BOOKKEEPING_VALUES


def rating_features(mapping: pd.DataFrame, numeric: list[str]) -> list[str]:
    """The numeric features that are ratings (touchpoints, NPS, CSAT, CES): the ones an overall level runs through."""
    roles = dict(zip(mapping["column"], mapping["role"]))
    return [column for column in numeric if roles.get(column) in RATING_ROLES]


def centred_on_own_level(frame: pd.DataFrame, ratings: list[str]) -> pd.DataFrame:
    """``frame`` with each respondent's ratings centred on their own level: every rating column standardised, then
    each row's mean over its answered ratings subtracted. Someone who rates everything 5 and someone who rates
    everything 3 become alike; what remains is which touchpoints a person rates above or below their own
    average. With fewer than two ratings, ``frame`` as it is."""
    if len(ratings) < 2:
        return frame
    values = frame[ratings].astype(float)
    spread = values.std(ddof=0).replace(0, 1.0)
    standard = (values - values.mean()) / spread
    return frame.assign(**(standard.sub(standard.mean(axis=1), axis=0)))


def level_share(frame: pd.DataFrame, labels: np.ndarray, ratings: list[str]) -> float:
    """How much of the difference between the groups of ``labels`` is one overall rating level (0-1; NaN without
    two ratings or two groups).

    On the standardised ratings (missing answers at the column mean), the between-group sum of squares
    ``sum_g n_g |c_g|^2`` of the group centres ``c_g`` splits into the part an up-or-down shift of all ratings
    explains, ``sum_g n_g p m_g^2`` (``m_g`` the mean of ``c_g`` over the ``p`` ratings), and the rest (the
    profile's shape; Cronbach & Gleser's elevation and shape). The share is the first over the whole.
    """
    if len(ratings) < 2 or len(np.unique(labels)) < 2:
        return float("nan")
    values = frame[ratings].astype(float)
    standard = ((values - values.mean()) / values.std(ddof=0).replace(0, 1.0)).fillna(0.0).to_numpy()
    groups = np.unique(labels)
    sizes = np.array([(labels == group).sum() for group in groups], dtype=float)
    centres = np.vstack([standard[labels == group].mean(axis=0) for group in groups])
    between = float((sizes * (centres ** 2).sum(axis=1)).sum())
    level = float((sizes * len(ratings) * centres.mean(axis=1) ** 2).sum())
    return level / between if between > 0 else float("nan")


_ID_NAME = re.compile(r"(?:^|[\s_\-.])id$|^id(?:[\s_\-.]|$)|^column_\d+$|编号|代码", re.IGNORECASE)
ID_UNIQUE_SHARE = 0.9


def looks_like_id(column: str, values: pd.Series) -> bool:
    """An identifier or code, not a trait: named like one ("Clothing ID", "user_id", an unnamed index
    column), or whole numbers or texts nearly all different."""
    if _ID_NAME.search(str(column).strip()):
        return True
    distinct = values.nunique() / len(values) if len(values) else 0
    whole = pd.api.types.is_numeric_dtype(values) and bool((values == values.round()).all())
    return distinct >= ID_UNIQUE_SHARE and (whole or not pd.api.types.is_numeric_dtype(values))


def is_numeric(values: pd.Series) -> bool:
    """True for a number column with at least ``MIN_NUMERIC_VALUES`` distinct values (else it is categories)."""
    return pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values) \
        and values.nunique() >= MIN_NUMERIC_VALUES


def split_kinds(frame: pd.DataFrame, columns: list[str]) -> tuple[list[str], list[str]]:
    """The chosen columns as (numeric, categorical)."""
    numeric = [column for column in columns if is_numeric(frame[column])]
    return numeric, [column for column in columns if column not in numeric]


def categories(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Categorical columns as text objects (missing or blank as NaN), for one-hot coding and describing groups."""
    coded = {}
    for column in columns:
        values = frame[column]
        if pd.api.types.is_float_dtype(values) and bool((values.dropna() == values.dropna().round()).all()):
            values = values.astype("Int64")  # 0/1 codes read as floats are shown as 0 and 1, not 0.0 and 1.0
        text = values.astype("string").str.strip()
        coded[column] = text.astype(object).where(text.notna() & (text != ""), np.nan)
    return pd.DataFrame(coded, index=frame.index)


def imputed_shares(frame: pd.DataFrame, columns: list[str]) -> dict[str, float]:
    """Per column, the share of rows whose missing value is filled in (numbers by the median, categories by the
    most frequent value)."""
    return {column: float(frame[column].isna().mean()) for column in columns}


def preprocessor(numeric: list[str], categorical: list[str]):
    """A ``ColumnTransformer``: numbers median-imputed and standardised, categories (see :func:`categories`)
    imputed with the most frequent value and one-hot coded."""
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    parts = []
    if numeric:
        parts.append(("numeric", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric))
    if categorical:
        parts.append(("categorical", make_pipeline(
            SimpleImputer(strategy="most_frequent"),
            OneHotEncoder(handle_unknown="ignore", sparse_output=False, dtype=np.float64)), categorical))
    return ColumnTransformer(parts, sparse_threshold=0.0)
