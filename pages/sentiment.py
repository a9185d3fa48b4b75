"""Sentiment page: not built yet; says what it will do."""
import streamlit as st

from pages.ui import shell
from pages.ui.text import tr

shell.inside_app()

st.title(tr("nav.sentiment"))
st.info(tr("sentiment.coming"), icon=":material/construction:")
