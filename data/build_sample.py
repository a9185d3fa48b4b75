"""Recreate the bundled sample project in data/sample/ from the shared real-data fixtures.

The real columns are kept exactly as published (the real part of each file is byte-for-byte the shared
fixture); what no public airline data has is simulated here, deterministically (seed ``SEED``), from the
real answers:

* ``airline_survey.csv``: the real Kaggle passenger survey plus a response date, two touchpoints the real
  survey does not ask about (advertising, frequent-flyer rewards) and the three headline metrics (NPS, CSAT,
  CES), each drawn from the respondent's real satisfaction label and real ratings.
* ``airline_tweets.csv``: the real tweets plus ``respondent_id``: each tweet is given to one survey
  respondent whose real satisfaction label matches the tweet's real sentiment.
* ``airline_web_events.csv``: a simulated web event log of the same airline's site (page views and a
  booking funnel), over the survey's twelve weeks.

Run from anywhere:

    python data/build_sample.py                 # reads ../shared/data next to the repo
    python data/build_sample.py /path/to/data   # or any folder holding the same files
    python data/build_sample.py SOURCE TARGET   # and write somewhere else than data/sample
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parent.parent / "shared" / "data"
SEED = 20150105
SURVEY_SOURCE = "airline_passenger_satisfaction_sample.csv"
TWEETS_SOURCE = "airline_tweets_sample.csv"
FIRST_DAY = pd.Timestamp("2015-01-05")  # twelve weeks, Monday 5 January to Sunday 29 March 2015
DAYS = 84

# Real service ratings (0 = not applicable) the simulated answers are driven by.
RATINGS = ["Inflight wifi service", "Departure/Arrival time convenient", "Ease of Online booking", "Gate location",
           "Food and drink", "Online boarding", "Seat comfort", "Inflight entertainment", "On-board service",
           "Leg room service", "Baggage handling", "Checkin service", "Inflight service", "Cleanliness"]
EFFORT_RATINGS = ["Ease of Online booking", "Online boarding", "Checkin service", "Gate location", "Baggage handling"]
DATE, ADVERTS, REWARDS = "Response date", "Advertising and social media", "Frequent flyer rewards"
NPS, CSAT, CES = ("Likelihood to recommend (0-10)", "Overall satisfaction (1-5)",
                  "Customer effort score (1 = very difficult, 7 = very easy)")


def _mean_rating(survey: pd.DataFrame, columns: list[str]) -> pd.Series:
    """Each respondent's mean real rating over ``columns``, 0 (not applicable) left out; 3 when none applies."""
    ratings = survey[columns].astype(int)
    return ratings.where(ratings > 0).mean(axis=1).fillna(3.0)


def _scale(values: np.ndarray, low: int, high: int) -> np.ndarray:
    return np.clip(np.rint(values), low, high).astype(int)


def simulated_survey(survey: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The simulated columns of the survey, one row per real respondent, in the real rows' order.

    A latent attitude mixes the real satisfaction label, the mean of the real ratings and a slow improvement
    over the twelve weeks (so trends have something to show); NPS, CSAT and CES are noisy readings of it.
    """
    n = len(survey)
    satisfied = (survey["satisfaction"] == "satisfied").to_numpy(dtype=float)
    mean = _mean_rating(survey, RATINGS).to_numpy()
    day = np.sort(rng.integers(0, DAYS, n))[rng.permutation(n)]
    weeks = day / 7.0
    attitude = 1.1 * (mean - 3.2) + 1.6 * (satisfied - 0.43) + 0.05 * (weeks - 6) + rng.normal(0, 0.8, n)
    loyal = (survey["Customer Type"] == "Loyal Customer").to_numpy(dtype=float)
    delayed = (survey["Departure Delay in Minutes"].astype(float) > 30).to_numpy(dtype=float)
    effort = _mean_rating(survey, EFFORT_RATINGS).to_numpy()
    adverts = _scale(3.1 + 0.35 * (mean - 3.2) + rng.normal(0, 1.0, n), 1, 5)
    adverts[rng.random(n) < 0.12] = 0  # did not notice any: not applicable, as the real ratings code it
    rewards = _scale(2.7 + 0.9 * loyal + 0.15 * attitude + rng.normal(0, 0.9, n), 1, 5)
    rewards[(loyal == 0) & (rng.random(n) < 0.4)] = 0  # not a member
    return pd.DataFrame({
        DATE: (FIRST_DAY + pd.to_timedelta(day, unit="D")).strftime("%Y-%m-%d"),
        ADVERTS: adverts,
        REWARDS: rewards,
        NPS: _scale(7.0 + 1.7 * attitude + rng.normal(0, 0.9, n), 0, 10),
        CSAT: _scale(3.3 + 0.8 * attitude + rng.normal(0, 0.5, n), 1, 5),
        CES: _scale(4.6 + 0.9 * (effort - 3.2) + 0.5 * attitude - 0.6 * delayed + rng.normal(0, 0.9, n), 1, 7),
    })


def tweet_respondents(tweets: pd.DataFrame, survey: pd.DataFrame, rng: np.random.Generator) -> pd.Series:
    """One distinct respondent id per tweet: negative tweets go to dissatisfied respondents, positive ones to
    satisfied respondents, neutral ones to any respondent left."""
    satisfied = survey["satisfaction"] == "satisfied"
    pools = {"negative": list(rng.permutation(survey.loc[~satisfied, "id"].to_numpy())),
             "positive": list(rng.permutation(survey.loc[satisfied, "id"].to_numpy()))}
    chosen = pd.Series("", index=tweets.index, dtype=object)
    for label in ("negative", "positive"):
        rows = tweets.index[tweets["airline_sentiment"] == label]
        chosen[rows] = pools[label][:len(rows)]
        pools[label] = pools[label][len(rows):]
    rest = list(rng.permutation(np.concatenate([pools["negative"], pools["positive"]])))
    neutral = tweets.index[~tweets["airline_sentiment"].isin(["negative", "positive"])]
    chosen[neutral] = rest[:len(neutral)]
    return chosen


# The simulated website: entry pages with their journey stage, and where visitors go next.
AGENTS = [(0.42, "Mozilla/5.0 (Windows NT 6.1) Chrome/40.0"), (0.18, "Mozilla/5.0 (Macintosh) Safari/600.3"),
          (0.25, "Mozilla/5.0 (iPhone) Mobile Safari/600.1"), (0.15, "Mozilla/5.0 (Linux; Android 5.0) Mobile Chrome/40.0")]
BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
ARRIVALS = [  # share of visits, referrer, landing query
    (0.38, "", ""),
    (0.27, "https://www.google.com/", ""),
    (0.12, "", "?utm_source=newsletter&utm_medium=email&utm_campaign=spring-sale"),
    (0.10, "https://t.co/", ""),
    (0.08, "", "?utm_source=google&utm_medium=cpc&utm_campaign=brand"),
    (0.05, "https://www.facebook.com/", ""),
]
LANDINGS = [(0.48, "/"), (0.14, "/deals/spring-promo"), (0.16, "/flights/search"), (0.12, "/account/manage-booking"),
            (0.05, "/loyalty/miles"), (0.05, "/help/baggage")]


def _pick(rng: np.random.Generator, choices: list[tuple]) -> tuple:
    weights = np.array([choice[0] for choice in choices])
    return choices[rng.choice(len(choices), p=weights / weights.sum())]


def _visit(rng: np.random.Generator, landing: str) -> list[tuple[str, str]]:
    """The (page, event) steps of one visit after its landing page; a bounce has none."""
    steps: list[tuple[str, str]] = []
    if rng.random() < 0.32:
        return steps
    if landing in ("/", "/deals/spring-promo"):
        steps.append(("/flights/search", "page_view"))
        landing = "/flights/search"
    if landing == "/flights/search":
        if rng.random() < 0.15:
            return steps
        steps += [("/flights/results", "page_view"), ("/flights/results", "view_item")]
        for chance, step in ((0.70, [("/flights/results", "add_to_cart")]),
                             (0.86, [("/checkout/passengers", "page_view"), ("/checkout/passengers", "begin_checkout")]),
                             (0.82, [("/checkout/seats", "page_view"), ("/checkout/payment", "page_view")]),
                             (0.58, [("/checkout/confirmation", "page_view"), ("/checkout/confirmation", "purchase")]),
                             (0.22, [("/loyalty/miles", "page_view")])):
            if rng.random() > chance:
                return steps
            steps += step
        return steps
    if landing == "/account/manage-booking":
        steps += [("/account/check-in", "page_view")]
        if rng.random() < 0.7:
            steps += [("/account/boarding-pass", "page_view")]
        if rng.random() < 0.2:
            steps += [("/help/baggage", "page_view"), ("/help/contact", "page_view")]
        return steps
    if landing == "/loyalty/miles":
        return [("/loyalty/redeem", "page_view")] + ([("/flights/search", "page_view")] if rng.random() < 0.4 else [])
    return [("/help/faq", "page_view")] + ([("/help/contact", "page_view")] if rng.random() < 0.5 else [])


def simulated_events(rng: np.random.Generator, sessions: int = 1000, bots: int = 12) -> pd.DataFrame:
    """A web event log (GA4-like names) of ``sessions`` visits over the survey's twelve weeks, some of them by
    returning visitors, and a few crawler hits, in time order."""
    rows, visitors = [], []
    starts = FIRST_DAY + pd.to_timedelta(np.sort(rng.uniform(0, DAYS * 86400, sessions)).round(), unit="s")
    for start in starts:
        if visitors and rng.random() < 0.25:
            visitor, agent = visitors[rng.integers(len(visitors))]
        else:
            visitor, agent = f"v{rng.integers(10**5, 10**6)}", _pick(rng, AGENTS)[1]
            visitors.append((visitor, agent))
        _, referrer, query = _pick(rng, ARRIVALS)
        landing = _pick(rng, LANDINGS)[1]
        clock = start
        for k, (page, event) in enumerate([(landing, "page_view"), *_visit(rng, landing)]):
            if k:
                clock += pd.Timedelta(seconds=int(rng.integers(8, 150) if event == "page_view" else rng.integers(2, 40)))
            rows.append((visitor, clock, page + (query if k == 0 else ""), event, referrer if k == 0 else "", agent))
    for clock in FIRST_DAY + pd.to_timedelta(np.sort(rng.uniform(0, DAYS * 86400, bots)).round(), unit="s"):
        rows.append((f"b{int(clock.timestamp()) % 10**6}", clock, "/", "page_view", "", BOT))
    events = pd.DataFrame(rows, columns=["client_id", "timestamp", "page_url", "event_name", "referrer", "user_agent"])
    events = events.sort_values("timestamp", kind="stable").reset_index(drop=True)
    events["timestamp"] = events["timestamp"].dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return events[["client_id", "page_url", "referrer", "timestamp", "event_name", "user_agent"]]


def build(source: Path, target: Path) -> dict[str, bytes]:
    """The bytes of every sample file, from the real fixtures in ``source``; written to ``target``."""
    survey = pd.read_csv(source / SURVEY_SOURCE, dtype=str, keep_default_na=False)
    tweets = pd.read_csv(source / TWEETS_SOURCE, dtype=str, keep_default_na=False)
    rng = np.random.default_rng(SEED)
    files = {
        "airline_survey.csv": pd.concat([survey, simulated_survey(survey, rng)], axis=1),
        "airline_tweets.csv": tweets.assign(respondent_id=tweet_respondents(tweets, survey, rng)),
        "airline_web_events.csv": simulated_events(rng),
    }
    target.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, frame in files.items():
        written[name] = frame.to_csv(index=False).encode("utf-8")
        (target / name).write_bytes(written[name])
    return written


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else DEFAULT_SOURCE
    target = Path(argv[1]) if len(argv) > 1 else HERE / "sample"
    missing = [name for name in (SURVEY_SOURCE, TWEETS_SOURCE) if not (source / name).is_file()]
    if missing:
        print(f"error: {source} does not hold {', '.join(missing)}; pass the shared data folder as the argument.",
              file=sys.stderr)
        return 2
    for name, data in build(source, target).items():
        print(f"{target / name} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
