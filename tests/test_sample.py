"""The bundled sample project is committed, complete, and what analysis.sample points at."""
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
SHARED = ROOT.parent / "shared" / "data"


def test_sample_paths_point_at_bundled_files():
    from analysis.sample import sample_paths

    paths = sample_paths()
    assert Path(paths["survey"]).resolve() == SAMPLE / "airline_survey.csv"
    assert Path(paths["feedback"]).resolve() == SAMPLE / "airline_tweets.csv"


@pytest.mark.parametrize("name, rows, first_column", [
    ("airline_survey.csv", 5000, "id"),
    ("airline_tweets.csv", 2000, "tweet_id"),
])
def test_sample_file_is_complete(name, rows, first_column):
    frame = pd.read_csv(SAMPLE / name, dtype=str)
    assert len(frame) == rows
    assert frame.columns[0] == first_column


@pytest.mark.parametrize("name, original", [
    ("airline_survey.csv", "airline_passenger_satisfaction_sample.csv"),
    ("airline_tweets.csv", "airline_tweets_sample.csv"),
])
def test_sample_is_byte_for_byte_copy_of_shared_data(name, original):
    if not (SHARED / original).is_file():
        pytest.skip("shared/data is not next to this clone")
    assert (SAMPLE / name).read_bytes() == (SHARED / original).read_bytes()
