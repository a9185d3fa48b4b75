"""Driving the app headless (Streamlit AppTest): open a page as a link would, read its charts and URL, find the
widgets whose keys carry the file they belong to, and hand a session its files or kept settings."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from pages.ui import files, kept, site

APP = Path(__file__).resolve().parents[1] / "app.py"
TIMEOUT = 120


def new_app() -> AppTest:
    """A fresh session of the app (the ``app_test`` fixture; a test that needs a second session calls this)."""
    return AppTest.from_file(str(APP), default_timeout=TIMEOUT)


def open_page(app: AppTest, name: str, **params) -> AppTest:
    """Open a page straight from a link carrying ``params`` (as a shared URL would)."""
    for key, value in params.items():
        app.query_params[key] = value
    go(app, name)
    assert not app.exception, app.exception[0].message
    return app


def go(app: AppTest, name: str) -> AppTest:
    """Switch the session to page ``name`` and run it (as a click in the navigation does)."""
    return app.switch_page(site.script(name)).run()


def chart_titles(app: AppTest) -> list[str]:
    """The titles of the Vega-Lite charts on the page."""
    titles = []
    for chart in app.get("vega_lite_chart"):
        title = json.loads(chart.proto.spec).get("title")
        titles.append(title["text"] if isinstance(title, dict) else title)
    return titles


def chart_data(app: AppTest, name: str) -> pd.DataFrame:
    """The named dataset ``name`` of the first chart on the page that has one."""
    import pyarrow as pa

    for chart in app.get("vega_lite_chart"):
        for dataset in chart.proto.datasets:
            if dataset.name == name:
                return pa.ipc.open_stream(dataset.data.data).read_pandas()
    raise AssertionError(f"no chart has a dataset {name!r}")


def tile(app: AppTest, label: str):
    """The headline tile (``st.metric``) labelled ``label`` on the page."""
    found = [metric for metric in app.metric if metric.label == label]
    assert found, f"no tile {label!r}: {[metric.label for metric in app.metric]}"
    return found[0]


def param(app: AppTest, key: str) -> list[str]:
    """A query parameter of the app's URL as a list of values (AppTest keeps a single one as a string)."""
    value = app.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def widget(elements, prefix: str):
    """The widget among ``elements`` (``app.multiselect``, ``app.button``...) whose key starts with ``prefix``
    (keys of widgets that belong to a file carry its digest after the prefix)."""
    found = [element for element in elements if str(element.key or "").startswith(prefix)]
    assert found, f"no widget with a key starting {prefix!r}: {[element.key for element in elements]}"
    return found[0]


def filter_widget(elements, name: str):
    """A sidebar filter widget (``seg``, ``segv_Class``, ``dates``, ``tp``, ``persona``...) of the survey in use."""
    return widget(elements, f"filter_{name}__")


def use_file(app: AppTest, kind: str, name: str, data: bytes) -> AppTest:
    """Give a fresh session a file of ``kind`` without a project (as an upload by a viewer-less session would)."""
    kept.FEATURES["files"].put(kind, files.from_bytes(name, data), state=app.session_state)
    return app


def keep(app: AppTest, feature: str, item: str, value) -> AppTest:
    """Set what a feature keeps for ``item`` in the session, as the analyst's edit would."""
    kept.FEATURES[feature].put(item, value, state=app.session_state)
    return app


def kept_value(app: AppTest, feature: str, item: str | None = None):
    """What a feature keeps in the session: one item, or (``item=None``) all of them."""
    found = kept.FEATURES[feature]
    return found.items(state=app.session_state) if item is None else found.get(item, state=app.session_state)


def upload(app: AppTest, path: Path, kind: str = "survey", data: bytes | None = None) -> AppTest:
    """Upload ``path`` (or ``data`` named like it) as the first file of ``kind`` on the Data page of a session
    that has not uploaded that kind yet; a project is created for it."""
    app.run()
    app.file_uploader(key=f"upload_{kind}_0").upload(path.name, path.read_bytes() if data is None else data,
                                                     "application/octet-stream").run()
    assert not app.exception, app.exception[0].message
    return app
