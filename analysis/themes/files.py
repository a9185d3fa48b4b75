"""Code the comments of a file by themes and write every row back (``python -m analysis topics``)."""
from __future__ import annotations

import json
from pathlib import Path

from analysis.errors import InputError, quoted
from analysis.export import csv_bytes
from analysis.io import load_export
from analysis.sentiment.files import text_column
from analysis.themes.codeframe import Codeframe, code_texts, from_csv, from_json, to_csv, to_json
from analysis.themes.discover import discover


def topics_file(path: str, out: str, text_col: str | None = None, k: int | str = "auto", lang: str = "auto",
                codeframe: str | None = None, save_codeframe: str | None = None) -> dict:
    """Write ``out``: every row of ``path`` in order, plus ``topic`` (the strongest code's name, ''
    for none) and one strength column per code (named by the code; ``name (id)`` when two codes
    share a name). Themes are discovered (``k`` a number or ``auto``) unless ``codeframe`` (a
    saved JSON or CSV codeframe) is given; ``save_codeframe`` writes the codeframe used (``.csv``
    as CSV, else JSON). Returns what was done (with the rows of the file that could not be read: not written) and
    the codes (id, name, kind, terms, size, stability)."""
    export = load_export(path)
    column = text_column(export, text_col)
    texts = export.frame[column].astype("string").fillna("").tolist()
    frame = load_codeframe(codeframe) if codeframe else discover(texts, k, lang)
    if not frame.codes:
        raise InputError("error.themes.no_terms", file=export.name, column=quoted(column),
                         n=f"{sum(bool(text.strip()) for text in texts):,}")
    coded = code_texts(texts, frame)
    names = column_names(frame)
    rows = export.frame.reset_index(drop=True).copy()
    rows["topic"] = [names[topic] if topic else "" for topic in coded["topic"]]
    for code in frame.codes:
        rows[names[code.id]] = coded[code.id].to_numpy()
    Path(out).write_bytes(csv_bytes(rows))
    if save_codeframe:
        Path(save_codeframe).write_text(to_csv(frame) if save_codeframe.lower().endswith(".csv") else to_json(frame),
                                        encoding="utf-8")
    counts = coded["topic"].value_counts()
    return {"file": export.name, "out": str(out), "text_column": column, "rows": len(rows),
            "uncoded": int((coded["topic"] == "").sum()), "unreadable_rows": [bad["row"] for bad in export.bad_rows],
            "auto_k": {"chosen": frame.auto_k[0], "highest": frame.auto_k[1]} if frame.auto_k else None,
            "themes": [{"id": code.id, "name": code.name, "kind": code.kind, "terms": list(code.terms or code.keywords),
                        "size": int(counts.get(code.id, 0)), "stability": code.stability} for code in frame.codes]}


def column_names(frame: Codeframe) -> dict[str, str]:
    """Each code's column name: its name, or ``name (id)`` when another code has the same name."""
    taken = [code.name for code in frame.codes]
    return {code.id: code.name if taken.count(code.name) == 1 else f"{code.name} ({code.id})" for code in frame.codes}


def load_codeframe(path: str) -> Codeframe:
    """A codeframe saved as JSON or CSV. :class:`InputError` when the file is missing or not one."""
    name = Path(path).name
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError:
        raise InputError("error.file.not_found", file=name) from None
    try:
        return from_csv(text) if path.lower().endswith(".csv") else from_json(text)
    except (ValueError, json.JSONDecodeError) as err:
        raise InputError("error.themes.codeframe", file=name, reason=str(err)[:120]) from None
