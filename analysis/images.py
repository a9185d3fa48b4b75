"""Charts as PNG or SVG bytes, drawn from a Vega-Lite spec without a browser (vl-convert).

The app's downloads and the HTML report both come through :func:`chart_image`. Data must be inline
(``data.values`` or named ``datasets``): no data is ever fetched from a URL.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.pins import chart_payload

VL_VERSION = "v" + "_".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])  # vl-convert's name, e.g. v6_4
EXPORT_WIDTH = 720


def chart_image(spec: dict, datasets: dict[str, pd.DataFrame] | None = None, fmt: str = "png") -> bytes:
    """The chart drawn as PNG (at twice the size) or SVG bytes.

    ``datasets`` are the named datasets the spec reads, as DataFrames; a layered chart without a width
    is drawn :data:`EXPORT_WIDTH` pixels wide (on screen it takes the page's width).
    """
    import vl_convert

    full = chart_payload(spec, datasets)
    if "layer" in spec and "width" not in spec:
        full["width"] = EXPORT_WIDTH
    if fmt == "png":
        return vl_convert.vegalite_to_png(full, vl_version=VL_VERSION, scale=2, allowed_base_urls=[])
    return vl_convert.vegalite_to_svg(full, vl_version=VL_VERSION, allowed_base_urls=[]).encode("utf-8")
