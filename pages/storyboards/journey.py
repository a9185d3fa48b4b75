"""Journey page, a storyboard: headline metrics, the stage map, the journey map with its emotion
curve, friction points, touchpoint ratings, key drivers, segments and trends, all on the filtered survey."""
from __future__ import annotations

import math

import altair as alt
import pandas as pd
import streamlit as st

from analysis.drivers import explain_drivers
from analysis.errors import InputError
from analysis.channels import channel_touchpoints
from analysis.journey import EMOTION_FACES, STAGES, friction_points, journey_map, touchpoint_summary
from analysis.metric_registry import BY_NAME, driver_outcomes
from analysis.sentiment.stages import compare_evidence
from analysis.briefing import ANCHORS, executive_summary
from analysis.trends import BLANK, OTHER
from pages.ui import (analyses, briefing, charts, files, palette, preamble, site, stages, text, texts, themes, tiles,
                      waves, weighting)
from pages.ui import behaviour as behaviour_ui
from pages.ui.palette import INK, MUTED, QUADRANTS
from pages.ui.text import plain, tr

EMOTION_BANDS = [(emotion, 20 * i, 20 * (i + 1), palette.EMOTIONS[emotion])
                 for i, emotion in enumerate(("angry", "sad", "neutral", "happy", "excited"))]
RANKED_SENTENCES = 5
STAGES_PER_ROW = 3
HEATMAP_STEP = 110  # pixels per segment column
CARD_TOUCHPOINTS = 4
FEEDBACK_MIN = 10  # comments a stage needs before the verdict compares it


def label_of(column: str) -> str:
    """A touchpoint's short label (its column name when it has none), from the survey this page reads."""
    return page.label(column)


def stage_label(stage: str) -> str:
    return tr(f"stage.{stage}")


def quadrant_label(quadrant: str) -> str:
    return tr(f"quadrant.{quadrant}")


def score_text(score: float) -> str:
    """A 0-1 score as a whole number out of 100."""
    return f"{100 * score:.0f}"


# Journey map and emotion curve --------------------------------------------------------------------------

def journey_chart(jmap: pd.DataFrame) -> charts.Figure:
    """The emotion curve: each stage's score (0-100) as a line with faces, empty stages left as gaps."""
    labels = [stage_label(stage) for stage in STAGES]
    data = pd.DataFrame({
        "stage": jmap["stage"].map(stage_label),
        "score": jmap["score"].astype(float) * 100,
        "face": jmap["emotion"].map(EMOTION_FACES),
        "emotion": jmap["emotion"].map(lambda emotion: tr(f"emotion.{emotion}") if isinstance(emotion, str) else None),
        "n": jmap["n"],
        "top2": jmap["top2"].astype(float),
        "bottom2": jmap["bottom2"].astype(float),
        "weakest": jmap["weakest"].map(lambda name: label_of(name) if isinstance(name, str) else name),
        "touchpoints": jmap["touchpoints"].map(lambda names: ", ".join(map(label_of, names))),
        "empty": jmap["n"] == 0,
        "empty_label": tr("journey.map_empty"),
    })
    x = alt.X("stage:N", sort=labels, scale=alt.Scale(domain=labels), title=None,
              axis=alt.Axis(labelAngle=alt.ExprRef("width < 560 ? -35 : 0"), labelAlign=alt.ExprRef(
                  "width < 560 ? 'right' : 'center'"), labelOverlap=False, labelFontSize=13, labelFontWeight="bold",
                  labelPadding=10))
    y = alt.Y("score:Q", title=tr("journey.map_axis"), scale=alt.Scale(domain=[0, 100]),
              axis=alt.Axis(values=[0, 20, 40, 60, 80, 100]))
    tooltip = [
        alt.Tooltip("stage:N", title=tr("journey.stage")),
        alt.Tooltip("score:Q", title=tr("journey.score"), format=".0f"),
        alt.Tooltip("emotion:N", title=tr("journey.emotion")),
        alt.Tooltip("n:Q", title=tr("journey.ratings"), format=","),
        alt.Tooltip("top2:Q", title=tr("journey.top2"), format=".1f"),
        alt.Tooltip("bottom2:Q", title=tr("journey.bottom2"), format=".1f"),
        alt.Tooltip("weakest:N", title=tr("journey.weakest")),
        alt.Tooltip("touchpoints:N", title=tr("journey.touchpoints")),
    ]
    bands = alt.Chart(charts.named("bands")).mark_rect(
        opacity=0.07).encode(y=alt.Y("low:Q"), y2=alt.Y2("high"), color=alt.Color("color:N", scale=None))
    base = alt.Chart(charts.named("map")).encode(x=x)
    line = base.mark_line(strokeWidth=3, color=INK, interpolate="monotone",
                          invalid="break-paths-show-domains").encode(y=y)
    points = base.mark_circle(size=140, color=INK, opacity=1).encode(y=y, tooltip=tooltip)
    faces = base.mark_text(dy=-26, fontSize=28).encode(y=y, text=alt.Text("face:N"), tooltip=tooltip)
    values = base.mark_text(dy=24, fontSize=13, fontWeight="bold", color=INK).encode(
        y=y, text=alt.Text("score:Q", format=".0f"))
    gaps = base.transform_filter(alt.datum.empty).mark_text(color=MUTED, fontStyle="italic", fontSize=12).encode(
        y=alt.YDatum(50), text=alt.Text("empty_label:N"))
    scored = jmap.dropna(subset=["score"])
    low, high = scored.loc[scored["score"].idxmin()], scored.loc[scored["score"].idxmax()]
    if len(scored) == 1:
        heading = tr("journey.map_title_one", stage=stage_label(low["stage"]), score=score_text(low["score"]))
        subtitle = tr("journey.map_subtitle_one")
    else:
        heading = tr("journey.map_title", stage=stage_label(low["stage"]), score=score_text(low["score"]))
        subtitle = tr("journey.map_subtitle", stage=stage_label(high["stage"]), score=score_text(high["score"]))
    title = alt.TitleParams(heading, subtitle=[subtitle, tr("journey.map_legend")], anchor="start", fontSize=16,
                            subtitleColor=MUTED, subtitleFontSize=13, offset=14)
    datasets = {"bands": pd.DataFrame(EMOTION_BANDS, columns=["emotion", "low", "high", "color"]), "map": data}
    return charts.figure(charts.layered([bands, line, points, faces, values, gaps]), datasets,
                         title=title, height=400)


def stage_columns(jmap: pd.DataFrame, table: pd.DataFrame, feedback: pd.DataFrame | None,
                  behaviour: pd.DataFrame | None, themed: pd.DataFrame | None) -> None:
    """One compact card per stage, three to a row: the face and score of its ratings (so named: the comments may
    say otherwise), its weakest touchpoints, what the comments about it say (shares negative and positive) and
    their top negative themes when feedback is read, and the sessions reaching and leaving it and the share with a
    frustration signal there when a behaviour log is loaded."""
    scores = dict(zip(table["touchpoint"], table["score"]))
    said = {} if feedback is None else {row.stage: row for row in feedback.itertuples()}
    rows = [jmap.iloc[start:start + STAGES_PER_ROW] for start in range(0, len(jmap), STAGES_PER_ROW)]
    for part in rows:
        for column, row in zip(st.columns(STAGES_PER_ROW, gap="small"), part.itertuples()):
            with column.container(border=True, height="stretch"):
                if not row.n:
                    st.markdown(f"**{stage_label(row.stage)}**")
                    st.caption(tr("journey.map_empty"))
                else:
                    st.markdown(f"**{stage_label(row.stage)}** · " + tr("journey.card_ratings", face=EMOTION_FACES[row.emotion],
                                                                           score=score_text(row.score)))
                    rated = [touchpoint for touchpoint in row.touchpoints if pd.notna(scores.get(touchpoint))]
                    lines = [f"{plain(label_of(touchpoint))} · **{score_text(scores[touchpoint])}**"
                             for touchpoint in rated[:CARD_TOUCHPOINTS]]
                    if len(rated) > CARD_TOUCHPOINTS:
                        lines.append(tr("journey.card_more", count=len(rated) - CARD_TOUCHPOINTS))
                    st.caption("  \n".join(lines))
                    st.caption(tr("journey.card_n", n=f"{row.n:,}"))
                if row.stage in said:
                    words = said[row.stage]
                    st.caption(tr("journey.card_feedback", share=f"{100 * words.negative:.0f}",
                                  positive=f"{100 * words.positive:.0f}", n=f"{words.n:,}"))
                    card_themes(themed, row.stage)
                if behaviour is not None:
                    st.caption(behaviour_ui.card_line(behaviour, row.stage))
                    frustration = behaviour_ui.frustration_line(behaviour, row.stage)
                    if frustration:
                        st.caption(frustration)


def card_themes(themed: pd.DataFrame | None, stage: str) -> None:
    """A stage card's line naming the top negative themes of its comments, when there are any."""
    line = themes.stage_card_line(themed, stage)
    if line:
        st.caption(line)


def feedback_section(jmap: pd.DataFrame, feedback: pd.DataFrame, source) -> None:
    """Scores and words side by side, stage by stage: the survey's score and what the comments tagged to the
    stage say (share negative with its interval, the emotion, the top pain point), and whether the weakest
    stage is the same in both (the sessions of a behaviour log have a table of their own, so neither is too wide
    to read)."""
    st.subheader(tr("journey.feedback"), anchor=ANCHORS["said"])
    st.caption(tr("journey.feedback_source", file=plain(files.source(source.kind).name), column=plain(source.column)))
    if feedback.empty:
        st.info(tr("journey.feedback_none"))
        return
    both = jmap[["stage", "score"]].merge(feedback, on="stage", how="right")
    st.markdown(feedback_verdict(jmap, feedback))
    shown = pd.DataFrame({
        tr("journey.stage"): both["stage"].map(stage_label),
        tr("journey.score"): [score_text(score) if pd.notna(score) else "—" for score in both["score"]],
        **words_columns(both),
        tr("journey.pain_touchpoint"): both["pain_touchpoint"].replace("", "—"),
    })
    st.dataframe(shown, hide_index=True, width="stretch", column_config=words_config())
    charts.table_pin(shown, tr("journey.feedback"), "journey_scores_and_words")
    site.link("sentiment", tr("journey.feedback_more"), ":material/forum:")


def words_columns(frame: pd.DataFrame) -> dict[str, object]:
    """What the comments say in a by-stage or by-channel table of comment shares, as columns to show: how many,
    the share negative with its interval, the most frequent emotion and the top pain point."""
    return {
        tr("journey.feedback_n"): frame["n"].to_numpy(),
        tr("journey.feedback_negative"): 100 * frame["negative"].to_numpy(),
        tr("journey.feedback_interval"): [f"{100 * low:.0f}–{100 * high:.0f}"
                                          for low, high in zip(frame["negative_low"], frame["negative_high"])],
        tr("journey.emotion"): [f"{EMOTION_FACES[e]} {tr(f'emotion.{e}')}" for e in frame["emotion"]],
        tr("journey.pain_point"): frame["pain_point"].replace("", "—").to_numpy(),
    }


def words_config() -> dict:
    """The column formats of :func:`words_columns`."""
    return {tr("journey.feedback_negative"): st.column_config.ProgressColumn(format="%.0f%%", min_value=0,
                                                                              max_value=100)}


def channel_feedback_section(channel: str, channel_stages: dict[str, str]) -> None:
    """What the survey's own comments say channel by channel (its respondents' comments), beside the journey
    drawn by channel: the channel's stage, the share negative with its interval, the emotion and the pain point."""
    try:
        by_channel = texts.channel_feedback(page.filters, channel, channel_stages)
    except InputError:
        return  # the comments cannot be read: the Sentiment page says why
    if by_channel is None or by_channel.empty:
        return
    st.markdown(f"**{tr('journey.channel_feedback', channel=plain(page.label(channel)))}**")
    shown = pd.DataFrame({tr("journey.channel"): by_channel["channel"].to_numpy(),
                          tr("journey.stage"): by_channel["stage"].map(stage_label).to_numpy(),
                          **words_columns(by_channel)})
    st.dataframe(shown, hide_index=True, width="stretch", column_config=words_config())
    charts.table_pin(shown, tr("journey.channel_feedback", channel=page.label(channel)), "journey_channel_words")


def comments_chart(feedback: pd.DataFrame) -> charts.Figure:
    """The shares of each stage's comments that are negative and positive, with their 95% intervals, in journey
    order: the journey of a survey that rates no touchpoint, drawn from what its comments say."""
    kinds = {"negative": tr("journey.feedback_negative"), "positive": tr("journey.feedback_positive")}
    data = pd.concat([pd.DataFrame({"stage": feedback["stage"].map(stage_label), "kind": word,
                                    "share": 100 * feedback[kind], "low": 100 * feedback[f"{kind}_low"],
                                    "high": 100 * feedback[f"{kind}_high"], "n": feedback["n"]})
                      for kind, word in kinds.items()], ignore_index=True)
    order = [stage_label(stage) for stage in STAGES if stage in set(feedback["stage"])]
    x = alt.X("stage:N", sort=order, title=None, axis=alt.Axis(labelAngle=0, labelFontWeight="bold"))
    y = alt.Y("share:Q", title=tr("journey.comments_axis"), scale=alt.Scale(domain=[0, 100]))
    colors = alt.Scale(domain=list(kinds.values()), range=[palette.SENTIMENT["negative"], palette.SENTIMENT["positive"]])
    base = alt.Chart(charts.named("comments")).encode(x=x, xOffset=alt.XOffset("kind:N", sort=list(kinds.values())))
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        y=y, color=alt.Color("kind:N", title=None, scale=colors, sort=list(kinds.values())),
        tooltip=[alt.Tooltip("stage:N", title=tr("journey.stage")), alt.Tooltip("kind:N", title=" "),
                 alt.Tooltip("share:Q", title="%", format=".0f"),
                 alt.Tooltip("low:Q", title=tr("journey.low"), format=".0f"),
                 alt.Tooltip("high:Q", title=tr("journey.high"), format=".0f"),
                 alt.Tooltip("n:Q", title=tr("journey.feedback_n"), format=",")])
    rules = base.mark_rule(color=INK, opacity=0.6).encode(y=alt.Y("low:Q"), y2=alt.Y2("high"))
    worst = feedback.loc[feedback["negative"].idxmax()]
    title = tr("journey.comments_title", stage=stage_label(worst["stage"]), share=f"{100 * worst['negative']:.0f}",
               n=f"{int(worst['n']):,}")
    return charts.figure(charts.layered([bars, rules]), {"comments": data},
                         title=alt.TitleParams(title, anchor="start", fontSize=16), height=320)


def comments_journey() -> pd.DataFrame | None:
    """For a survey that rates no touchpoint and names no channel: the journey drawn from its comments, each placed
    at the stage of the topic it mentions most (a chart, a card per stage and the table); returns what the comments
    say per stage, None when no comment can be placed."""
    try:
        with st.spinner(tr("journey.feedback_working")):
            heard = texts.journey_feedback(page.filters)
    except InputError:
        heard = None  # the comments cannot be read: the Sentiment page says why
    if not heard or heard[0].empty:
        return None
    feedback, source = heard
    themed = themes.stage_themes(page.filters)
    st.subheader(tr("journey.map"))
    st.info(tr("journey.from_comments"), icon=":material/forum:")
    st.caption(tr("journey.feedback_source", file=plain(files.source(source.kind).name), column=plain(source.column)))
    shown = pd.DataFrame({tr("journey.stage"): feedback["stage"].map(stage_label).to_numpy(), **words_columns(feedback),
                          tr("journey.pain_topic"): feedback["pain_touchpoint"].replace("", "—").to_numpy()})
    charts.chart(comments_chart(feedback), shown, "journey_comments")
    said = {row.stage: row for row in feedback.itertuples()}
    for start in range(0, len(STAGES), STAGES_PER_ROW):
        for column, stage in zip(st.columns(STAGES_PER_ROW, gap="small"), STAGES[start:start + STAGES_PER_ROW]):
            with column.container(border=True, height="stretch"):
                if stage not in said:
                    st.markdown(f"**{stage_label(stage)}**")
                    st.caption(tr("journey.card_no_comments"))
                    continue
                row = said[stage]
                st.markdown(f"**{stage_label(stage)}** · " + tr("journey.card_comments", face=EMOTION_FACES[row.emotion]))
                st.caption(tr("journey.card_feedback", share=f"{100 * row.negative:.0f}",
                              positive=f"{100 * row.positive:.0f}", n=f"{row.n:,}"))
                if row.pain_point:
                    st.caption(tr("journey.card_pain", term=plain(row.pain_point)))
                card_themes(themed, stage)
    st.dataframe(shown, hide_index=True, width="stretch", column_config=words_config())
    if themed is not None:
        themes.stage_table(themed, stage_label)
    site.link("sentiment", tr("journey.feedback_more"), ":material/forum:")
    return feedback


def feedback_verdict(jmap: pd.DataFrame, feedback: pd.DataFrame) -> str:
    """Whether the survey's weakest stage is the one the comments are most negative about, in one sentence, and
    whether that stage stands out from the next most negative one."""
    evidence = compare_evidence(jmap, feedback, FEEDBACK_MIN)
    if evidence is None:
        return tr("journey.feedback_few", n=FEEDBACK_MIN)
    values = {"stage": stage_label(evidence.words_stage), "share": f"{100 * evidence.negative:.0f}",
              "n": f"{evidence.n:,}", "survey": stage_label(evidence.survey_stage),
              "score": score_text(evidence.survey_score)}
    said = tr("journey.feedback_agree" if evidence.agree else "journey.feedback_disagree", **values)
    if evidence.stands_out:
        return said
    return text.sentences(said, tr("journey.feedback_close", other=stage_label(evidence.runner_up),
                                   share=f"{100 * evidence.runner_up_negative:.0f}", p=text.p_text(evidence.p_value)))


def friction_section(friction: pd.DataFrame) -> None:
    """The touchpoints where customers are lost, in words: lowest scores and most bottom-box answers."""
    st.subheader(tr("journey.friction"))
    if friction.empty:
        st.info(tr("journey.friction_none"))
        return
    lines = []
    for touchpoint, part in friction.groupby("touchpoint", sort=False):
        row, kinds = part.iloc[0], set(part["kind"])
        values = dict(touchpoint=plain(label_of(touchpoint)), stage=stage_label(row["stage"]), score=score_text(row["score"]),
                      share=f"{row['bottom2']:.0f}", n=f"{int(row['n']):,}")
        if kinds == {"lowest_score", "most_detractors"}:
            lines.append(tr("journey.friction_both", **values))
        elif "lowest_score" in kinds:
            lines.append(tr("journey.friction_lowest", **values))
        else:
            lines.append(tr("journey.friction_detractors", **values))
    st.markdown("\n".join(f"- {line}" for line in lines))


# Touchpoint ratings ---------------------------------------------------------------------------------------

def touchpoint_chart(table: pd.DataFrame) -> charts.Figure:
    """Bars of touchpoint ratings, lowest first, coloured by journey stage.

    When every touchpoint shares one scale the bars are means on that scale with their 95%
    intervals; mixed scales are drawn as the library's 0-100 score (direction fixed) so they
    compare fairly.
    """
    shared_scale = len(table[["scale_min", "scale_max"]].drop_duplicates()) == 1
    data = table.assign(stage_label=table["stage"].map(stage_label), score_pct=table["score"] * 100,
                        label=table["touchpoint"].map(label_of), question=table["touchpoint"].map(page.question),
                        baseline=table["scale_min"] if shared_scale else 0.0,
                        zero_na=table["zero_is_na"].map({True: tr("journey.yes"), False: tr("journey.no")}))
    data = data.sort_values("mean" if shared_scale else "score_pct")
    lowest = data.iloc[0]
    present = [stage for stage in STAGES if stage in set(data["stage"])]
    stage_colors = alt.Scale(domain=[stage_label(stage) for stage in present],
                             range=[palette.STAGES[STAGES.index(stage)] for stage in present])
    if shared_scale:
        x = alt.X("mean:Q", title=tr("journey.axis"), axis=alt.Axis(tickMinStep=0.5),
                  scale=alt.Scale(domain=[float(lowest["scale_min"]), float(lowest["scale_max"])]))
    else:
        x = alt.X("score_pct:Q", title=tr("journey.axis_score"), scale=alt.Scale(domain=[0, 100]))
    base = alt.Chart(charts.named("touchpoints")).encode(
        y=alt.Y("label:N", sort=data["label"].tolist(), title=None, axis=charts.label_axis()))
    chart = base.mark_bar(cornerRadiusEnd=3).encode(
        x=x, x2=alt.X2("baseline"),
        color=alt.Color("stage_label:N", title=tr("journey.stage"), scale=stage_colors),
        tooltip=[
            alt.Tooltip("label:N", title=tr("journey.touchpoint")),
            alt.Tooltip("question:N", title=tr("data.col.question")),
            alt.Tooltip("stage_label:N", title=tr("journey.stage")),
            alt.Tooltip("mean:Q", title=tr("journey.mean"), format=".2f"),
            alt.Tooltip("scale_max:Q", title=tr("journey.scale_max"), format="g"),
            alt.Tooltip("low:Q", title=tr("journey.low"), format=".2f"),
            alt.Tooltip("high:Q", title=tr("journey.high"), format=".2f"),
            alt.Tooltip("top2:Q", title=tr("journey.top2"), format=".1f"),
            alt.Tooltip("bottom2:Q", title=tr("journey.bottom2"), format=".1f"),
            alt.Tooltip("n:Q", title="n", format=","),
            alt.Tooltip("zero_na:N", title=tr("journey.zero_is_na")),
        ],
    )
    layers = [chart]
    if shared_scale:
        layers.append(base.mark_rule(color=INK, opacity=0.6).encode(x=alt.X("low:Q"), x2=alt.X2("high")))
    title = tr("journey.chart_title", touchpoint=lowest["label"], mean=f"{lowest['mean']:.1f}",
               scale=f"{lowest['scale_max']:g}")
    datasets = {"touchpoints": data}
    return charts.figure(charts.layered(layers), datasets,
                         title=alt.TitleParams(title, anchor="start", fontSize=16), height=alt.Step(24))


def touchpoint_section(table: pd.DataFrame) -> None:
    st.subheader(tr("journey.touchpoint_ratings"), anchor=ANCHORS["lost"])
    rated = table.dropna(subset=["mean"])
    if rated.empty:
        st.info(tr("journey.no_ratings"))
        return
    headers = {"touchpoint": tr("journey.touchpoint"), "stage": tr("journey.stage"), "mean": tr("journey.mean"),
               "low": tr("journey.low"), "high": tr("journey.high"), "top2": tr("journey.top2"),
               "bottom2": tr("journey.bottom2"), "n": tr("journey.n"), "scale_min": tr("journey.scale_min"),
               "scale_max": tr("journey.scale_max"), "zero_is_na": tr("journey.zero_is_na")}
    csv = text.for_download(rated.assign(zero_is_na=rated["zero_is_na"].map({True: tr("journey.yes"),
                                                                             False: tr("journey.no")})),
                            headers, {"stage": stage_label})
    charts.chart(touchpoint_chart(rated), csv, "touchpoints")
    zero_na = rated.loc[rated["zero_is_na"], "touchpoint"].map(label_of).tolist()
    if zero_na:
        st.caption(tr("journey.zero_na_some", touchpoints=", ".join(plain(name) for name in zero_na)))
    else:
        st.caption(tr("journey.zero_na_none"))


# Key drivers -----------------------------------------------------------------------------------------------

def drivers_chart(drivers: pd.DataFrame) -> charts.Figure:
    """Importance-performance matrix: median lines split it; the "fix first" corner is shaded."""
    label = drivers.attrs.get("outcome_label", "")
    data = drivers.assign(
        label=drivers["touchpoint"].map(label_of), question=drivers["touchpoint"].map(page.question),
        performance_pct=drivers["performance"] * 100,
        quadrant_label=drivers["quadrant"].map(quadrant_label),
        p_text=drivers["p_value"].map(text.p_text),
        named=drivers.index < 3,
    )
    data["named"] |= drivers["quadrant"].eq("fix_first")
    color = alt.Color("quadrant_label:N", legend=None,
                      scale=alt.Scale(domain=[quadrant_label(q) for q in QUADRANTS],
                                      range=list(QUADRANTS.values())))
    x_low = math.floor((data["performance_pct"].min() - 3) / 5) * 5
    x_high = math.ceil((data["performance_pct"].max() + 3) / 5) * 5
    y_high = math.ceil(data["share"].max() * 1.1 / 5) * 5
    x = alt.X("performance_pct:Q", title=tr("drivers.axis_performance"),
              scale=alt.Scale(domain=[x_low, x_high], nice=False))
    y = alt.Y("share:Q", title=tr("drivers.axis_importance", outcome=label),
              scale=alt.Scale(domain=[0, y_high], nice=False))
    base = alt.Chart(charts.named("drivers"))
    shade = base.transform_aggregate(median_x="median(performance_pct)", median_y="median(share)").transform_calculate(
        left=str(x_low), top=str(y_high)).mark_rect(color=QUADRANTS["fix_first"], opacity=0.08).encode(
        x=alt.X("left:Q", scale=alt.Scale(domain=[x_low, x_high], nice=False)), x2=alt.X2("median_x"),
        y=alt.Y("median_y:Q"), y2=alt.Y2("top"))
    corners = pd.DataFrame({
        "quadrant_label": [quadrant_label(q) for q in ("fix_first", "low_priority", "strengths", "maintain")],
        "x": [x_low, x_low, x_high, x_high],
        "y": [y_high * 0.96, y_high * 0.04, y_high * 0.96, y_high * 0.04],
        "left": [True, True, False, False],
    })
    corner_labels = [
        alt.Chart(charts.named("corners")).transform_filter(test).mark_text(
            align=align, dx=dx, fontWeight="bold").encode(
            x=alt.X("x:Q"), y=alt.Y("y:Q"), text=alt.Text("quadrant_label:N"), color=color)
        for test, align, dx in (("datum.left", "left", 6), ("!datum.left", "right", -6))]
    rule_x = base.mark_rule(strokeDash=[4, 4], color=MUTED).encode(x=alt.X("median(performance_pct):Q"))
    rule_y = base.mark_rule(strokeDash=[4, 4], color=MUTED).encode(y=alt.Y("median(share):Q"))
    points = base.mark_circle(size=150, opacity=0.9).encode(
        x=x, y=y, color=color,
        tooltip=[
            alt.Tooltip("label:N", title=tr("journey.touchpoint")),
            alt.Tooltip("question:N", title=tr("data.col.question")),
            alt.Tooltip("share:Q", title=tr("drivers.share"), format=".1f"),
            alt.Tooltip("performance_pct:Q", title=tr("drivers.performance"), format=".0f"),
            alt.Tooltip("beta:Q", title=tr("drivers.beta"), format=".2f"),
            alt.Tooltip("p_text:N", title=tr("drivers.p_value")),
            alt.Tooltip("quadrant_label:N", title=tr("drivers.quadrant")),
            alt.Tooltip("n:Q", title="n", format=","),
        ])
    names = base.transform_filter(alt.datum.named).mark_text(align="left", dx=10, fontSize=12, color=INK).encode(
        x=x, y=y, text=alt.Text("label:N"))
    first = drivers[drivers["quadrant"] == "fix_first"]
    top = (first if len(first) else drivers).iloc[0]
    heading = tr("drivers.chart_title_fix" if len(first) else "drivers.chart_title", touchpoint=label_of(top["touchpoint"]))
    facts = tr("drivers.chart_facts", share=f"{top['share']:.0f}", score=score_text(top["performance"]))
    title = alt.TitleParams(heading, subtitle=[facts, tr("drivers.chart_subtitle")], anchor="start", fontSize=16,
                            subtitleColor=MUTED, subtitleFontSize=13, offset=10)
    datasets = {"drivers": data, "corners": corners}
    return charts.figure(charts.layered([shade, rule_x, rule_y, points, names, *corner_labels]), datasets,
                         title=title, height=460)


def drivers_ranking(drivers: pd.DataFrame) -> None:
    """The result in words (top few, most important first) and the full ranking as a table."""
    words = [plain(text.say(message)) for message in explain_drivers(drivers, RANKED_SENTENCES)]
    dropped = words.pop() if drivers.attrs.get("dropped") else None
    st.markdown(words[0])
    st.markdown("\n".join(f"{rank}. {line}" for rank, line in enumerate(words[1:], start=1)))
    if dropped:
        st.caption(dropped)
    shown = drivers.assign(touchpoint=drivers["touchpoint"].map(label_of), performance=drivers["performance"] * 100,
                           p_value=drivers["p_value"].map(text.p_text),
                           quadrant=drivers["quadrant"].map(quadrant_label))
    shown.attrs = {}  # the model's details are worded above; messages do not go into a grid
    with st.expander(tr("drivers.full_ranking"), icon=":material/format_list_numbered:"):
        st.dataframe(
            shown,
            hide_index=True, width="stretch",
            column_order=["touchpoint", "share", "performance", "beta", "r", "p_value", "quadrant", "n"],
            column_config={
                "touchpoint": tr("journey.touchpoint"),
                "share": st.column_config.ProgressColumn(tr("drivers.share"), format="%.1f%%", min_value=0,
                                                         max_value=float(max(drivers["share"].max(), 1))),
                "performance": st.column_config.NumberColumn(tr("drivers.performance"), format="%.0f"),
                "beta": st.column_config.NumberColumn(tr("drivers.beta"), format="%+.2f", help=tr("drivers.beta_help")),
                "r": st.column_config.NumberColumn(tr("drivers.r"), format="%+.2f", help=tr("drivers.r_help")),
                "p_value": st.column_config.TextColumn(tr("drivers.p_value")),
                "quadrant": tr("drivers.quadrant"),
                "n": st.column_config.NumberColumn("n", format="localized"),
            })
    with st.expander(tr("drivers.method_title"), icon=":material/help:"):
        st.markdown(tr("drivers.method"))


def drivers_section() -> None:
    st.subheader(tr("drivers.title"))
    outcomes = driver_outcomes(page.result)
    if not outcomes:
        st.info(tr("drivers.no_outcome"))
        return
    labels = {column: f"{column} · {tr(f'role.{role}')}" for column, role in outcomes.items()}
    outcome = st.selectbox(tr("drivers.outcome"), list(outcomes), key="drivers_outcome", width=420,
                           format_func=labels.get)
    try:
        with st.spinner(tr("drivers.working")):
            drivers = analyses.key_drivers(page.selection, outcome)
    except InputError as err:
        st.info(tr("drivers.unavailable", reason=plain(text.say(err.message))), icon=":material/info:")
        return
    left, right = st.columns([3, 2], gap="large")
    with left:
        headers = {"touchpoint": tr("journey.touchpoint"), "share": tr("drivers.share"),
                   "performance": tr("drivers.performance"), "beta": tr("drivers.beta"), "r": tr("drivers.r"),
                   "p_value": tr("drivers.p_value"), "quadrant": tr("drivers.quadrant"), "n": tr("journey.n")}
        csv = text.for_download(drivers.assign(performance=100 * drivers["performance"]), headers,
                                {"quadrant": quadrant_label})
        charts.chart(drivers_chart(drivers), csv, "key_drivers")
    with right:
        drivers_ranking(drivers)
    themes.beside_drivers(page.filters, outcome, outcomes[outcome], page.label(outcome))


# Segments and trends ----------------------------------------------------------------------------------------

def heatmap_chart(table: pd.DataFrame, by: str) -> charts.Figure:
    """Touchpoint x segment grid of scores (0-100); small samples marked with an asterisk."""
    words = {BLANK: tr("heatmap.blank"), OTHER: tr("heatmap.other")}
    table = table.assign(segment=table["segment"].map(lambda segment: words.get(segment, segment)))
    data = table.assign(score_pct=table["score"] * 100, name=table["touchpoint"].map(label_of),
                        label=[("—" if pd.isna(score) else score_text(score)) + ("*" if small else "")
                               for score, small in zip(table["score"], table["small_sample"])])
    low, high = data["score_pct"].min(), data["score_pct"].max()
    edge = 0.2 * (high - low)
    data["dark"] = [bool(pd.notna(v) and (v < low + edge or v > high - edge)) for v in data["score_pct"]]
    segments = list(dict.fromkeys(table["segment"]))
    touchpoints = list(dict.fromkeys(data["name"]))
    base = alt.Chart(charts.named("heatmap")).encode(
        x=alt.X("segment:N", sort=segments, title=label_of(by), axis=alt.Axis(labelAngle=0, orient="top",
                                                                            labelLimit=HEATMAP_STEP - 8)),
        y=alt.Y("name:N", sort=touchpoints, title=None, axis=charts.label_axis()))
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color("score_pct:Q", title=tr("journey.score"), scale=alt.Scale(scheme="redyellowblue"),
                        legend=alt.Legend(orient="right", gradientLength=200)),
        tooltip=[alt.Tooltip("segment:N", title=label_of(by)), alt.Tooltip("name:N", title=tr("journey.touchpoint")),
                 alt.Tooltip("score_pct:Q", title=tr("journey.score"), format=".0f"),
                 alt.Tooltip("mean:Q", title=tr("journey.mean"), format=".2f"),
                 alt.Tooltip("n:Q", title="n", format=",")])
    dark_text = base.transform_filter("!datum.dark").mark_text(fontSize=12, color=INK).encode(text=alt.Text("label:N"))
    light_text = base.transform_filter("datum.dark").mark_text(fontSize=12, color="white").encode(
        text=alt.Text("label:N"))
    rated = data.dropna(subset=["score"])
    reliable = rated[~rated["small_sample"]]
    low = (reliable if len(reliable) else rated).sort_values("score").iloc[0]
    heading = tr("heatmap.chart_title", touchpoint=low["name"], segment=low["segment"],
                 score=score_text(low["score"]))
    title = alt.TitleParams(heading, anchor="start", fontSize=16, offset=10)
    datasets = {"heatmap": data}
    return charts.figure(charts.layered([cells, dark_text, light_text]), datasets,
                         title=title, width=alt.Step(HEATMAP_STEP), height=alt.Step(26))


def heatmap_section() -> None:
    st.subheader(tr("heatmap.title"), anchor=ANCHORS["differs"])
    segments = list(analyses.filter_choices(page.src)["segments"])
    if not segments:
        st.info(tr("heatmap.no_segments"))
        return
    by = st.selectbox(tr("heatmap.by"), segments, key="heatmap_by", width=420, format_func=label_of)
    try:
        with st.spinner(tr("heatmap.working")):
            table = analyses.segment_heatmap(page.selection, by)
    except InputError as err:
        st.info(plain(text.say(err.message)))
        return
    if table.empty or table["score"].isna().all():
        st.info(tr("journey.no_ratings"))
        return
    headers = {"segment": tr("heatmap.segment"), "touchpoint": tr("journey.touchpoint"), "mean": tr("journey.mean"),
               "score": tr("journey.score"), "n": tr("journey.n")}
    csv = text.for_download(table.assign(score=100 * table["score"]), headers)
    charts.chart(heatmap_chart(table, by), csv, "segment_heatmap", width="content")
    if table["small_sample"].any():
        st.caption(tr("heatmap.small_sample"))


def trend_label(metric: str, kind: str) -> str:
    if kind == "touchpoint":
        return f"{label_of(metric)} (0–100)"
    return tr(f"metric.{metric}") + (" (%)" if BY_NAME[metric].percent else "")


def trend_chart(part: pd.DataFrame, label: str, fmt: str) -> charts.Figure:
    """One metric per period: the value as a line, its 95% interval as a band, small periods hollow."""
    data = part.assign(period_label=part["period"].dt.strftime("%Y-%m-%d"))
    x = alt.X("period:T", title=tr("trend.period"), axis=alt.Axis(format=tr("trend.axis_format")))
    base = alt.Chart(charts.named("trend")).encode(x=x)
    band = base.mark_area(opacity=0.18, color=palette.BLUE).encode(y=alt.Y("low:Q"), y2=alt.Y2("high"))
    line = base.mark_line(color=palette.BLUE, strokeWidth=2.5).encode(
        y=alt.Y("value:Q", title=label, scale=alt.Scale(zero=False)))
    tooltip = [alt.Tooltip("period_label:N", title=tr("trend.period")),
               alt.Tooltip("value:Q", title=label, format=fmt),
               alt.Tooltip("low:Q", title=tr("journey.low"), format=fmt),
               alt.Tooltip("high:Q", title=tr("journey.high"), format=fmt),
               alt.Tooltip("n:Q", title="n", format=",")]
    points = [base.transform_filter("!datum.small_sample").mark_point(size=70, color=palette.BLUE, filled=True)
              .encode(y=alt.Y("value:Q"), tooltip=tooltip),
              base.transform_filter("datum.small_sample").mark_point(size=70, color=palette.BLUE, fill="white")
              .encode(y=alt.Y("value:Q"), tooltip=tooltip)]
    first, last = part.iloc[0], part.iloc[-1]
    values = dict(metric=label, first=format(first["value"], fmt), last=format(last["value"], fmt),
                  start=first["period"].strftime("%Y-%m-%d"), end=last["period"].strftime("%Y-%m-%d"))
    if len(part) < 2:
        heading = tr("trend.chart_title_one", **values)
    elif last["value"] > first["value"]:
        heading = tr("trend.chart_title_up", **values)
    elif last["value"] < first["value"]:
        heading = tr("trend.chart_title_down", **values)
    else:
        heading = tr("trend.chart_title_flat", **values)
    title = alt.TitleParams(heading, anchor="start", fontSize=16, offset=10)
    datasets = {"trend": data}
    return charts.figure(charts.layered([band, line, *points]), datasets, title=title, height=340)


def trend_section() -> None:
    st.subheader(tr("trend.title"), anchor=ANCHORS["changed"])
    try:
        with st.spinner(tr("trend.working")):
            table = analyses.metric_trend(page.selection, "auto")
    except InputError:
        if not waves.trend_note(page.src):
            st.info(tr("trend.needs_timestamp"), icon=":material/schedule:")
        return
    if table.empty:
        st.info(tr("journey.no_ratings"))
        return
    metrics = table[["metric", "kind"]].drop_duplicates()
    kinds = dict(zip(metrics["metric"], metrics["kind"]))
    key = "trend_metric"
    labels = {name: trend_label(name, kind) for name, kind in kinds.items()}
    metric = st.selectbox(tr("trend.metric"), list(kinds), key=key, width=420, format_func=labels.get)
    part = table[table["metric"] == metric].copy()
    if kinds[metric] == "touchpoint":
        part[["value", "low", "high"]] = part[["value", "low", "high"]] * 100
    fmt = BY_NAME[metric].fmt if metric in BY_NAME else ".0f"
    headers = {"period": tr("trend.period"), "metric": tr("trend.metric"), "value": tr("trend.value"),
               "low": tr("journey.low"), "high": tr("journey.high"), "n": tr("journey.n")}
    csv = text.for_download(part.assign(metric=labels[metric]), headers)
    charts.chart(trend_chart(part, labels[metric], fmt), csv, "trend")
    if part["small_sample"].any():
        st.caption(tr("trend.small_sample"))


# The page ------------------------------------------------------------------------------------------------

def no_journey(src) -> None:
    """A transaction export has customers, not a journey: say so and point to its views."""
    st.info(tr("customers.journey_note"), icon=":material/receipt_long:")
    site.link("data", tr("customers.title"), ":material/table_view:")
    site.link("compare", tr("customers.compare_link"), ":material/compare_arrows:")


def journey_sections(table: pd.DataFrame, jmap: pd.DataFrame, friction: pd.DataFrame) -> pd.DataFrame | None:
    """The journey map with its emotion curve, a card per stage with what the comments and sessions say there, the
    friction points and the touchpoint ratings; returns what the comments say per stage (None without any)."""
    heard = None
    if jmap["score"].notna().any():
        csv = jmap.assign(touchpoints=jmap["touchpoints"].map(lambda names: "; ".join(map(label_of, names))),
                          weakest=jmap["weakest"].map(lambda name: label_of(name) if isinstance(name, str) else name))
        headers = {"stage": tr("journey.stage"), "touchpoints": tr("journey.touchpoints"),
                   "score": tr("journey.score"), "emotion": tr("journey.emotion"), "top2": tr("journey.top2"),
                   "bottom2": tr("journey.bottom2"), "n": tr("journey.respondents"), "ratings": tr("journey.ratings"),
                   "weakest": tr("journey.weakest")}
        csv = text.for_download(csv.assign(score=100 * csv["score"]), headers,
                                {"stage": stage_label, "emotion": lambda code: tr(f"emotion.{code}")})
        charts.chart(journey_chart(jmap), csv, "journey_map")
        try:
            with st.spinner(tr("journey.feedback_working")):
                heard = texts.journey_feedback(page.filters)
        except InputError:
            heard = None  # the feedback file cannot be read: its own pages say why
        behaviour = behaviour_ui.journey_stages()
        themed = themes.stage_themes(page.filters) if heard else None
        stage_columns(jmap, table, heard[0] if heard else None, behaviour, themed)
        if heard:
            feedback_section(jmap, *heard)
            if themed is not None:
                themes.stage_table(themed, stage_label)
        if behaviour is not None:
            behaviour_ui.journey_table(jmap, behaviour)
    else:
        st.info(tr("journey.no_ratings"))
    friction_section(friction)
    touchpoint_section(table)
    return heard[0] if heard else None


page = preamble.survey_page(tr("journey.title"), no_journey, weights_note=False)
summary = st.container()  # drawn first, written last: it reads what the sections below compute
st.subheader(tr("journey.headline"), anchor=ANCHORS["headline"])
tiles.metric_tiles(analyses.headline(page.selection))
weighting.note(page.selection)
table = heard = None
if page.result.columns("touchpoint"):
    st.subheader(tr("journey.map"))
    touchpoints = analyses.filter_choices(page.src)["touchpoints"]
    stage_map = stages.stage_editor(page.src, touchpoints, label_of)
    with st.spinner(tr("journey.working_map")):
        table, jmap, friction = analyses.journey_tables(page.selection, stages.cache_key(stage_map))
    heard = journey_sections(table, jmap, friction)
    drivers_section()
    heatmap_section()
else:
    by_channel = channel_touchpoints(page.result)
    if by_channel is None:
        heard = comments_journey()
        if heard is None:
            st.warning(tr("journey.no_touchpoints"))
            preamble.link_to_data()
            st.stop()
    else:
        scores, mapping, channel, metric = by_channel
        st.subheader(tr("journey.map"))
        st.info(tr("journey.by_channel", metric=tr(f"metric.{metric}"), channel=plain(page.label(channel))),
                icon=":material/alt_route:")
        stage_map = stages.stage_editor(page.src, mapping["column"].tolist(), label_of)
        weights = analyses.weight_values(page.selection)
        table = touchpoint_summary(scores, mapping, stage_map, weights)
        heard = journey_sections(table, journey_map(table, scores, weights), friction_points(table))
        channel_feedback_section(channel, stage_map)
waves.journey_section(page)
trend_section()
with summary:
    briefing.show(executive_summary(page.result, table, heard), page.result, here=True)
