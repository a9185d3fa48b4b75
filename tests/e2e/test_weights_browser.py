"""Weights in a real browser: an analyst sets target shares on the Data page and the tiles change to the weighted
figures with their effective n (the library's, computed here from the file in use)."""
from __future__ import annotations

import hashlib

import pytest
from harness import ROOT
from playwright.sync_api import expect
from test_browser import choose

from analysis.io import load_export
from analysis.metric_registry import BY_NAME, headline_metrics
from analysis.prepare import prepare
from analysis.schema import detect_roles
from analysis.weighting import parse_target, rake

pytestmark = pytest.mark.e2e

SAMPLE = ROOT / "data" / "sample" / "airline_survey.csv"
TARGETS = {"Gender": "Female:0.5, Male:0.5", "Class": "Business:40%, Eco:45%, Eco Plus:15%"}


def expected():
    """The weighted satisfied share and the weights, as the library makes them from the bundled sample."""
    export = load_export(SAMPLE)
    prepared = prepare(export, detect_roles(export))
    weights = rake(export.frame.loc[prepared.responses.index],
                   [parse_target(f"{column}={shares}") for column, shares in TARGETS.items()])
    return headline_metrics(prepared, weights.values)["satisfied"], weights


def tile(app, label: str):
    return app.page.locator('[data-testid="stMetric"]', has_text=label).first


def test_targets_set_in_the_browser_weight_the_tiles_with_their_effective_n(app):
    satisfied, weights = expected()
    key = f"weights_{hashlib.sha256(SAMPLE.read_bytes()).hexdigest()[:12]}"
    app.open()
    unweighted = tile(app, "Satisfied share").locator('[data-testid="stMetricValue"]').inner_text()
    app.page.locator('[data-testid="stExpander"] summary', has_text="Weights").click()
    app.act(lambda: app.page.locator(f'[class*="st-key-{key}_on"] label').click())
    for column, shares in TARGETS.items():
        choose(app, f"{key}_columns", column)
    boxes = app.page.locator(f'[class*="st-key-{key}_paste"] input')
    expect(boxes).to_have_count(2)
    for position, shares in enumerate(TARGETS.values()):
        box = boxes.nth(position)
        box.fill(shares)
        app.act(lambda: box.press("Enter"))  # noqa: B023 (called at once, inside this pass)
    value = BY_NAME["satisfied"].text(satisfied.value)
    expect(tile(app, "Satisfied share").locator('[data-testid="stMetricValue"]')).to_have_text(value)
    assert value != unweighted
    expect(tile(app, "Satisfied share")).to_contain_text(f"eff. n = {satisfied.effective_n:,.0f}")
    note = f"Weighted to “Gender”, “Class” · effective n {weights.effective_n:,.0f} of {len(weights.used):,}"
    expect(app.page.get_by_text(note)).to_be_visible()
    expect(tile(app, "Effective n").locator('[data-testid="stMetricValue"]')).to_have_text(
        f"{weights.effective_n:,.0f}")
    assert not app.page.locator('[data-testid="stException"]').count()
