"""Which columns personas are built on, and how they are turned into numbers.

The default selection keeps the columns that describe people and their experience (touchpoint
ratings, attributes, behaviour, channel) and leaves out ids, free text, timestamps, outcomes and
scores (those describe a persona afterwards), columns with one value for nearly everyone or blank for
most, and categorical columns with too many values to read as a trait.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

FEATURE_ROLES = ("touchpoint", "attribute", "behaviour", "channel")
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
        if looks_like_id(column, values):
            continue
        chosen.append(column)
    return chosen


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
