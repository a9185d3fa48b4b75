"""Journey Lens: entry point. Builds the shell (page config, language switch, navigation) and runs the page."""
from pages.ui import project
from pages.ui.shell import shell

page = shell()
try:
    page.run()
finally:  # a page may end early (st.stop); what the analyst changed is kept either way
    project.persist()
