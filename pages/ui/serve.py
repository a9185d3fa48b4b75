"""Starting the app: ``python -m pages.ui.serve [streamlit options]`` is ``streamlit run app.py`` with Streamlit's
legacy folder mode off from the first request.

With a ``pages/`` folder next to ``app.py``, Streamlit runs the first request of a server process in its legacy
folder mode, which looks for page scripts at the top of ``pages/`` (there are none: the storyboards live in
``pages/storyboards/``) and shows "Page not found" to a first visitor who opened a page's own address. Here that
mode is switched off before the server starts; ``make run`` and the browser tests start the app this way.
(``streamlit run app.py`` works too; the shell then leaves the mode on the first run.)

With ``JOURNEY_LENS_LOG_FORMAT=json`` (set by ``deploy/serve.py`` for every process it starts) the server's own
logs and the app's are JSON lines without user data (:mod:`analysis.logs`).

The process also applies the retention setting (``JOURNEY_LENS_RETENTION_DAYS``) in the background, at start and
then every six hours (:mod:`analysis.store.sweeper`), never while a page runs.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app.py"
LOG_FORMAT_VARIABLE = "JOURNEY_LENS_LOG_FORMAT"


def json_logs() -> None:
    """Every log line of this process as JSON (:mod:`analysis.logs`): the root logger's and each of Streamlit's
    loggers', including those Streamlit creates later (they do not propagate to the root)."""
    from streamlit import logger as streamlit_logger

    from analysis.logs import json_handler

    def setup_formatter(target: logging.Logger) -> None:
        for handler in list(target.handlers):
            target.removeHandler(handler)
        target.addHandler(json_handler())

    streamlit_logger.setup_formatter = setup_formatter
    streamlit_logger.update_formatter()
    logging.getLogger().handlers[:] = [json_handler()]


def background_retention():
    """Start this process's retention sweeper (None when no retention is set); its one line per sweep is logged."""
    from analysis.store import sweeper

    logging.getLogger(sweeper.__name__).setLevel(logging.INFO)
    return sweeper.start_sweeping()


def main(options: list[str] | None = None) -> None:
    """Run the app's server with ``options`` (default: this command's arguments), as ``streamlit run`` does."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    if os.environ.get(LOG_FORMAT_VARIABLE) == "json":
        json_logs()
    background_retention()
    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if options is None else options)]
    cli.main()


if __name__ == "__main__":
    main()
