"""The bundled sample project shown on a first visit: real public airline data with simulated parts (which are
which: data/README.md)."""
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "sample"


def sample_paths() -> dict[str, Path]:
    """Paths of the sample survey export, its social-feedback export and its web event log."""
    return {"survey": DATA / "airline_survey.csv", "feedback": DATA / "airline_tweets.csv",
            "events": DATA / "airline_web_events.csv"}
