"""Journey Lens analysis library: ingestion, schema mapping, validation and metrics.

Plain Python with no Streamlit import, usable from a notebook or ``python -m analysis``::

    from analysis.io import load_export
    from analysis.summary import summarize
    summarize(load_export("survey.csv"))
"""
