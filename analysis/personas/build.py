"""Personas in one call, for the command line and the app: features, k, model, cards."""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import numpy as np
import pandas as pd

from analysis.errors import InputError, quoted
from analysis.messages import Message, render, say
from analysis.personas.cards import Persona, describe
from analysis.personas.choose_k import KChoice, compare_k, sample_rows, silhouette_of
from analysis.personas.features import candidate_columns, default_features, imputed_shares, split_kinds
from analysis.personas.linked import Linked, with_linked
from analysis.personas.model import PersonaModel, by_size
from analysis.plain import plain
from analysis.prepare import Prepared


MIN_ROWS = 6  # the k comparison needs two rows per group in an 80% resample, for k = 2


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
        How many personas (None: the k :func:`~analysis.personas.choose_k.compare_k` recommends).
    """

    features: tuple[str, ...] | None = None
    algorithm: str = "kmeans"
    k: int | None = None

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

    @property
    def rows_used(self) -> int:
        """Rows given a persona (every response; missing feature values are imputed)."""
        return len(self.assignments)

    def k_reason(self) -> Message | None:
        """Why this k was recommended, in words (None when the analyst chose another k, or no comparison was made)."""
        if self.choice is None or self.choice.k != self.k:
            return None
        row = self.choice.table.set_index("k").loc[self.k]
        return say(f"persona.k.{self.choice.reason}", k=self.k, silhouette=f"{row['silhouette']:.2f}",
                   stability=f"{row['stability']:.2f}")

    def to_dict(self, labels: dict[str, str], lang: str = "en") -> dict:
        """Plain JSON data (the ``personas --json`` output), traits and names in ``lang``."""
        reason = self.k_reason()
        return {
            "k": self.k, "algorithm": self.algorithm, "silhouette": _rounded(self.silhouette),
            "rows_used": self.rows_used, "features": self.features,
            "imputed": {column: round(share, 4) for column, share in self.imputed.items() if share},
            "k_reason": render(reason, lang) if reason else None,
            "k_table": None if self.choice is None else
            [{key: _rounded(value) for key, value in row.items()} for row in self.choice.table.to_dict("records")],
            "personas": [{
                "id": persona.id + 1, "name": persona.name.get(lang, persona.name["en"]), "size": persona.size,
                "share": round(persona.share, 4),
                "traits": [render(trait.sentence(labels.get(trait.column, trait.column)), lang)
                           for trait in persona.traits],
                "metrics": persona.metrics, "touchpoints": persona.touchpoints,
                "weakest_stage": persona.weakest_stage or None, "channel": persona.channel or None,
                "comments": persona.comments, "pain_points": persona.pain_points, "buying": persona.buying,
            } for persona in self.personas],
        }


def build_personas(prepared: Prepared, features: list[str] | None = None, algorithm: str = "kmeans",
                   k: int | None = None, stages: dict[str, str] | None = None, name: str = "",
                   random_state: int = 0, choice: KChoice | None = None,
                   matrix: np.ndarray | None = None, linked: Linked | None = None) -> PersonaResult:
    """Personas of ``prepared``'s responses on ``features`` (default: :func:`default_features`), ``k`` of them
    (None: the k recommended by :func:`compare_k`, or by ``choice`` when given, which must come from the same
    rows, features and algorithm; its fitted models are then reused). ``matrix`` is
    :func:`analysis.personas.model.encoded_rows` of the rows, when the caller keeps it.

    The model is fitted on the same fixed random sample as the k comparison (all rows up to 8,000) and
    every row is then assigned to its nearest persona. ``linked`` comments and purchases
    (:mod:`analysis.personas.linked`) become columns that can be features, and describe each persona.
    Raises :class:`InputError` for unusable features or too few rows.
    """
    if linked is not None:
        prepared = with_linked(prepared, linked)
    frame = prepared.responses
    features, numeric, categorical = persona_features(prepared, features, name)
    if len(frame) < MIN_ROWS or (k is not None and len(frame) < 2 * k):
        raise InputError("error.personas.too_few_rows", file=quoted(name), rows=len(frame), k=k or 2)
    if k is None and choice is None:
        choice = compare_k(frame, numeric, categorical, algorithm, random_state=random_state)
    k = choice.k if k is None else k
    sample = sample_rows(len(frame), random_state)
    model = choice.models.get(k) if choice is not None else None
    if model is None:
        model = PersonaModel(numeric, categorical, algorithm, k, random_state).fit(frame.iloc[sample.fit])
    raw = model.predict(frame, matrix)
    labels = by_size(raw, k)[raw]
    assignments = pd.Series(labels, index=frame.index, name="persona")
    scored = sample.fit[sample.scored]
    return PersonaResult(features, numeric, categorical, algorithm, k, choice,
                         silhouette_of(model, frame.iloc[scored], labels[scored]),
                         imputed_shares(frame, features), assignments,
                         describe(prepared, frame, labels, numeric, categorical, stages, linked),
                         projection(model, frame.iloc[scored], labels[scored]))


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


def projection(model: PersonaModel, rows: pd.DataFrame, labels: np.ndarray) -> pd.DataFrame:
    """The rows on the first two principal components of the model's standardised matrix (``x``, ``y``,
    ``persona``), for a scatter; the share of variance each axis shows is in ``attrs["explained"]``."""
    from sklearn.decomposition import PCA

    matrix = model.transform(rows)
    components = min(2, matrix.shape[1], len(rows))
    pca = PCA(components, random_state=0).fit(matrix)
    points = pca.transform(matrix)
    if components < 2:
        points = np.column_stack([points, np.zeros(len(points))])
    table = pd.DataFrame({"x": points[:, 0], "y": points[:, 1], "persona": labels}, index=rows.index)
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
