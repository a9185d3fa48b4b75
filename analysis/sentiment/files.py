"""Score the texts of a file and write every row back with its sentiment (``python -m analysis sentiment``)."""
from __future__ import annotations

from dataclasses import asdict
from pathlib import Path


from analysis.errors import InputError, quoted
from analysis.export import csv_bytes
from analysis.io import load_export
from analysis.prepare import columns_for
from analysis.schema import detect_roles
from analysis.sentiment.base import LABELS, UNDETECTED, Thresholds
from analysis.sentiment.model import SentimentModel
from analysis.sentiment.trained import LabelledClassifier


def text_column(export, wanted: str | None) -> str:
    """The column of texts: ``wanted`` when it is one of the file's, else the detected free-text
    column with the longest answers. Raises :class:`InputError` when there is none."""
    columns = list(export.frame.columns)
    if wanted is not None:
        if wanted not in columns:
            raise InputError("error.sentiment.not_a_column", file=export.name, column=quoted(wanted),
                             columns=[quoted(c) for c in columns[:12]])
        return wanted
    texts = columns_for(detect_roles(export), "text")
    if not texts:
        raise InputError("error.sentiment.no_text", file=export.name)
    return max(texts, key=lambda c: export.frame[c].astype("string").str.len().mean() or 0)


def score_file(path: str, out: str, text_col: str | None = None, lang: str = "auto", engine: str = "auto",
               negative: float | None = None, positive: float | None = None, train: str | None = None,
               label_col: str | None = None) -> dict:
    """Write ``out``: every row of ``path`` in order, plus ``sentiment_score``, ``sentiment_label``,
    ``emotion`` and ``language``. With ``train`` (and ``label_col``), a classifier learns from that
    file's labelled texts and is used only when it beats the zero-shot engine on the same repeated folds
    beyond their uncertainty (:mod:`analysis.sentiment.validation`).

    The zero-shot model is first fitted to the file's own texts, unlabelled (``SentimentModel.adapt``).

    Returns what was done: file, out, rows, engine, label counts, ``chinese_adaptation`` (what the
    Chinese engine learnt from the texts, or None when it read none) and, under ``training``, the
    cross-validation figures (each macro-F1, the difference with its 95% interval and p), the ``verdict``
    (``trained``, ``engine`` or ``unclear``) and whether the trained model was ``used``.
    """
    export = load_export(path)
    column = text_column(export, text_col)
    thresholds = _thresholds(negative, positive)
    model = SentimentModel(engine, lang, thresholds)
    result = {"file": export.name, "out": str(out), "text_column": column, "engine": engine, "training": None}
    if train is not None:
        classifier, result["training"] = _trained(model, train, text_col or column, label_col)
        if result["training"]["used"]:
            model, result["engine"] = classifier, f"trained on {Path(train).name}"
    texts = export.frame[column].astype("string").fillna("").tolist()
    if isinstance(model, SentimentModel):
        model.adapt(texts)
    scored = model.transform(texts)
    adaptation = model.adaptation() if isinstance(model, SentimentModel) else None
    result["chinese_adaptation"] = None if adaptation is None else adaptation.summary()
    frame = export.frame.reset_index(drop=True).copy()
    for name in scored.columns:
        frame[name] = scored[name].to_numpy()
    Path(out).write_bytes(csv_bytes(frame))
    counts = frame["sentiment_label"].value_counts()
    result.update(rows=len(frame), labels={label: int(counts.get(label, 0)) for label in (*LABELS, UNDETECTED)})
    return result


def _thresholds(negative: float | None, positive: float | None) -> Thresholds | None:
    if negative is None and positive is None:
        return None
    default = Thresholds()
    try:
        return Thresholds(default.negative if negative is None else negative,
                          default.positive if positive is None else positive)
    except ValueError:
        raise InputError("error.sentiment.thresholds", negative=negative, positive=positive) from None


def _trained(model: SentimentModel, train: str, text_col: str, label_col: str | None):
    labelled = load_export(train)
    if label_col is None or label_col not in labelled.frame.columns:
        raise InputError("error.sentiment.not_a_column", file=labelled.name, column=quoted(label_col or "--label-col"),
                         columns=[quoted(c) for c in list(labelled.frame.columns)[:12]])
    texts = labelled.frame[text_column(labelled, text_col)]
    try:
        classifier = LabelledClassifier(model).fit(texts.astype("string").fillna("").tolist(),
                                                   labelled.frame[label_col].tolist(), column=label_col)
    except InputError as err:
        raise err.in_file(labelled.name) from None
    cv = classifier.cv_
    return classifier, {**asdict(cv), "verdict": cv.verdict, "file": labelled.name, "used": cv.beats_zero_shot}
