"""Report page: not built yet; says what it will do."""
import streamlit as st

from pages import common
from pages.common import tr

common.inside_app()

st.title(tr("nav.report"))
st.info(tr("report.coming"), icon=":material/construction:")
