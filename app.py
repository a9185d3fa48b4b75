"""Journey Lens: entry point. Builds the shell (page config, language switch, navigation) and runs the page."""
from pages.ui.shell import shell

shell().run()
