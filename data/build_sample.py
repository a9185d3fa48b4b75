"""Recreate the bundled sample project in data/sample/ from the shared real-data fixtures.

The files are copied byte-for-byte (no re-encoding, no row changes) so that what the app
shows on first visit is exactly the published sample. Run from anywhere:

    python data/build_sample.py                 # reads ../shared/data next to the repo
    python data/build_sample.py /path/to/data   # or any folder holding the same files
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parent.parent / "shared" / "data"

# bundled name -> file name in the shared data folder
FILES = {
    "airline_survey.csv": "airline_passenger_satisfaction_sample.csv",
    "airline_tweets.csv": "airline_tweets_sample.csv",
}


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else DEFAULT_SOURCE
    missing = [name for name in FILES.values() if not (source / name).is_file()]
    if missing:
        print(f"error: {source} does not hold {', '.join(missing)}; pass the shared data folder as the argument.",
              file=sys.stderr)
        return 2
    target = HERE / "sample"
    target.mkdir(exist_ok=True)
    for bundled, original in FILES.items():
        shutil.copyfile(source / original, target / bundled)
        print(f"{source / original} -> {target / bundled} ({(target / bundled).stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
