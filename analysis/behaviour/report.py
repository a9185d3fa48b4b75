"""The whole behaviour chain on event-log files: read, sessionise, measure; and the ``behaviour`` command's figures."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.behaviour import (
    frustration,
    funnel,
    metrics,
    paths,
    retention,
    stages,
    trends,
)
from analysis.behaviour.events import DEFAULT_MARKERS, Events, read_events
from analysis.behaviour.sessions import GAP_MINUTES, RULES, session_table, sessionise
from analysis.errors import InputError, quoted
from analysis.messages import Message, say

TOP_PAGES = 10


@dataclass
class Behaviour:
    """An analysed event log.

    Attributes
    ----------
    events : Events
        The clean events and the rows set aside (:func:`analysis.behaviour.events.read_events`).
    ordered : DataFrame
        The events ordered into sessions (:func:`analysis.behaviour.sessions.sessionise`).
    sessions : DataFrame
        One row per session (:func:`analysis.behaviour.sessions.session_table`) plus
        ``converted`` (bool; NaN when no conversion event is known, so no rate is shown) and ``funnel_steps``
        (how many funnel steps the session reached, in order).
    steps : list of Step
        The funnel steps (given or guessed; empty when none could be guessed).
    conversion : list of Step
        What counts as a conversion (given, or the guessed purchase step; empty when unknown).
    reached : DataFrame
        :func:`analysis.behaviour.funnel.reach` for ``steps``.
    gap_minutes : float
        The inactivity gap that splits the sessions of visitors without session ids or markers.
    """

    events: Events
    ordered: pd.DataFrame
    sessions: pd.DataFrame
    steps: list
    conversion: list
    reached: pd.DataFrame
    gap_minutes: float = GAP_MINUTES

    def session_by(self) -> dict:
        """Which rule made the sessions (:mod:`analysis.behaviour.sessions`), as plain values.

        Returns
        -------
        dict
            ``sessions``: sessions per rule (``session_id``, ``markers``, ``inactivity_gap``; rules that
            made none left out); ``columns``: the session id columns followed; ``start_markers`` and
            ``end_markers``: the marker names (as written) that bounded sessions; ``gap_minutes``: the
            gap, when it split any session (else None).
        """
        counts = self.sessions["rule"].value_counts()
        made = {rule: int(counts[rule]) for rule in RULES if rule in counts}
        columns = [found.session for found in self.events.columns.values() if found.session is not None]
        bounds = self.events.markers
        bounds = bounds[bounds["session_id"].isna()] if "markers" in made else bounds.iloc[:0]
        return {"sessions": made, "columns": list(dict.fromkeys(columns)) if "session_id" in made else [],
                "start_markers": list(dict.fromkeys(bounds.loc[bounds["kind"] == "start", "name"])),
                "end_markers": list(dict.fromkeys(bounds.loc[bounds["kind"] == "end", "name"])),
                "gap_minutes": float(self.gap_minutes) if "inactivity_gap" in made else None}

    def session_rule(self) -> str:
        """The one rule that made every session (``session_id``, ``markers`` or ``inactivity_gap``), or ``mixed``."""
        made = self.session_by()["sessions"]
        return next(iter(made)) if len(made) == 1 else "mixed"

    def funnel(self) -> pd.DataFrame:
        """:func:`analysis.behaviour.funnel.funnel_table` of the steps."""
        return funnel.funnel_table(self.reached, self.steps)

    def open_funnel(self) -> pd.DataFrame:
        """:func:`analysis.behaviour.funnel.open_funnel_table` of the steps: sessions may enter at any step."""
        return funnel.open_funnel_table(funnel.open_reach(self.ordered, self.steps), self.steps)

    def funnel_by(self, by: str) -> pd.DataFrame:
        """:func:`analysis.behaviour.funnel.funnel_by` for a session column (channel, device, visitor_type...)."""
        return funnel.funnel_by(self.reached, self.sessions, by, self.steps)

    def paths_after_drop(self, length: int = 3, top: int = 5) -> pd.DataFrame:
        """:func:`analysis.behaviour.funnel.paths_after_drop` of the steps."""
        return funnel.paths_after_drop(self.ordered, self.reached, self.steps, length, top)

    def pages(self) -> pd.DataFrame:
        """:func:`analysis.behaviour.metrics.page_table`: exits, exit rate and time on page per page."""
        return metrics.page_table(self.ordered, self.sessions)

    def by_segment(self, by: str) -> pd.DataFrame:
        """:func:`analysis.behaviour.metrics.by_segment` for one of channel, device, visitor_type, entry_page, date."""
        return metrics.by_segment(self.sessions, by)

    def paths(self, length: int = 5, top: int = 20) -> pd.DataFrame:
        """:func:`analysis.behaviour.paths.top_paths`."""
        return paths.top_paths(self.ordered, length, top)

    def flows(self, steps: int = 4) -> pd.DataFrame:
        """:func:`analysis.behaviour.paths.flows` (for a Sankey chart)."""
        return paths.flows(self.ordered, steps)

    def stages(self, rules: list[tuple[str, str]] | None = None) -> pd.DataFrame:
        """:func:`analysis.behaviour.stages.stage_table` with ``rules`` (default :data:`stages.DEFAULT_RULES`)."""
        return stages.stage_table(self.ordered, rules)

    def retention(self, period: str = "week") -> pd.DataFrame:
        """:func:`analysis.behaviour.retention.retention`: cohorts by first visit, returning per later period."""
        return retention.retention(self.sessions, period)

    def window_funnel(self, seconds: float) -> pd.DataFrame:
        """:func:`analysis.behaviour.trends.window_funnel`: the steps within ``seconds`` of step 1."""
        return trends.window_funnel(self.reached, self.steps, seconds)

    def trended_funnel(self) -> pd.DataFrame:
        """:func:`analysis.behaviour.trends.trend_figures`: completing the funnel week by week, changes tested."""
        return trends.trend_figures(trends.trend_counts(self.reached, self.sessions, len(self.steps)))

    def paths_before(self, goal: str, length: int = 3, top: int = 10) -> pd.DataFrame:
        """:func:`analysis.behaviour.paths.paths_before` a goal named as a funnel step is (raises ``InputError``
        for a name that matches nothing)."""
        return paths.paths_before(self.ordered, funnel.resolve_steps([goal], self.ordered)[0], length, top)

    def frustration(self, loop_s: float = frustration.LOOP_S, back_s: float = frustration.BACK_S,
                    rules: list[tuple[str, str]] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Frustration signals (:mod:`analysis.behaviour.frustration`) per page and per journey stage."""
        found = frustration.signals(self.ordered, loop_s, back_s)
        return frustration.by_page(self.ordered, found), frustration.by_stage(self.ordered, found, rules)

    def summary(self) -> dict:
        """:func:`analysis.behaviour.metrics.summary` of the sessions."""
        return metrics.summary(self.sessions, self.ordered)

    def files(self) -> list[str]:
        """The files read, in order."""
        return list(self.events.columns)

    def event_count(self) -> int:
        """How many events are in sessions."""
        return len(self.ordered)

    def step_choices(self) -> list[str]:
        """Names a funnel step can take (:func:`analysis.behaviour.funnel.step_choices`)."""
        return funnel.step_choices(self.ordered)

    def excluded_counts(self) -> dict[str, int]:
        """Rows set aside per reason (:meth:`analysis.behaviour.events.Events.excluded_counts`)."""
        return self.events.excluded_counts()

    def with_steps(self, steps: list[str] | None = None, conversion: list[str] | None = None) -> Behaviour:
        """The same sessions measured with other funnel steps and conversion events (see :func:`analyse`),
        without reading or sessionising the events again.

        Raises
        ------
        InputError
            For a step or conversion event that matches nothing (``error.behaviour.unknown_step``).
        """
        return _measured(self.events, self.ordered, steps, conversion, self.gap_minutes)


def analyse(sources, gap_minutes: float = GAP_MINUTES, steps: list[str] | None = None, markers=DEFAULT_MARKERS,
            keep_bots: bool = False, conversion: list[str] | None = None,
            page_patterns: list[str] | None = None, session_column: str | None = None) -> Behaviour:
    """Read event-log files and build sessions, funnel reach and conversion.

    Sessions follow the log's session id column, else its start and end markers, else the inactivity
    gap (:mod:`analysis.behaviour.sessions`); events outside the log's marked visits are set aside as
    ``outside_session``.

    Parameters
    ----------
    sources : path, bytes pair, Export, or a list of them
        See :func:`analysis.behaviour.events.read_events`; several daily files are read together.
    gap_minutes : float
        Inactivity (strictly more) that starts a new session where the log has neither session ids
        nor markers; default 30.
    steps : list of str, optional
        Funnel steps (event names, page patterns, or product/cart/checkout/purchase); default
        guessed (:func:`analysis.behaviour.funnel.guess_steps`).
    markers, keep_bots, page_patterns, session_column
        As for :func:`analysis.behaviour.events.read_events`.
    conversion : list of str, optional
        Events or pages that mean a conversion; default the guessed purchase step.

    Raises
    ------
    InputError
        For unusable files (see ``read_events``), an unknown step, a bad gap, or when every
        row was set aside.
    """
    events = read_events(sources, markers, keep_bots, page_patterns, session_column)
    ordered, outside = sessionise(events.frame, gap_minutes, events.markers)
    events = events.set_aside(outside, "outside_session")
    if ordered.empty:
        raise InputError("error.behaviour.no_events", excluded=", ".join(
            f"{reason} {count:,}" for reason, count in events.excluded_counts().items()))
    return _measured(events, ordered, steps, conversion, gap_minutes)


def _measured(events: Events, ordered: pd.DataFrame, steps: list[str] | None, conversion: list[str] | None,
              gap_minutes: float) -> Behaviour:
    """Sessions, funnel reach and conversion of sessionised events (the second half of :func:`analyse`)."""
    chosen = funnel.resolve_steps(steps, ordered) if steps else funnel.guess_steps(ordered)
    if conversion:
        converting = funnel.resolve_steps(conversion, ordered)
    else:
        purchase = funnel.default_steps(ordered)["purchase"]
        converting = [purchase] if purchase is not None else []
    sessions = session_table(ordered)
    hits = pd.Series(False, index=ordered.index)
    for step in converting:
        hits |= step.hits(ordered)
    converted = hits.groupby(ordered["session"]).any().reindex(sessions["session"]).to_numpy()
    sessions["converted"] = converted if converting else np.nan
    reached = funnel.reach(ordered, chosen)
    sessions["funnel_steps"] = reached["reached"].to_numpy()
    return Behaviour(events, ordered, sessions, chosen, converting, reached, gap_minutes)


def report(found, top: int = TOP_PAGES) -> dict:
    """The ``behaviour`` command's figures as plain JSON-ready values (shares in %, 0-100), of a :class:`Behaviour`
    or an :class:`analysis.behaviour.engine.LogBehaviour` (the same methods, answered by SQL).

    Keys: ``files``, ``visitors``, ``sessions``, ``events``, ``bounce_rate``,
    ``pages_per_session``, ``time_on_page_s``, ``conversion`` (Metric dicts: value, low, high,
    n, small_sample; conversion None when no conversion event is known), ``conversion_events``,
    ``funnel`` (step, label, sessions, share, drop_off, from_previous, median_s_from_previous),
    ``exit_pages`` (page, exits, views, exit_rate, low, high), ``channels`` and ``devices``
    (group, sessions, bounce_rate, conversion_rate), ``stages`` (stage, sessions, reach,
    exits, drop_off), ``excluded`` (rows set aside by reason), ``session_rule`` (``session_id``,
    ``markers``, ``inactivity_gap`` or ``mixed``: :meth:`Behaviour.session_rule`) and ``session_by``
    (:meth:`Behaviour.session_by`).
    """
    summary = found.summary()
    table = found.funnel()
    pages = found.pages().head(top)
    return {
        "files": found.files(),
        "visitors": summary["visitors"], "sessions": summary["sessions"], "events": found.event_count(),
        "bounce_rate": summary["bounce_rate"].to_dict(),
        "pages_per_session": summary["pages_per_session"].to_dict(),
        "time_on_page_s": summary["time_on_page_s"].to_dict(),
        "conversion": summary["conversion"].to_dict() if found.conversion else None,
        "conversion_events": [step.label for step in found.conversion],
        "funnel": _records(table, {"step": "step", "label": "label", "sessions": "sessions", "share": "share",
                                   "drop_off": "drop_off", "from_previous": "from_previous",
                                   "median_s_from_previous": "median_s_from_previous"}),
        "exit_pages": _records(pages, {"page": "page", "exits": "exits", "views": "views", "exit_rate": "exit_rate",
                                       "exit_low": "low", "exit_high": "high"}),
        "channels": _records(found.by_segment("channel"), _SEGMENT_KEYS),
        "devices": _records(found.by_segment("device"), _SEGMENT_KEYS),
        "stages": _records(found.stages(), {"stage": "stage", "sessions": "sessions", "reach": "reach",
                                            "exits": "exits", "drop_off": "drop_off"}),
        "excluded": found.excluded_counts(),
        "session_rule": found.session_rule(),
        "session_by": found.session_by(),
    }


def session_rule_messages(session_by: dict) -> list[Message]:
    """One message per rule that made sessions (from :meth:`Behaviour.session_by`): how many sessions it made and
    the session id column, the markers or the gap behind them."""
    gap = session_by["gap_minutes"]
    values = {"columns": [quoted(column) for column in session_by["columns"]],
              "markers": [quoted(name) for name in session_by["start_markers"] + session_by["end_markers"]],
              "gap": "" if gap is None else f"{gap:g}"}
    return [say(f"session_rule.{rule}{'_one' if count == 1 else ''}", n=f"{count:,}", **values)
            for rule, count in session_by["sessions"].items()]


_SEGMENT_KEYS = {"group": "group", "sessions": "sessions", "bounce_rate": "bounce_rate",
                 "conversion_rate": "conversion_rate"}


def _records(table: pd.DataFrame, keys: dict[str, str]) -> list[dict]:
    """Rows of ``table`` as dicts of the columns in ``keys`` (renamed to its values), numbers rounded, NaN as None."""
    part = table[list(keys)].rename(columns=keys)
    return [{key: _plain(value) for key, value in row.items()} for row in part.to_dict("records")]


def _plain(value):
    if isinstance(value, float) or hasattr(value, "dtype"):
        if pd.isna(value):
            return None
        number = value.item() if hasattr(value, "item") else value
        return round(number, 4) if isinstance(number, float) else number
    return None if value is pd.NA else value
