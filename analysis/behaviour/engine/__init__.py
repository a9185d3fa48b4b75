"""The behaviour definitions as relational queries, run on DuckDB: event logs of any size read in place.

The same figures as :mod:`analysis.behaviour.report` (the pandas implementation, kept as the test oracle),
but the log never enters the Python process: DuckDB reads CSV, TSV, gzip-compressed CSV and Parquet files
where they lie, sessionises and measures them with SQL (spilling to disk past its memory limit), and only
results come back. Python keeps what is defined per distinct value (page paths and groups, bots, devices,
channels, marker names, stages, glob patterns): it runs once per distinct URL, user agent or name, on the
library's own functions, and joins back as a small lookup table, so both engines share every definition.

:mod:`.read` loads and cleans the events, :mod:`.sessions` sessionises them, :mod:`.steps` finds funnel
steps and reach, :mod:`.measure` answers the figures (:class:`LogBehaviour`, the same methods as
:class:`analysis.behaviour.report.Behaviour`).
"""
from analysis.behaviour.engine.measure import LogBehaviour, analyse_log
from analysis.behaviour.engine.read import BIG_LOG_MB, big_log_file, can_read, is_session_table_file

__all__ = ["BIG_LOG_MB", "LogBehaviour", "analyse_log", "big_log_file", "can_read", "is_session_table_file"]
