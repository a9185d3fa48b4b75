"""Survey tables for tests, prepared as an upload would be: files from disk, and hand-made tables."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.io import Export, load_export
from analysis.prepare import Prepared, prepare
from analysis.schema import detect_roles

SCALES = {"nps": (0.0, 10.0), "ces": (1.0, 7.0), "csat": (1.0, 5.0), "touchpoint": (1.0, 5.0)}


def prepared_from(frame: pd.DataFrame, roles: dict[str, str], scale: tuple[float, float] | None = None,
                  reverse=()) -> Prepared:
    """Prepare ``frame`` with these column roles (others are attributes): NPS on 0..10, CES on 1..7, CSAT and
    touchpoints on 1..5, or every rating on ``scale``; columns in ``reverse`` read 1 = best."""
    def scale_of(column):
        role = roles.get(column)
        if role != "nps" and scale is not None and role in SCALES:
            return scale
        return SCALES.get(role, (np.nan, np.nan))

    rows = [{"column": column, "role": roles.get(column, "attribute"), "scale_min": scale_of(column)[0],
             "scale_max": scale_of(column)[1], "reverse": column in reverse} for column in frame.columns]
    frame = frame.copy()
    frame.index = frame.index + 2  # spreadsheet rows, as load_export numbers them
    return prepare(Export(name="hand.csv", format="generic", frame=frame, questions={}), pd.DataFrame(rows))


def prepared_path(path) -> Prepared:
    """A file loaded, its roles detected and prepared, as every page starts (the ``prepared_file`` fixture)."""
    export = load_export(path)
    return prepare(export, detect_roles(export))
