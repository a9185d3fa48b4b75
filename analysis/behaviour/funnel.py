"""Closed, ordered funnels over sessions: reach, drop-off, time between steps, segments, paths after a drop.

A step is an event name (``add_to_cart``) or a page pattern (``/products/*``, matched against
page views). A session reaches step k when it holds events for steps 1..k in that order: the
first step-1 event, then the first step-2 event after it, and so on (a subsequence by time;
equal times keep file order). Shares are percentages with Wilson 95% intervals.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import metrics
from analysis.behaviour.metrics import rates
from analysis.behaviour.pages import glob_matches
from analysis.significance import holm
from analysis.errors import InputError, quoted
from analysis.funnel import independence_test

EXIT = "(exit)"
ARROW = " → "
# Default steps: the first name present in the log wins; product also accepts product pages.
DEFAULT_STEPS = {
    "product": ["product", "product_viewed", "view_item", "product_view", "viewed_product", "product_detail"],
    "cart": ["product_added_to_cart", "add_to_cart", "addcart", "added_to_cart", "cart_add", "add_cart"],
    "checkout": ["checkout_started", "begin_checkout", "checkout", "initiate_checkout", "freeze", "pay_req"],
    "purchase": ["checkout_completed", "purchase", "order_completed", "pay_res", "transaction", "order_placed"],
}
PRODUCT_PAGES = ["/products/*", "/product/*", "/p/*", "/item/*", "/items/*"]
FUNNEL_COLUMNS = ["step", "label", "sessions", "share", "share_low", "share_high", "of_all", "from_previous",
                  "previous_low", "previous_high", "drop_off", "drop_off_sessions", "median_s_from_previous"]
BY_COLUMNS = ["group", "step", "label", "previous", "reached", "rate", "low", "high", "drop_off", "small_sample"]


@dataclass(frozen=True)
class Step:
    """A funnel step: ``label`` shown, ``kind`` ``event`` (names in ``values``) or ``page`` (glob patterns)."""

    label: str
    kind: str
    values: tuple[str, ...]

    def hits(self, ordered: pd.DataFrame) -> pd.Series:
        """True for the events that count as this step."""
        if self.kind == "event":
            return ordered["event"].str.lower().isin(self.values).fillna(False).astype(bool)
        views = ordered["page_view"].astype(bool)
        found = pd.Series(False, index=ordered.index)
        for pattern in self.values:
            found |= glob_matches(pattern, ordered["path"]) | (ordered["page"] == pattern).fillna(False)
        return found & views


def guess_steps(ordered: pd.DataFrame) -> list[Step]:
    """Default steps from the data: product -> cart -> checkout -> purchase, those present (two at least, else none)."""
    steps = [step for step in default_steps(ordered).values() if step is not None]
    return steps if len(steps) >= 2 else []


def resolve_steps(names: list[str], ordered: pd.DataFrame) -> list[Step]:
    """Steps from names: an event name in the log, a page pattern (``/cart``, ``/products/*``) or a page
    name that matches page views, or a default step name (product, cart, checkout, purchase).

    Raises
    ------
    InputError
        For a name that matches nothing (``error.behaviour.unknown_step``, listing event names).
    """
    events = set(ordered["event"].dropna().str.lower())
    guessed = {kind: step for kind, step in default_steps(ordered).items() if step is not None}
    steps = []
    for name in names:
        key = name.strip().lower()
        as_page = Step(name.strip(), "page", (name.strip(),))
        if key in events:
            steps.append(Step(name.strip(), "event", (key,)))
        elif as_page.hits(ordered).any():
            steps.append(as_page)
        elif key in guessed:
            steps.append(guessed[key])
        else:
            known = sorted(events)[:15]
            raise InputError("error.behaviour.unknown_step", step=quoted(name), known=known)
    return steps


def default_steps(ordered: pd.DataFrame) -> dict[str, Step | None]:
    """The default step found for each kind of :data:`DEFAULT_STEPS` (None where the log has none)."""
    names = set(ordered["event"].dropna().str.lower())
    found = {}
    for kind, candidates in DEFAULT_STEPS.items():
        found[kind] = next((Step(name, "event", (name,)) for name in candidates if name in names), None)
        if found[kind] is None and kind == "product":
            pages = (Step(pattern, "page", (pattern,)) for pattern in PRODUCT_PAGES)
            found[kind] = next((step for step in pages if step.hits(ordered).any()), None)
    return found


def reach(ordered: pd.DataFrame, steps: list[Step]) -> pd.DataFrame:
    """How far each session got: one row per session (``session`` 0..n-1), ``reached`` (0..len(steps)) and,
    per step k (1-based), ``position_k`` (row of ``ordered`` of the step's event) and ``time_k`` (NaN/NaT
    when not reached)."""
    sessions = int(ordered["session"].max()) + 1 if len(ordered) else 0
    table = pd.DataFrame({"session": np.arange(sessions)})
    previous = pd.Series(-1.0, index=table.index)
    position = pd.Series(np.arange(len(ordered)), index=ordered.index, dtype=float)
    for k, step in enumerate(steps, start=1):
        after = position > previous.to_numpy()[ordered["session"].to_numpy()]
        chosen = position[step.hits(ordered) & after].groupby(ordered["session"]).min()
        table[f"position_{k}"] = chosen.reindex(table.index)
        table[f"time_{k}"] = ordered["time"].reindex(table[f"position_{k}"]).to_numpy()
        previous = table[f"position_{k}"].fillna(np.inf)
    table["reached"] = sum(table[f"position_{k}"].notna() for k in range(1, len(steps) + 1)) if steps else 0
    return table


def funnel_table(reached: pd.DataFrame, steps: list[Step]) -> pd.DataFrame:
    """Reach and drop-off per step.

    Returns
    -------
    DataFrame
        Columns :data:`FUNNEL_COLUMNS`, one row per step (``step`` from 1): ``sessions`` reaching
        it; ``share`` of the sessions that entered step 1 (%, Wilson ``share_low``/``share_high``);
        ``of_all`` sessions (%); ``from_previous``: % of the previous step's sessions that went on
        (step 1: of all sessions), with its interval; ``drop_off`` = 100 - from_previous and
        ``drop_off_sessions`` (NaN/0 for step 1); ``median_s_from_previous``: median seconds
        from the previous step's event (NaN for step 1).
    """
    counts = [int(reached[f"position_{k}"].notna().sum()) for k in range(1, len(steps) + 1)]
    medians = [(reached[f"time_{k}"] - reached[f"time_{k - 1}"]).dt.total_seconds().median()
               for k in range(2, len(steps) + 1)]
    return funnel_figures(counts, len(reached), medians, steps)


def funnel_figures(counts, total: int, medians, steps: list[Step]) -> pd.DataFrame:
    """:func:`funnel_table` from the sessions reaching each step (``counts``), all sessions (``total``) and
    the median seconds from each step to the next (``medians``, from step 2). Shared by both engines."""
    counts = np.asarray(counts, dtype=float)
    previous = np.concatenate([[total], counts[:-1]]) if len(counts) else counts
    entered = counts[0] if len(counts) else 0
    table = pd.DataFrame({"step": np.arange(1, len(steps) + 1), "label": [s.label for s in steps],
                          "sessions": counts.astype(int)})
    table[["share", "share_low", "share_high"]] = rates(counts, np.full(len(counts), entered))
    table["of_all"] = 100 * counts / total if total else np.nan
    table[["from_previous", "previous_low", "previous_high"]] = rates(counts, previous)
    table["drop_off"] = (100 - table["from_previous"]).where(table["step"] > 1)
    table["drop_off_sessions"] = np.where(table["step"] > 1, previous - counts, 0).astype(int)
    table["median_s_from_previous"] = ([np.nan] + [float(median) for median in medians])[:len(steps)]
    return table[FUNNEL_COLUMNS]


OPEN_COLUMNS = ["step", "label", "sessions", "of_all", "entered", "went_on", "from_previous", "previous_low",
                "previous_high"]


def open_reach(ordered: pd.DataFrame, steps: list[Step]) -> pd.DataFrame:
    """For an open funnel: one row per session (``session`` 0..n-1) with, per step k (1-based), ``first_k`` and
    ``last_k``, the rows of ``ordered`` of the session's first and last event of the step (NaN without one)."""
    sessions = int(ordered["session"].max()) + 1 if len(ordered) else 0
    table = pd.DataFrame({"session": np.arange(sessions)})
    position = pd.Series(np.arange(len(ordered)), index=ordered.index, dtype=float)
    for k, step in enumerate(steps, start=1):
        hits = position[step.hits(ordered)].groupby(ordered["session"])
        table[f"first_{k}"] = hits.min().reindex(table.index)
        table[f"last_{k}"] = hits.max().reindex(table.index)
    return table


def open_funnel_table(reached: pd.DataFrame, steps: list[Step]) -> pd.DataFrame:
    """An open funnel: sessions may enter at any step.

    A session is at step k when it has an event of step k, whatever came before; it *went on* to step k when
    it has a step-k event after its first step-(k-1) event, and *entered* at step k otherwise.

    Returns
    -------
    DataFrame
        Columns :data:`OPEN_COLUMNS`, one row per step: ``sessions`` at the step, ``of_all`` (% of all
        sessions), ``entered``, ``went_on`` (0 for step 1) and ``from_previous``: % of the previous step's
        sessions that went on to this one, with its Wilson interval (NaN for step 1).
    """
    counts = [int(reached[f"first_{k}"].notna().sum()) for k in range(1, len(steps) + 1)]
    went_on = [int((reached[f"last_{k}"] > reached[f"first_{k - 1}"]).sum()) for k in range(2, len(steps) + 1)]
    return open_funnel_figures(counts, went_on, len(reached), steps)


def open_funnel_figures(counts, went_on, total: int, steps: list[Step]) -> pd.DataFrame:
    """:func:`open_funnel_table` from the sessions at each step (``counts``), those that went on to each step
    from the previous one (``went_on``, from step 2) and all sessions (``total``). Shared by both engines."""
    counts = np.asarray(counts, dtype=float)
    went = np.concatenate([[0.0], np.asarray(went_on, dtype=float)])[:len(counts)]
    previous = np.concatenate([[np.nan], counts[:-1]]) if len(counts) else counts
    table = pd.DataFrame({"step": np.arange(1, len(steps) + 1), "label": [s.label for s in steps],
                          "sessions": counts.astype(int), "of_all": 100 * counts / total if total else np.nan,
                          "entered": (counts - went).astype(int), "went_on": went.astype(int)})
    table[["from_previous", "previous_low", "previous_high"]] = rates(went, np.nan_to_num(previous))
    return table[OPEN_COLUMNS]


def funnel_by(reached: pd.DataFrame, sessions: pd.DataFrame, by: str, steps: list[Step]) -> pd.DataFrame:
    """Step-to-step conversion per segment (``channel``, ``device``, ``visitor_type``...), with a test per step.

    Returns
    -------
    DataFrame
        Columns :data:`BY_COLUMNS`: per group and step, ``previous`` (sessions at the previous
        step; all the group's sessions for step 1), ``reached``, ``rate`` (%) with its Wilson
        interval, ``drop_off`` (100 - rate) and ``small_sample``. ``attrs["tests"]`` holds one
        dict per step: ``step``, ``label`` and :func:`analysis.funnel.independence_test`'s
        result (None when there is nothing to test) for groups x (went on, dropped).
    """
    group = sessions.set_index("session")[by].reindex(reached["session"]).astype(object).fillna("(none)")
    frame = reached.assign(group=group.to_numpy())
    rows = []
    for k in range(1, len(steps) + 1):
        before = frame if k == 1 else frame[frame[f"position_{k - 1}"].notna()]
        rows.append(before.groupby("group", sort=False)[f"position_{k}"].agg(previous="size", reached="count")
                    .reset_index())
    return funnel_by_figures(rows, steps)


def funnel_by_figures(rows: list[pd.DataFrame], steps: list[Step]) -> pd.DataFrame:
    """:func:`funnel_by` from, per step, a frame of ``group``, ``previous`` and ``reached`` (groups in the order of
    their first session). Shared by the pandas and the SQL engine."""
    tests = []
    for k, (counts, step) in enumerate(zip(rows, steps), start=1):
        rows[k - 1] = counts.assign(step=k, label=step.label)
        tests.append({"step": k, "label": step.label,
                      "test": independence_test(counts["reached"].to_numpy(), counts["previous"].to_numpy())})
    table = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=["group", "step", "label", "previous",
                                                                                  "reached"])
    table[["rate", "low", "high"]] = rates(table["reached"], table["previous"])
    table["drop_off"] = 100 - table["rate"]
    table["small_sample"] = table["previous"] < metrics.SMALL_SAMPLE
    table = table.sort_values(["step", "previous", "group"], ascending=[True, False, True], kind="stable")
    table = table[BY_COLUMNS].reset_index(drop=True)
    table.attrs["tests"] = tests
    return table


TEST_COLUMNS = ["step", "label", "test", "p_value", "p_holm", "differs", "groups", "lowest", "lowest_rate",
                "highest", "highest_rate"]


def segment_tests(table: pd.DataFrame, alpha: float = 0.05) -> pd.DataFrame:
    """The per-step tests of :func:`funnel_by` as one family, Holm-adjusted: does going on depend on the segment?

    Parameters
    ----------
    table : DataFrame
        :func:`funnel_by`'s result (its ``attrs["tests"]``).
    alpha : float
        The family-wise error rate for ``differs``.

    Returns
    -------
    DataFrame
        Columns :data:`TEST_COLUMNS`, one row per step that could be tested (at least two groups, some
        going on and some not): the test used, its p-value, the Holm-adjusted p over those steps,
        ``differs`` (adjusted p below ``alpha``), how many groups, and the groups going on least and most
        (rate in %) among those with at least 30 sessions at the previous step (all groups when none has).
    """
    rows = []
    for tested in table.attrs.get("tests", []):
        if tested["test"] is None:
            continue
        part = table[table["step"] == tested["step"]]
        large = part[~part["small_sample"]]
        ranked = (large if len(large) >= 2 else part).sort_values(["rate", "previous"], ascending=[True, False])
        rows.append({"step": tested["step"], "label": tested["label"], "test": tested["test"]["test"],
                     "p_value": tested["test"]["p_value"], "groups": len(part),
                     "lowest": ranked["group"].iloc[0], "lowest_rate": float(ranked["rate"].iloc[0]),
                     "highest": ranked["group"].iloc[-1], "highest_rate": float(ranked["rate"].iloc[-1])})
    found = pd.DataFrame(rows, columns=[c for c in TEST_COLUMNS if c not in ("p_holm", "differs")])
    found["p_holm"] = holm(found["p_value"].to_numpy(dtype=float))
    found["differs"] = found["p_holm"] < alpha
    return found[TEST_COLUMNS]


def step_choices(ordered: pd.DataFrame) -> list[str]:
    """Names a funnel step can take: the log's event names, then its page groups, most frequent first."""
    events = ordered["event"].dropna().astype(str).str.lower().value_counts()
    pages = ordered.loc[ordered["page_view"].astype(bool), "page"].dropna().astype(str).value_counts()
    return list(dict.fromkeys([*events.index, *pages.index]))


def paths_after_drop(ordered: pd.DataFrame, reached: pd.DataFrame, steps: list[Step], length: int = 3,
                     top: int = 5) -> pd.DataFrame:
    """Where sessions went after their last funnel step: the next pages viewed, per step they stopped at.

    Returns
    -------
    DataFrame
        Columns ``step``, ``label``, ``path`` (up to ``length`` next page views joined with " → ",
        then " → …" when there were more; ``(exit)`` when the session ended there), ``sessions``
        and ``share`` (% of the sessions that stopped at that step); the ``top`` paths per step,
        for every step but the last.
    """
    views = ordered[ordered["page_view"].astype(bool)]
    rows = []
    for k, step in enumerate(steps[:-1], start=1):
        stopped = reached.loc[reached["reached"] == k, ["session", f"position_{k}"]]
        if stopped.empty:
            continue
        last = stopped.set_index("session")[f"position_{k}"]
        after = views[views.index.to_numpy() > last.reindex(views["session"]).fillna(np.inf).to_numpy()]
        path = joined_paths(after, length).reindex(last.index).fillna(EXIT)
        counts = path.value_counts().head(top)
        rows.append(pd.DataFrame({"step": k, "label": step.label, "path": counts.index, "sessions": counts.to_numpy(),
                                  "share": 100 * counts.to_numpy() / len(last)}))
    columns = ["step", "label", "path", "sessions", "share"]
    return pd.concat(rows, ignore_index=True)[columns] if rows else pd.DataFrame(columns=columns)


def joined_paths(views: pd.DataFrame, length: int) -> pd.Series:
    """Per session, its first ``length`` page views of ``views`` joined with " → " (" → …" when more), by session."""
    position = views.groupby("session").cumcount()
    more = views.groupby("session").size() > length
    head = views[position < length].groupby("session")["page"].agg(lambda pages: ARROW.join(map(str, pages)))
    return head.where(~more.reindex(head.index), head + ARROW + "…")
