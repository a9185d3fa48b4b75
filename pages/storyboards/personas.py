"""Personas page, a storyboard: which features and algorithm, how many personas and why, one card per
persona (editable name, traits, satisfaction, weakest stage), where they sit, how they rate each
touchpoint, and downloads."""
from __future__ import annotations

import json

import altair as alt
import pandas as pd
import streamlit as st

from analysis.errors import InputError
from analysis.export import csv_bytes
from analysis.journey import STAGES
from analysis.personas.build import to_markdown
from analysis.personas.linked import LINKED_COLUMNS, with_linked
from analysis.metric_registry import METRICS
from analysis.personas.model import ALGORITHMS
from pages.ui import access, charts, customers, kept, personas, preamble, text
from pages.ui import linked as links
from pages.ui.palette import BLUE, INK, ORANGE, SERIES
from pages.ui.text import plain, tr, worded

K_CHOICES = ["auto", *range(2, 11)]
HEAT_STEP = 90  # pixels per persona column
TITLE_LIMIT = 900  # pixels: a title wider than its narrow chart is not cut short
TRAITS_SHOWN = 6
REFUSED = "_personas_names_refused"  # per set of names: how many typed names were refused (the boxes' key)


# Settings --------------------------------------------------------------------------------------------

def settings(src, result) -> tuple:
    """Linked data, features, algorithm and k, in an expander, starting from the kept (or linked) settings.
    Returns the linked data (or None) and its cache key, and the persona run's settings (k None: recommended);
    the choice is kept for other pages and the URL."""
    chosen = personas.wanted(src)
    with st.expander(tr("personas.settings"), icon=":material/tune:", expanded=True):
        own_default = links.own_comments_default(src)
        kept.prime(links.toggle_key(src), own_default if chosen.own is None else chosen.own)
        own = links.toggle(src)
        found = links.linked(src, own)
        for line in links.describe_links(src, found, own):
            st.caption(line)
        augmented = with_linked(result, found) if found is not None else result
        allowed, default = personas.feature_choices(page.selection, links.link_key(src, own), augmented)
        features_key = f"personas_features_{src.digest}"
        kept.prime(features_key, [column for column in chosen.features or default if column in allowed])
        features = st.multiselect(tr("personas.features"), allowed, format_func=worded(allowed, label_of),
                                  key=features_key, help=tr("personas.features_help"))
        left, right = st.columns(2)
        kept.prime("personas_algorithm", chosen.algorithm)
        algorithm = left.selectbox(tr("personas.algorithm"), ALGORITHMS, key="personas_algorithm",
                                   format_func=worded(ALGORITHMS, lambda code: tr(f"personas.algorithm.{code}")),
                                   help=tr("personas.algorithm_help"))
        kept.prime("personas_k", "auto" if chosen.k is None else chosen.k)
        k = right.select_slider(tr("personas.k"), K_CHOICES, key="personas_k",
                                format_func=worded(K_CHOICES, lambda k: tr("personas.k_auto") if k == "auto" else str(k)),
                                help=tr("personas.k_help"))
        kept.prime("personas_level_adjusted", chosen.level_adjusted)
        level_adjusted = st.toggle(tr("personas.level_adjusted"), key="personas_level_adjusted",
                                   help=tr("personas.level_adjusted_help"))
    k = None if k == "auto" else int(k)
    personas.keep(src, personas.Settings(None if features == default else tuple(features), algorithm, k,
                                         None if own == own_default else own, level_adjusted))
    return found, links.link_key(src, own), personas.Settings(tuple(features), algorithm, k,
                                                              level_adjusted=level_adjusted).run


def label_of(column: str) -> str:
    """A feature's short label: a survey column's, or the words of a linked figure."""
    if column in LINKED_COLUMNS:
        return tr(f"personas.linked.{column}")
    return page.label(column)


def rename(key: str, persona: int, widget: str, names: list[str]) -> None:
    """Text-input callback: keep the analyst's name for a persona (blank: back to the generated name); a name that
    cannot be kept is refused with its reason, one that looks like another persona's is kept with a warning."""
    try:
        alike = personas.rename(key, persona, st.session_state[widget], names[:persona] + names[persona + 1:])
    except InputError as err:
        refused = st.session_state.setdefault(REFUSED, {})
        refused[key] = refused.get(key, 0) + 1  # the name boxes start again from the names kept
        st.toast(plain(text.say(err.message)), icon=":material/block:")
        return
    if alike:
        st.toast(tr("personas.name_alike", other=plain(alike)), icon=":material/warning:")


# What was found -----------------------------------------------------------------------------------------

def overview(found) -> None:
    """How many personas of how many responses, the silhouette, why this k (or that there are no clear groups),
    what the split is about when it is overall rating level, how traits were checked, and the k comparison."""
    if found.k == 1:
        st.caption(tr("personas.overview_one", n=f"{found.rows_used:,}"))
    else:
        st.caption(tr("personas.overview", k=f"{found.k:d}", n=f"{found.rows_used:,}",
                      silhouette=f"{found.silhouette:.2f}"))
    reason = found.k_reason()
    if reason is not None:
        st.markdown(plain(text.say(reason)))
    if found.choice is not None and found.choice.k != found.k:
        st.markdown(tr("personas.k_chosen", k=f"{found.k:d}", recommended=f"{found.choice.k:d}"))
    level = found.level_note()
    if level is not None:
        st.info(plain(text.say(level)), icon=":material/balance:")
    if found.level_adjusted:
        st.caption(tr("personas.level_on"))
    st.caption(plain(text.say(found.traits_note())))
    imputed = {column: share for column, share in found.imputed.items() if share}
    if imputed:
        worst = max(imputed, key=imputed.get)
        st.caption(tr("personas.imputed", n=len(imputed), column=plain(label_of(worst)),
                      share=f"{100 * imputed[worst]:.1f}"))
    if found.choice is not None:
        k_chart(found.choice.table, found.choice.k)


K_MEASURES = ("silhouette", "null_silhouette", "stability", "stability_low", "stability_high")


def k_chart(table: pd.DataFrame, chosen: int) -> None:
    """Silhouette against the shuffled answers' (dashed; left axis) and stability with its range over the resample
    pairs (right axis) for each k, the recommended k (``chosen``; 1: none) marked."""
    base = alt.Chart(charts.named("k")).encode(x=alt.X("k:O", title=tr("personas.k"), axis=alt.Axis(labelAngle=0)))
    tooltip = ["k:O", *(alt.Tooltip(f"{measure}:Q", title=tr(f"personas.measure.{measure}"), format=".3f")
                        for measure in K_MEASURES)]
    left = alt.Axis(orient="left", titleColor=BLUE)
    silhouette = alt.layer(
        base.mark_line(point=True, color=BLUE).encode(
            y=alt.Y("silhouette:Q", title=tr("personas.measure.silhouette"), axis=left), tooltip=tooltip),
        base.mark_line(color=BLUE, strokeDash=[5, 4], opacity=0.7).encode(y="null_silhouette:Q", tooltip=tooltip))
    right = alt.Axis(orient="right", titleColor=ORANGE)
    stability = alt.layer(
        base.mark_area(color=ORANGE, opacity=0.18).encode(
            y=alt.Y("stability_low:Q", title=tr("personas.measure.stability"), axis=right,
                    scale=alt.Scale(domain=[0, 1])), y2="stability_high:Q", tooltip=tooltip),
        base.mark_line(point=True, color=ORANGE).encode(y="stability:Q", tooltip=tooltip))
    layers = [silhouette, stability]
    if chosen > 1:
        layers.append(alt.Chart(charts.named("chosen")).mark_rule(strokeDash=[4, 3], color=INK).encode(x="k:O"))
    download = text.for_download(table, {"k": "k", **{measure: tr(f"personas.measure.{measure}")
                                                      for measure in K_MEASURES}})
    spec = charts.layered(layers, resolve={"scale": {"y": "independent"}})
    title = tr("personas.chart.k", k=chosen) if chosen > 1 else tr("personas.chart.k_none")
    charts.chart(charts.figure(spec, {"k": table[["k", *K_MEASURES]], "chosen": pd.DataFrame({"k": [chosen]})},
                               title=title, height=220), download, "personas_k")


def metric_line(metrics: dict) -> str:
    """The persona's headline metrics in one line (:data:`analysis.metric_registry.METRICS`, as present)."""
    parts = []
    for metric in METRICS:
        value = metrics.get(metric.name, {}).get("value")
        if value is not None:
            parts.append(f"{tr(f'metric.{metric.name}')} **{value:.1f}**")
    return " · ".join(parts)


def cards(found, key: str, names: list[str]) -> None:
    """One card per persona: its name (editable), size, traits in words, metrics, weakest stage, channel."""
    for start in range(0, len(found.personas), 2):
        for column, persona in zip(st.columns(2, gap="small"), found.personas[start:start + 2]):
            with column.container(border=True, height="stretch"):
                if access.editable():
                    widget = f"{key}_{persona.id}_{st.session_state.get(REFUSED, {}).get(key, 0)}"
                    st.text_input(tr("personas.name"), names[persona.id], key=widget, on_change=rename,
                                  args=(key, persona.id, widget, names), label_visibility="collapsed")
                else:
                    st.markdown(f"**{plain(names[persona.id])}**")
                st.caption(tr("personas.size", id=f"{persona.id + 1:d}", n=f"{persona.size:,}",
                              share=f"{100 * persona.share:.0f}"))
                if found.k > 1:
                    st.markdown("\n".join(f"- {plain(trait_words(trait))}" for trait in persona.traits[:TRAITS_SHOWN])
                                or tr("personas.no_traits"))
                facts = [metric_line(persona.metrics)]
                if persona.unconfirmed:
                    facts.append(tr("personas.unconfirmed", traits="; ".join(
                        plain(trait_words(trait)) for trait in persona.unconfirmed[:TRAITS_SHOWN])))
                if persona.weakest_stage:
                    facts.append(tr("personas.weakest", stage=tr(f"stage.{persona.weakest_stage}")))
                if persona.channel:
                    facts.append(tr("personas.channel", channel=plain(persona.channel)))
                facts += linked_facts(persona)
                st.caption("  \n".join(fact for fact in facts if fact))


def trait_words(trait) -> str:
    """A trait in words, in the session language."""
    return text.say(trait.sentence(label_of(trait.column)))


def linked_facts(persona) -> list[str]:
    """What the persona's linked comments say and how its linked customers buy, one line each."""
    facts = []
    comments = persona.comments
    if comments:
        emotion = tr(f"emotion.{comments['emotion']}") if comments["emotion"] else "—"
        facts.append(tr("personas.comments", n=f"{comments['comments']:,}", negative=f"{comments['negative']:.0f}",
                        low=f"{comments['low']:.0f}", high=f"{comments['high']:.0f}", emotion=emotion))
    if persona.pain_points:
        facts.append(tr("personas.pain_points", terms=text.quoted_list(persona.pain_points)))
    buying = persona.buying
    if buying:
        facts.append(tr("personas.buying", n=f"{buying['customers']:,}", one=f"{buying['one-time']:.0f}",
                        occasional=f"{buying['occasional']:.0f}", frequent=f"{buying['frequent']:.0f}",
                        clv="—" if buying["clv"] is None else f"{buying['clv']:,.0f}"))
    return facts


def scatter(found, names: list[str]) -> alt.Chart:
    """The personas on the first two principal components of the features (a sample of the rows)."""
    data = found.projection.assign(name=[names[p] for p in found.projection["persona"]])
    explained = found.projection.attrs.get("explained", [0, 0]) + [0, 0]
    order = [names[p.id] for p in found.personas]
    chart = alt.Chart(charts.named("points")).mark_circle(size=24, opacity=0.6).encode(
        x=alt.X("x:Q", title=tr("personas.axis.x", share=f"{100 * explained[0]:.0f}")),
        y=alt.Y("y:Q", title=tr("personas.axis.y", share=f"{100 * explained[1]:.0f}")),
        color=alt.Color("name:N", title=None, sort=order, scale=alt.Scale(domain=order, range=SERIES[:len(order)]),
                        legend=alt.Legend(orient="right", labelLimit=260)),
        tooltip=[alt.Tooltip("name:N", title=tr("personas.name"))])
    return charts.figure(charts.layered([chart]), {"points": data[["x", "y", "name"]]},
                         title=tr("personas.chart.map"), height=360)


def heatmap(found, names: list[str], stages: dict[str, str]) -> tuple[charts.Figure, pd.DataFrame] | None:
    """Persona × touchpoint scores (0-100), touchpoints in journey order."""
    rows = [{"persona": names[p.id], "column": str(p.id + 1), "touchpoint": touchpoint, "score": score}
            for p in found.personas for touchpoint, score in p.touchpoints.items()]
    if not rows:
        return None
    data = pd.DataFrame(rows)
    order = sorted(data["touchpoint"].unique(), key=lambda tp: STAGES.index(stages.get(tp, "experience")))
    data = data.assign(label=data["touchpoint"].map(label_of))
    worst = data.loc[data["score"].idxmin()]
    chart = alt.Chart(charts.named("heat")).mark_rect().encode(
        x=alt.X("column:N", title=tr("personas.id"), sort=None, axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y("label:N", title=None, sort=[label_of(tp) for tp in order], axis=charts.label_axis()),
        color=alt.Color("score:Q", title=tr("journey.score"), scale=alt.Scale(scheme="redyellowblue", domain=[0, 100])),
        tooltip=[alt.Tooltip("persona:N", title=tr("personas.name")), alt.Tooltip("label:N", title=tr("journey.touchpoint")),
                 alt.Tooltip("score:Q", title=tr("journey.score"), format=".0f")])
    labels = alt.Chart(charts.named("heat")).mark_text(fontSize=11).encode(
        x=alt.X("column:N", sort=None),
        y=alt.Y("label:N", sort=[label_of(tp) for tp in order]), text=alt.Text("score:Q", format=".0f"))
    title = tr("personas.chart.heatmap", persona=worst["persona"], touchpoint=worst["label"],
               score=f"{worst['score']:.0f}")
    figure = charts.figure(charts.layered([chart, labels]), {"heat": data[["persona", "column", "label", "score"]]},
                           title=alt.TitleParams(title, anchor="start", limit=TITLE_LIMIT),
                           width=alt.Step(HEAT_STEP), height=alt.Step(24))
    download = text.for_download(data, {"persona": tr("personas.name"), "label": tr("journey.touchpoint"),
                                        "score": tr("journey.score")})
    return figure, download


def downloads(found, names_now) -> None:
    """Personas as CSV, JSON and Markdown, and every response's persona as CSV. Each file is built when it is
    clicked, with the names as they are then (``names_now()``), in the session language."""
    labels = {column: label_of(column) for column in found.features}
    language, heading = text.lang(), tr("nav.personas")
    words = {"personas.id": tr("personas.id"), "personas.name": tr("personas.name"),
             "personas.share": tr("personas.share"), "personas.traits": tr("personas.traits"),
             "personas.row": tr("personas.row")}

    def data() -> dict:
        found_data = found.to_dict(labels, language)
        for persona, name in zip(found_data["personas"], names_now()):
            persona["name"] = name
        return found_data

    def table() -> bytes:
        return csv_bytes(pd.DataFrame([{words["personas.id"]: p["id"], words["personas.name"]: p["name"],
                                        "n": p["size"], words["personas.share"]: round(100 * p["share"], 1),
                                        words["personas.traits"]: " | ".join(p["traits"])}
                                       for p in data()["personas"]]))

    def respondents() -> bytes:
        names = names_now()
        rows = pd.DataFrame({words["personas.id"]: found.assignments + 1,
                             words["personas.name"]: [names[p] for p in found.assignments]})
        rows.index.name = words["personas.row"]
        return csv_bytes(rows.reset_index())

    columns = st.columns(4)
    columns[0].download_button(tr("personas.download.csv"), table, "personas.csv", "text/csv",
                               on_click="ignore", icon=":material/table:", key="personas_csv")
    columns[1].download_button(tr("personas.download.json"),
                               lambda: json.dumps(data(), ensure_ascii=False, indent=2).encode("utf-8"),
                               "personas.json", "application/json", on_click="ignore", icon=":material/data_object:",
                               key="personas_json")
    columns[2].download_button(tr("personas.download.md"), lambda: to_markdown(data(), heading).encode("utf-8"),
                               "personas.md", "text/markdown", on_click="ignore", icon=":material/description:",
                               key="personas_md")
    columns[3].download_button(tr("personas.download.rows"), respondents, "persona_assignments.csv", "text/csv",
                               on_click="ignore", icon=":material/group:", key="personas_rows")


# The page -------------------------------------------------------------------------------------------------

def no_personas(src) -> None:
    """A transaction export is segmented by buying, not by answers: its customer-value view instead."""
    st.info(tr("personas.transactions"), icon=":material/receipt_long:")
    customers.customer_value(src, "survey")


page = preamble.survey_page(tr("nav.personas"), no_personas, by_persona=False)  # never narrowed to a persona
linked, link_key, run = settings(page.src, page.result)
if not run.features:
    st.info(tr("personas.pick_features"))
    st.stop()
stage_key = personas.stage_key(page.src, page.result)
try:
    with st.spinner(tr("personas.working_auto") if run.k is None else tr("personas.working")):
        found = personas.personas(page.src, page.filters, run, stage_key, linked, link_key)
except Exception as err:  # an InputError says what to do; anything else gets the one-sentence apology
    text.show_error(err)
    st.stop()
key = personas.names_key(page.src, page.filters, link_key, run, found.k)
names = personas.names_of(found, key)
personas.keep_in_use(page.src, found, names)
overview(found)
st.subheader(tr("personas.cards"))
cards(found, key, names)
st.subheader(tr("personas.where"))
drawn = heatmap(found, names, dict(stage_key))
if drawn is not None:
    charts.chart(*drawn, "personas_touchpoints", width="content")
charts.chart(scatter(found, names), found.projection.assign(persona=found.projection["persona"] + 1)[
    ["persona", "x", "y"]], "personas_map")
st.subheader(tr("personas.downloads"))
downloads(found, personas.names_reader(found, key))
