"""Starting the app: ``python -m pages.ui.serve [streamlit options]`` is ``streamlit run app.py`` with Streamlit's
legacy folder mode off from the first request.

With a ``pages/`` folder next to ``app.py``, Streamlit runs the first request of a server process in its legacy
folder mode, which looks for page scripts at the top of ``pages/`` (there are none: the storyboards live in
``pages/storyboards/``) and shows "Page not found" to a first visitor who opened a page's own address. Here that
mode is switched off before the server starts; ``make run`` and the browser tests start the app this way.
(``streamlit run app.py`` works too; the shell then leaves the mode on the first run.)
"""
from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app.py"


def main(options: list[str] | None = None) -> None:
    """Run the app's server with ``options`` (default: this command's arguments), as ``streamlit run`` does."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if options is None else options)]
    cli.main()


if __name__ == "__main__":
    main()
