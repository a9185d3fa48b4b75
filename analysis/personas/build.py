"""Personas in one call, for the command line and the app: features, k, model, cards."""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import numpy as np
import pandas as pd

from analysis.errors import InputError, quoted
from analysis.messages import Message, render, say
from analysis.personas.cards import Persona, describe
from analysis.personas.choose_k import KChoice, compare_k, sample_rows, silhouette_of
from analysis.personas.features import (candidate_columns, centred_on_own_level, default_features, imputed_shares,
                                        level_share, preprocessor, rating_features, split_kinds)
from analysis.personas.linked import Linked, with_linked
from analysis.personas.model import PersonaModel, by_size, feature_table, one_thread
from analysis.plain import plain
from analysis.prepare import Prepared


MIN_ROWS = 6  # the k comparison needs two rows per group in an 80% resample, for k = 2
LEVEL_DRIVEN = 0.5  # personas whose differences are mostly overall rating level are "high raters vs low raters"


@dataclass(frozen=True)
class PersonaSettings:
    """What an analyst chooses for a persona run, scikit-learn style: :meth:`get_params` gives the keyword
    arguments of :func:`build_personas`, so a UI's controls and its cache keys read them from one place.

    Parameters
    ----------
    features : tuple of str, optional
        The columns that describe people (None: :func:`~analysis.personas.features.default_features`).
    algorithm : str, default "kmeans"
        One of :data:`analysis.personas.model.ALGORITHMS`.
    k : int, optional
        How many personas (None: the k :func:`~analysis.personas.choose_k.compare_k` recommends, 1 when
        there are no clear groups).
    level_adjusted : bool, default False
        Cluster on each respondent's ratings centred on their own level
        (:func:`~analysis.personas.features.centred_on_own_level`), so personas differ in what people rate
        high or low rather than in how high they rate everything.
    """

    features: tuple[str, ...] | None = None
    algorithm: str = "kmeans"
    k: int | None = None
    level_adjusted: bool = False

    def get_params(self) -> dict:
        """The settings as keyword arguments of :func:`build_personas`."""
        return asdict(self)

    def set_params(self, **changes) -> "PersonaSettings":
        """A copy with ``changes``."""
        return replace(self, **changes)


@dataclass
class PersonaResult:
    """Everything a persona run found: settings, the k comparison (when k was chosen automatically), the
    assignment of every row (``assignments``, indexed like ``prepared.responses``) and the personas."""

    features: list[str]
    numeric: list[str]
    categorical: list[str]
    algorithm: str
    k: int
    choice: KChoice | None
    silhouette: float
    imputed: dict[str, float]
    assignments: pd.Series
    personas: list[Persona]
    projection: pd.DataFrame | None = None
    level: float = float("nan")  # share of the differences between personas that is overall rating level
    level_adjusted: bool = False
    held_out_rows: int = 0  # rows the traits were checked on

    @property
    def level_driven(self) -> bool:
        """True when the personas differ mainly by how high they rate everything (``LEVEL_DRIVEN`` of the
        differences or more; see :func:`~analysis.personas.features.level_share`)."""
        return bool(self.level >= LEVEL_DRIVEN)

    @property
    def rows_used(self) -> int:
        """Rows given a persona (every response; missing feature values are imputed)."""
        return len(self.assignments)

    def k_reason(self) -> Message | None:
        """Why this k was recommended, in words; for a k the analyst chose, that its groups are not clear when they
        are not (None otherwise, or when no comparison was made)."""
        if self.choice is None:
            return None
        table = self.choice.table.set_index("k")
        if self.choice.k != self.k:
            if self.k not in table.index or table.loc[self.k, "clear"]:
                return None
            row = table.loc[self.k]
            return say("persona.k.chosen_not_clear", k=self.k, silhouette=f"{row['silhouette']:.2f}",
                       null=f"{row['null_silhouette']:.2f}")
        if self.k == 1:
            best = (table["silhouette"] - table["null_silhouette"]).idxmax() if len(table) else None
            if best is None or pd.isna(best):
                return say("persona.k.no_clear_groups_untested")
            row = table.loc[best]
            return say("persona.k.no_clear_groups", k=int(best), silhouette=f"{row['silhouette']:.2f}",
                       null=f"{row['null_silhouette']:.2f}")
        row = table.loc[self.k]
        return say(f"persona.k.{self.choice.reason}", k=self.k, silhouette=f"{row['silhouette']:.2f}",
                   null=f"{row['null_silhouette']:.2f}", stability=f"{row['stability']:.2f}",
                   low=f"{row['stability_low']:.2f}", high=f"{row['stability_high']:.2f}")

    def level_note(self) -> Message | None:
        """What the personas' split is about when it is mainly the overall rating level (None otherwise)."""
        if not self.level_driven:
            return None
        return say("persona.level_driven", share=f"{100 * self.level:.0f}")

    def traits_note(self) -> Message:
        """How the traits on the cards were checked."""
        if self.k == 1:
            return say("persona.traits_everyone")
        unconfirmed = sum(len(persona.unconfirmed) for persona in self.personas)
        if not self.held_out_rows:
            return say("persona.traits_unchecked", unconfirmed=unconfirmed)
        if not unconfirmed:
            return say("persona.traits_held_out_all", rows=f"{self.held_out_rows:,}")
        return say("persona.traits_held_out", rows=f"{self.held_out_rows:,}", unconfirmed=unconfirmed)

    def to_dict(self, labels: dict[str, str], lang: str = "en") -> dict:
        """Plain JSON data (the ``personas --json`` output), traits and names in ``lang``."""
        reason, level = self.k_reason(), self.level_note()
        return {
            "k": self.k, "algorithm": self.algorithm, "silhouette": _rounded(self.silhouette),
            "rows_used": self.rows_used, "features": self.features,
            "imputed": {column: round(share, 4) for column, share in self.imputed.items() if share},
            "k_reason": render(reason, lang) if reason else None,
            "level_share": _rounded(self.level), "level_adjusted": self.level_adjusted,
            "level_note": render(level, lang) if level else None,
            "traits_held_out_rows": self.held_out_rows, "traits_note": render(self.traits_note(), lang),
            "k_table": None if self.choice is None else
            [{key: _rounded(value) for key, value in row.items()} for row in self.choice.table.to_dict("records")],
            "personas": [{
                "id": persona.id + 1, "name": persona.name.get(lang, persona.name["en"]), "size": persona.size,
                "share": round(persona.share, 4),
                "traits": [render(trait.sentence(labels.get(trait.column, trait.column)), lang)
                           for trait in persona.traits],
                "traits_unconfirmed": [render(trait.sentence(labels.get(trait.column, trait.column)), lang)
                                       for trait in persona.unconfirmed],
                "metrics": persona.metrics, "touchpoints": persona.touchpoints,
                "weakest_stage": persona.weakest_stage or None, "channel": persona.channel or None,
                "comments": persona.comments, "pain_points": persona.pain_points, "buying": persona.buying,
            } for persona in self.personas],
        }


@one_thread
def build_personas(prepared: Prepared, features: list[str] | None = None, algorithm: str = "kmeans",
                   k: int | None = None, stages: dict[str, str] | None = None, name: str = "",
                   random_state: int = 0, choice: KChoice | None = None,
                   matrix: np.ndarray | None = None, linked: Linked | None = None,
                   level_adjusted: bool = False, weights: pd.Series | None = None) -> PersonaResult:
    """Personas of ``prepared``'s responses on ``features`` (default: :func:`default_features`), ``k`` of them
    (None: the k recommended by :func:`compare_k`, or by ``choice`` when given, which must come from the same
    rows, features, algorithm and ``level_adjusted``; its fitted models are then reused). ``matrix`` is
    :func:`analysis.personas.model.encoded_rows` of :func:`clustered_rows`, when the caller keeps it.

    The model is fitted on the same fixed random sample as the k comparison (all rows up to 8,000) and
    every row is then assigned to its nearest persona; k = 1 (no clear groups) is everyone in one persona.
    Traits are checked on held-out rows (see :mod:`analysis.personas.cards`). ``linked`` comments and
    purchases (:mod:`analysis.personas.linked`) become columns that can be features, and describe each
    persona. Raises :class:`InputError` for unusable features or too few rows.
    """
    if linked is not None:
        prepared = with_linked(prepared, linked)
    frame = prepared.responses
    features, numeric, categorical = persona_features(prepared, features, name)
    if len(frame) < MIN_ROWS or (k is not None and len(frame) < 2 * k):
        raise InputError("error.personas.too_few_rows", file=quoted(name), rows=len(frame), k=k or 2)
    rows = clustered_rows(prepared, numeric, level_adjusted)
    if k is None and choice is None:
        choice = compare_k(rows, numeric, categorical, algorithm, random_state=random_state)
    k = choice.k if k is None else k
    sample = sample_rows(len(frame), random_state)
    scored = sample.fit[sample.scored]
    if k == 1:
        labels, silhouette, held_out = np.zeros(len(frame), dtype=int), float("nan"), None
        shown = preprocessor(numeric, categorical).fit(feature_table(rows.iloc[sample.fit], numeric, categorical))
        points = shown.transform(feature_table(rows.iloc[scored], numeric, categorical))
    else:
        model = choice.models.get(k) if choice is not None else None
        if model is None:
            model = PersonaModel(numeric, categorical, algorithm, k, random_state).fit(rows.iloc[sample.fit])
        raw = model.predict(rows, matrix)
        labels = by_size(raw, k)[raw]
        silhouette = silhouette_of(model, rows.iloc[scored], labels[scored])
        held_out = held_out_labels(rows, PersonaModel(numeric, categorical, algorithm, k, random_state),
                                   labels, sample.fit, random_state)
        points = model.transform(rows.iloc[scored])
    ratings = rating_features(prepared.mapping, numeric)
    return PersonaResult(features, numeric, categorical, algorithm, k, choice, silhouette,
                         imputed_shares(frame, features), pd.Series(labels, index=frame.index, name="persona"),
                         describe(prepared, frame, labels, numeric, categorical, stages, linked, held_out, k, weights),
                         projection(points, labels[scored], rows.index[scored]),
                         level_share(frame, labels, ratings), level_adjusted and len(ratings) >= 2,
                         0 if held_out is None else len(held_out[0]))


def clustered_rows(prepared: Prepared, numeric: list[str], level_adjusted: bool = False) -> pd.DataFrame:
    """The responses as the clustering reads them: as they are, or with ratings centred on each respondent's own
    level (:func:`~analysis.personas.features.centred_on_own_level`)."""
    frame = prepared.responses
    return centred_on_own_level(frame, rating_features(prepared.mapping, numeric)) if level_adjusted else frame


def held_out_labels(rows: pd.DataFrame, model: PersonaModel, labels: np.ndarray, fit_rows: np.ndarray,
                    random_state: int = 0) -> tuple[np.ndarray, np.ndarray] | None:
    """Rows ``model`` (unfitted) never sees, and the persona it gives them: it is fitted on a random half of
    ``fit_rows`` and assigns the other half (every other row when ``fit_rows`` is all of them); its groups are matched to the personas of ``labels`` by the most
    rows shared (Hungarian matching). None when either half is too small for k groups."""
    from scipy.optimize import linear_sum_assignment

    k = model.k
    half = np.sort(np.random.default_rng(random_state + 2).permutation(fit_rows)[:len(fit_rows) // 2])
    rest = np.setdiff1d(fit_rows, half)
    if len(half) < 2 * k or len(rest) < 2 * k:
        return None
    found = model.fit(rows.iloc[half]).predict(rows.iloc[rest])
    shared = np.zeros((k, k), dtype=int)
    np.add.at(shared, (found, labels[rest]), 1)
    groups, personas = linear_sum_assignment(-shared)
    matched = np.empty(k, dtype=int)
    matched[groups] = personas
    return rest, matched[found]


def persona_features(prepared: Prepared, features: list[str] | None = None, name: str = "") -> tuple[list, list, list]:
    """The chosen features (default: :func:`default_features`), and the same as (numeric, categorical).
    Raises :class:`InputError` naming a column that cannot describe people, or when there is none."""
    frame = prepared.responses
    allowed = candidate_columns(frame, prepared.mapping)
    features = default_features(frame, prepared.mapping) if features is None else list(features)
    unknown = [column for column in features if column not in allowed]
    if unknown:
        raise InputError("error.personas.unknown_feature", file=quoted(name), column=quoted(unknown[0]),
                         columns=", ".join(map(str, allowed)) or "—")
    if not features:
        raise InputError("error.personas.no_features", file=quoted(name))
    return (features, *split_kinds(frame, features))


def projection(matrix: np.ndarray, labels: np.ndarray, index: pd.Index) -> pd.DataFrame:
    """Rows (``matrix``, as the model reads them) on its first two principal components (``x``, ``y``,
    ``persona``), for a scatter; the share of variance each axis shows is in ``attrs["explained"]``."""
    from sklearn.decomposition import PCA

    components = min(2, matrix.shape[1], len(matrix))
    pca = PCA(components, random_state=0).fit(matrix)
    points = pca.transform(matrix)
    if components < 2:
        points = np.column_stack([points, np.zeros(len(points))])
    table = pd.DataFrame({"x": points[:, 0], "y": points[:, 1], "persona": labels}, index=index)
    table.attrs["explained"] = [float(v) for v in pca.explained_variance_ratio_]
    return table


def to_markdown(data: dict, title: str) -> str:
    """Personas as a Markdown document (from :meth:`PersonaResult.to_dict`, names as the analyst left them); the
    names and traits, which carry the analyst's words and the file's labels, are plain text
    (:func:`analysis.plain.plain`)."""
    lines = [f"# {plain(title)}", ""]
    for persona in data["personas"]:
        lines += [f"## {persona['id']}. {plain(persona['name'])}", "",
                  f"{persona['size']:,} ({100 * persona['share']:.1f}%)", ""]
        lines += [f"- {plain(trait)}" for trait in persona["traits"]]
        lines.append("")
    return "\n".join(lines)


def _rounded(value):
    return None if isinstance(value, float) and np.isnan(value) else round(value, 4) if isinstance(value, float) else value
