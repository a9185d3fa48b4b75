"""Journey Lens: the frame. Builds the shell (page config, project, language, sidebar, navigation), runs the
chosen page, and keeps what the analyst changed in the project."""
from pages.ui import kept
from pages.ui.shell import shell

page = shell()
try:
    page.run()
finally:  # a page may end early (st.stop); what the analyst changed is kept either way
    kept.persist()
