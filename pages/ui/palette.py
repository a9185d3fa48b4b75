"""The app's colours, in one place: the Okabe-Ito palette (readable with every common colour-vision deficiency;
also the theme's chart colours in ``.streamlit/config.toml``) and the inks the charts write with."""
from __future__ import annotations

SKY, BLUE, GREEN, ORANGE, VERMILION, PURPLE, YELLOW = "#56B4E9", "#0072B2", "#009E73", "#E69F00", "#D55E00", \
    "#CC79A7", "#F0E442"
GREY, LIGHT_GREY = "#999999", "#BBBBBB"
INK, MUTED, RULE, NOISE = "#1F2A37", "#7B8794", "#52606D", "#9AA5B1"
BRAND = "#2F6B9A"  # the theme's primary colour (the tab icon)

STAGES = [SKY, BLUE, GREEN, ORANGE, VERMILION, PURPLE]  # awareness .. loyalty
EMOTIONS = {"angry": VERMILION, "sad": ORANGE, "neutral": LIGHT_GREY, "happy": SKY, "excited": GREEN}
SENTIMENT = {"negative": VERMILION, "neutral": LIGHT_GREY, "positive": GREEN}
QUADRANTS = {"fix_first": VERMILION, "strengths": GREEN, "maintain": BLUE, "low_priority": GREY, "negative": PURPLE}
VERDICTS = {"matters": VERMILION, "too_small": ORANGE, "noise": NOISE}
SERIES = [BLUE, ORANGE, GREEN, VERMILION, PURPLE, SKY, YELLOW, GREY, "#882255", "#44AA99"]  # one per group
