"""Behaviour: where visitors leave, from web and app analytics exports.

An event log (one row per page view or event: visitor id, timestamp, page or event name) is
read and cleaned by :mod:`.events`, split into sessions by :mod:`.sessions`, and measured by
:mod:`.metrics` (bounce, exit, time on page, conversion), :mod:`.funnel` (ordered steps),
:mod:`.paths` (page paths and flows) and :mod:`.stages` (journey stages). A session-level table
such as UCI Online Shoppers is summarised by :mod:`.session_table`. :func:`.report.analyse` runs
the whole chain; shares and rates are percentages (0-100), like :mod:`analysis.metrics`.
"""
