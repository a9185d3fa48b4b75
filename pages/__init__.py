"""The pages of Journey Lens, run by app.py through st.navigation.

Not named ``pages/``: Streamlit still treats a ``pages/`` folder as a v1 multipage app on a
server's first run, which would open a deep link without app.py (no navigation, no language).
"""
