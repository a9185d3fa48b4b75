"""Report page: not built yet; says what it will do."""
import streamlit as st

from pages.ui import shell
from pages.ui.text import tr

shell.inside_app()

st.title(tr("nav.report"))
st.info(tr("report.coming"), icon=":material/construction:")
