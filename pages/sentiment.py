"""Sentiment page: not built yet; says what it will do."""
import streamlit as st

from pages import common
from pages.common import tr

common.inside_app()

st.title(tr("nav.sentiment"))
st.info(tr("sentiment.coming"), icon=":material/construction:")
