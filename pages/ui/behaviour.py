"""The behaviour feature's state: the settings and page -> stage rules kept per set of logs (in the project),
the cached analyses of the logs, and the behaviour set beside the survey on the Journey page.

The logs themselves are the session's ``events`` files (:mod:`pages.ui.files`). Analyses are kept in the
size-bounded cache (:mod:`pages.ui.cache`) under the files' digests and the settings, so two users share an
entry only when they uploaded the same bytes.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, replace

import pandas as pd
import streamlit as st

from analysis.behaviour.columns import guess_event_columns
from analysis.behaviour.engine import read as engine_read
from analysis.behaviour.engine.databases import analyse_database, head
from analysis.behaviour.engine.located import analyse_located
from analysis.behaviour.events import DEFAULT_MARKERS, load_logs
from analysis.behaviour.frustration import BACK_S, FRUSTRATED, LOOP_S
from analysis.behaviour.report import Behaviour, analyse
from analysis.behaviour.session_table import session_table_export, session_table_summary
from analysis.behaviour.sessions import GAP_MINUTES
from analysis.behaviour.stages import DEFAULT_RULES, compare_with_survey
from analysis.errors import InputError
from analysis.io import Export
from pages.ui import big_logs, files, kept
from pages.ui import connected as connected_log
from pages.ui.big_logs import BigUpload, engine_sources
from pages.ui.cache import cached
from pages.ui.connected import Connected, counted
from pages.ui.connected_db import InDatabase
from pages.ui.files import Source
from pages.ui.text import listed, plain, sentences, tr


@dataclass(frozen=True)
class Settings:
    """How a log is read and measured: session gap (minutes), bots kept, marker events, page patterns, funnel
    steps and conversion events (None: guessed by the library), and the session id column (None: guessed by the
    library, ``""``: none)."""

    gap: float = GAP_MINUTES
    keep_bots: bool = False
    markers: tuple[str, ...] = DEFAULT_MARKERS
    patterns: tuple[str, ...] = ()
    steps: tuple[str, ...] | None = None
    conversion: tuple[str, ...] | None = None
    session_column: str | None = None


def _settings_in(data: dict) -> Settings:
    return Settings(**{name: tuple(item) if isinstance(item, list) else item for name, item in data.items()})


SETTINGS = kept.feature("behaviour_settings", asdict, _settings_in)
RULES = kept.feature("behaviour_rules", lambda rules: [list(rule) for rule in rules],
                     lambda data: [tuple(rule) for rule in data])


def files_key(srcs: tuple[Source, ...]) -> str:
    """A short key naming these files (their digests), for widget keys and kept settings."""
    return hashlib.sha256("".join(src.digest for src in srcs).encode()).hexdigest()[:16]


def log_key(srcs: tuple[Source, ...]) -> tuple:
    """:func:`files_key` and, for a connected log, its files' sizes and times (a table in a database: the window of
    time its figures belong to): a key for cached figures that changes when a daily file is added or rewritten."""
    return (files_key(srcs), *(src.version for src in srcs if isinstance(src, (Connected, InDatabase))))


def names(srcs: tuple) -> list[str]:
    """The names of the uploaded files (a big upload read by DuckDB stands for several)."""
    return [name for src in srcs for name in (src.names if isinstance(src, BigUpload) else (src.name,))]


def big_upload(srcs: tuple) -> bool:
    """Whether the logs are big uploads read in place by DuckDB (:mod:`pages.ui.big_logs`)."""
    return bool(srcs) and isinstance(srcs[0], BigUpload)


def big_note(srcs: tuple) -> None:
    """For big uploads: that DuckDB reads them in place, and that the project keeps them as files."""
    if big_upload(srcs):
        st.caption(tr("behaviour.big_upload", mb=counted(srcs[0].located)["mb"], limit=f"{big_logs.ENGINE_MB:g}"))


def connected(srcs: tuple) -> bool:
    """Whether the files are a log connected on the server (read in place by DuckDB, or a table in a database)."""
    return any(isinstance(src, (Connected, InDatabase)) for src in srcs)


def exports(srcs: tuple[Source, ...]) -> list[Export]:
    """The parsed files (cached by digest; raises ``InputError`` for an unreadable one), a header-only file among
    several left out (:func:`analysis.behaviour.events.load_logs`)."""
    return load_logs(srcs, files.load, lambda src: src.name)


def session_table(srcs: tuple[Source, ...]) -> tuple[Export, dict] | None:
    """The session-level table among the files and its summary, or None for event logs (raises ``InputError``
    when a session table comes with other files or cannot be summarised)."""
    if connected(srcs):
        return None
    table = session_table_export(exports(srcs))
    if table is None:
        return None
    src = next(src for src in srcs if src.name == table.name)
    return table, cached(("behaviour_table", src.digest, src.name),
                         lambda: session_table_summary(table.frame, table.name))


def session_columns(srcs: tuple[Source, ...]) -> tuple[list[str], str]:
    """The files' headers (in file order, each once) and the session id column the library guesses (``""`` for
    none, or when a file cannot be read as an event log: the analysis then says why)."""
    if connected(srcs):
        return _connected_columns(srcs[0])
    loaded = exports(srcs)
    headers = list(dict.fromkeys(str(column) for export in loaded for column in export.frame.columns))
    try:
        guesses = [guess_event_columns(export.frame, export.name).session for export in loaded]
    except InputError:
        return headers, ""
    return headers, next((column for column in guesses if column), "")


def _connected_columns(log: Connected | InDatabase) -> tuple[list[str], str]:
    """:func:`session_columns` of a connected log, from the first rows of its first file (DuckDB reads no more), or
    of its table in a database."""
    def first_rows():
        with engine_read.connect() as con:
            return engine_read.head(con, log.checked().files[0])

    try:
        if isinstance(log, InDatabase):
            first = cached(("behaviour_db_head", log.digest, log.version), lambda: head(log.database, log.table))
        else:
            first = cached(("behaviour_log_head", log.version[0]), first_rows)
    except InputError:  # unreadable: no columns to offer; the analysis of the log says what is wrong
        return [], ""
    try:
        return list(map(str, first.columns)), guess_event_columns(first, log.name).session or ""
    except InputError:
        return list(map(str, first.columns)), ""


# Settings and stage map, kept per set of files ---------------------------------------------------------------

def settings(srcs: tuple[Source, ...]) -> Settings:
    """The settings kept for these files (the defaults at first)."""
    return SETTINGS.get(files_key(srcs)) or Settings()


def keep_settings(srcs: tuple[Source, ...], chosen: Settings) -> None:
    """Keep the settings for these files, for this page's next run and for the Journey page."""
    SETTINGS.put(files_key(srcs), chosen)


def rules(srcs: tuple[Source, ...]) -> list[tuple[str, str]]:
    """The page pattern -> journey stage rules kept for these files (the library's defaults at first)."""
    return RULES.get(files_key(srcs)) or list(DEFAULT_RULES)


def keep_rules(srcs: tuple[Source, ...], chosen: list[tuple[str, str]]) -> None:
    """Keep the edited stage rules for these files."""
    RULES.put(files_key(srcs), chosen)


# Analyses -------------------------------------------------------------------------------------------------

def analysis(srcs: tuple[Source, ...], chosen: Settings) -> Behaviour:
    """The analysed log (raises ``InputError``): read and sessionised once per files, gap, markers, bots, patterns
    and session id column; other funnel steps or conversion events only measure those sessions again."""
    if connected(srcs):
        return _connected_analysis(srcs[0], chosen)
    _release()
    read = (tuple((src.digest, src.name) for src in srcs), chosen.gap, chosen.keep_bots, chosen.markers,
            chosen.patterns, chosen.session_column)
    found = cached(("behaviour", *read), lambda: analyse(exports(srcs), chosen.gap, None, chosen.markers,
                                                         chosen.keep_bots, None, list(chosen.patterns) or None,
                                                         chosen.session_column))
    if chosen.steps is None and chosen.conversion is None:
        return found
    return cached(("behaviour_steps", *read, chosen.steps, chosen.conversion),
                  lambda: found.with_steps(list(chosen.steps or ()) or None, list(chosen.conversion or ()) or None))


_CONNECTED = "_behaviour_connected_log"  # session state: the session's connected log, analysed


@dataclass
class _Held:
    """A session's connected log in DuckDB: the read for ``key``, and the steps its funnel tables hold now."""

    key: tuple
    base: object
    steps: tuple = (None, None)
    measured: object = None


def _held(log: Connected | InDatabase, chosen: Settings) -> _Held:
    """The connected log read and sessionised in place by DuckDB (a table: in its database), kept in the session per
    path, files' sizes and times (table: database and time window), and reading settings. Each session has its own
    connection (its funnel tables change with the session's steps; a session runs one script at a time), and only
    one: reading with other settings, or going back to uploads, closes the previous one (:func:`_release`)."""
    key = (log.digest, log.version, chosen.gap, chosen.keep_bots, chosen.markers, chosen.patterns,
           chosen.session_column)
    held = st.session_state.get(_CONNECTED)
    if held is None or held.key != key:
        _release()
        reading = (chosen.gap, None, chosen.markers, chosen.keep_bots, None, list(chosen.patterns) or None,
                   chosen.session_column)
        base = analyse_database(log.database, log.table, *reading) if isinstance(log, InDatabase) \
            else analyse_located(log.checked(), *reading)
        held = st.session_state[_CONNECTED] = _Held(key, base, measured=base)
    return held


def _release() -> None:
    """Close the session's connected log, if it holds one (its database connection, or DuckDB's), when another read
    or uploads replace it: at once, not when the garbage collector gets to it."""
    held = st.session_state.pop(_CONNECTED, None)
    if held is not None:
        held.base.close()


def _connected_analysis(log: Connected | InDatabase, chosen: Settings):
    """The connected log (a :class:`analysis.behaviour.engine.LogBehaviour`) measured with the chosen steps and
    conversion: again only when they differ from the ones its funnel tables hold."""
    held = _held(log, chosen)
    wanted = (chosen.steps, chosen.conversion)
    if held.steps != wanted:
        held.measured = held.base.with_steps(list(chosen.steps or ()) or None, list(chosen.conversion or ()) or None)
        held.steps = wanted
    return held.measured


def guessed(srcs: tuple[Source, ...], chosen: Settings) -> Behaviour:
    """The analysis with the library's guessed steps and conversion (for the widgets' defaults)."""
    if connected(srcs):
        return _held(srcs[0], chosen).base
    return analysis(srcs, replace(chosen, steps=None, conversion=None))


def stages(srcs: tuple[Source, ...], chosen: Settings, stage_rules: list[tuple[str, str]]) -> pd.DataFrame:
    """Reach and drop-off per journey stage under ``stage_rules`` (raises ``InputError`` for an unknown stage)."""
    found = analysis(srcs, chosen)
    return cached(("behaviour_stages", log_key(srcs), chosen, tuple(stage_rules)), lambda: found.stages(stage_rules))


def measured(srcs: tuple[Source, ...], chosen: Settings, report: str, *args):
    """One of the analysis' reports (``retention``, ``window_funnel``, ``trended_funnel``, ``paths_before``,
    ``frustration``) with ``args``, kept in the cache per files, settings and arguments (the page reruns on every
    widget change; the log is measured again only when the figures would change)."""
    found = analysis(srcs, chosen)
    return cached(("behaviour_report", log_key(srcs), chosen, report, args), lambda: getattr(found, report)(*args))


# The Journey page ---------------------------------------------------------------------------------------------

FRUSTRATION_BESIDE = [FRUSTRATED, f"{FRUSTRATED}_share", f"{FRUSTRATED}_low", f"{FRUSTRATED}_high", "top_signal"]


def journey_logs() -> tuple:
    """The logs the Behaviour page reads, as the Journey page sets them beside the survey: the log connected on the
    server when the project has one (read in place by DuckDB, never loaded into the Python process), else the
    uploaded ones, big ones read in place by DuckDB too (:mod:`pages.ui.big_logs`) (raises ``InputError`` when the connected log no longer passes the server's checks)."""
    linked = connected_log.current()
    return engine_sources(files.logs()) if linked is None else (linked,)


def journey_stages() -> pd.DataFrame | None:
    """Reach and drop-off per stage of the event log loaded on the Behaviour page, with its kept settings and
    stage map, and the sessions with a frustration signal at each stage (the Behaviour page's figures, from the
    same cache entry; a connected log's from DuckDB); None without a log (or with a session table, or a log that
    cannot be read: the Behaviour page says why)."""
    try:
        srcs = journey_logs()
        if not srcs:
            return None
        if session_table(srcs) is not None:
            return None
        chosen, stage_rules = settings(srcs), rules(srcs)
        with st.spinner(working(srcs)):
            frustration = measured(srcs, chosen, "frustration", LOOP_S, BACK_S, tuple(stage_rules))[1]
            return stages(srcs, chosen, stage_rules).merge(frustration[["stage", *FRUSTRATION_BESIDE]], on="stage")
    except InputError:
        return None


def working(srcs: tuple) -> str:
    """The spinner's words while the logs are measured: the files and megabytes queried in place for a connected
    log."""
    if not connected(srcs):
        return tr("behaviour.working")
    if isinstance(srcs[0], InDatabase):
        return tr("behaviour.working_db", table=plain(srcs[0].table), name=plain(srcs[0].database))
    return tr("behaviour.working_connected", **counted(srcs[0].located))


def percent_interval(rate: float, low: float, high: float) -> str:
    """``46% (36–56%)``: a rate in % with its 95% interval, whole numbers."""
    return f"{rate:.0f}% ({low:.0f}–{high:.0f}%)"


def card_line(behaviour: pd.DataFrame, stage: str) -> str:
    """The stage card's line: sessions reaching the stage and the share leaving the journey there."""
    row = behaviour.set_index("stage").loc[stage]
    if not row["sessions"]:
        return tr("behaviour.journey.card_none")
    return tr("behaviour.journey.card_small" if row["small_sample"] else "behaviour.journey.card",
              n=f"{row['sessions']:,}", reach=f"{row['reach']:.0f}",
              leave=percent_interval(row["drop_off"], row["drop_low"], row["drop_high"]))


def frustration_line(behaviour: pd.DataFrame, stage: str) -> str | None:
    """The stage card's line on frustration: the share of the sessions reaching the stage with a frustration
    signal there (95% interval) and the most frequent signal, or that there is none; None when no session
    reaches the stage."""
    row = behaviour.set_index("stage").loc[stage]
    if not row["sessions"]:
        return None
    if not row[FRUSTRATED]:
        return tr("behaviour.journey.card_calm")
    return tr("behaviour.journey.card_frustrated", signal=tr(f"behaviour.frustration.{row['top_signal']}"),
              share=percent_interval(row[f"{FRUSTRATED}_share"], row[f"{FRUSTRATED}_low"], row[f"{FRUSTRATED}_high"]))


def _intervals(rows: pd.DataFrame, low: str, high: str, reached: pd.Series) -> list[str]:
    return [f"{lo:.0f}–{hi:.0f}" if n else "—" for lo, hi, n in zip(rows[low], rows[high], reached)]


def stage_columns(stage_codes: pd.Series, behaviour: pd.DataFrame) -> tuple[dict[str, list], dict]:
    """Columns to set beside a per-stage table whose rows are ``stage_codes``: sessions reaching, reach %, share
    leaving there and its interval, share with a frustration signal there, its interval and the most frequent
    signal; and their ``st.dataframe`` column config (short labels over the wide ones, their full names on hover,
    so the table fits a laptop screen)."""
    rows = behaviour.set_index("stage").reindex(stage_codes)
    reached = rows["sessions"].fillna(0).astype(int)
    leaving = rows["drop_off"].where(reached > 0)
    columns = {
        tr("behaviour.journey.sessions"): reached.tolist(),
        tr("behaviour.journey.reach"): rows["reach"].tolist(),
        tr("behaviour.journey.leave"): leaving.tolist(),
        tr("behaviour.journey.leave_interval"): _intervals(rows, "drop_low", "drop_high", reached),
        tr("behaviour.journey.frustrated"): rows[f"{FRUSTRATED}_share"].where(reached > 0).tolist(),
        tr("behaviour.journey.frustrated_interval"): _intervals(rows, f"{FRUSTRATED}_low", f"{FRUSTRATED}_high",
                                                                reached),
        tr("behaviour.journey.top_signal"): [tr(f"behaviour.frustration.{signal}") if signal else "—"
                                             for signal in rows["top_signal"].fillna("")],
    }

    def percent(full: str, label: str | None = None):
        return st.column_config.ProgressColumn(label, format="%.0f%%", min_value=0, max_value=100, width="small",
                                               help=full)

    def interval(full: str):
        return st.column_config.TextColumn(tr("behaviour.journey.interval_short"), width="small", help=full)

    leave, frustrated = tr("behaviour.journey.leave"), tr("behaviour.journey.frustrated")
    leave_interval = tr("behaviour.journey.leave_interval")
    frustrated_interval = tr("behaviour.journey.frustrated_interval")
    config = {tr("behaviour.journey.sessions"): st.column_config.NumberColumn(format="localized"),
              tr("behaviour.journey.reach"): st.column_config.NumberColumn(format="%.0f%%", width="small"),
              leave: percent(leave), frustrated: percent(frustrated, tr("behaviour.journey.frustrated_short")),
              leave_interval: interval(leave_interval), frustrated_interval: interval(frustrated_interval)}
    return columns, config


def journey_verdict(jmap: pd.DataFrame, behaviour: pd.DataFrame) -> str:
    """One sentence: is the survey's weakest stage the one where most sessions leave the journey? With the
    intervals, and only the claim they support."""
    evidence = compare_with_survey(jmap, behaviour)
    if evidence is None:
        return tr("behaviour.journey.verdict_few")
    values = {"survey": tr(f"stage.{evidence.survey_stage}"), "score": f"{100 * evidence.survey_score:.0f}",
              "stage": tr(f"stage.{evidence.leave_stage}"), "n": f"{evidence.sessions:,}",
              "leave": percent_interval(evidence.drop_off, evidence.drop_low, evidence.drop_high)}
    if evidence.agree:
        return tr("behaviour.journey.verdict_agree", **values)
    said = tr("behaviour.journey.verdict_disagree", **values)
    if not evidence.survey_sessions:
        return sentences(said, tr("behaviour.journey.verdict_unreached", survey=values["survey"]))
    at_survey = percent_interval(evidence.survey_drop, evidence.survey_drop_low, evidence.survey_drop_high)
    return sentences(said, tr("behaviour.journey.verdict_separated" if evidence.separated
                              else "behaviour.journey.verdict_overlap", survey=values["survey"],
                              stage=values["stage"], leave=at_survey, n=f"{evidence.survey_sessions:,}"))


def journey_note() -> None:
    """Where the sessions beside the survey come from (the uploaded files, or the log connected on the server), and
    that the sidebar filters do not narrow them."""
    try:
        srcs = journey_logs()
    except InputError:
        srcs = ()
    if srcs and isinstance(srcs[0], InDatabase):
        st.caption(tr("behaviour.journey.source_db", table=plain(srcs[0].table), name=plain(srcs[0].database)))
    elif connected(srcs) and not big_upload(srcs):
        st.caption(tr("behaviour.journey.source_connected", path=plain(srcs[0].name), **counted(srcs[0].located)))
    else:
        st.caption(tr("behaviour.journey.source", files=listed(plain(name) for name in names(srcs))))


def journey_table(jmap: pd.DataFrame, behaviour: pd.DataFrame) -> None:
    """"Scores and sessions" per stage: the survey's score beside the sessions that reach the stage and leave there,
    and the sentence comparing the weakest stages."""
    st.markdown(f"**{tr('behaviour.journey.title')}**")
    journey_note()
    st.markdown(journey_verdict(jmap, behaviour))
    shown = pd.DataFrame({tr("journey.stage"): jmap["stage"].map(lambda code: tr(f"stage.{code}")),
                          tr("journey.score"): [f"{100 * score:.0f}" if pd.notna(score) else "—"
                                                for score in jmap["score"]]})
    columns, config = stage_columns(jmap["stage"], behaviour)
    st.dataframe(shown.assign(**columns), hide_index=True, width="stretch", column_config=config)
