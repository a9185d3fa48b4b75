"""The bundled sample project shown on a first visit (real public data, see data/README.md)."""
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "sample"


def sample_paths() -> dict[str, Path]:
    """Paths of the sample survey export and the sample social-feedback export."""
    return {"survey": DATA / "airline_survey.csv", "feedback": DATA / "airline_tweets.csv"}
