"""Compare page: not built yet; says what it will do."""
import streamlit as st

from pages import common
from pages.common import tr

common.inside_app()

st.title(tr("nav.compare"))
st.info(tr("compare.coming"), icon=":material/construction:")
