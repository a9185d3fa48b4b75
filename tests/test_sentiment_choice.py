"""Whether a model trained on labels replaces the engine: the corrected resampled t test, the one-standard-error
choice against fresh tweets (and against the rule it replaced), and too few labels to tell."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import sklearn
from scipy import stats
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import RepeatedStratifiedKFold, StratifiedKFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import normalize

from analysis import cli
from analysis.sentiment.model import SentimentModel
from analysis.sentiment.trained import LabelledClassifier
from analysis.sentiment.validation import CrossValidation, compare_on_folds
from analysis.significance import corrected_resampled_t

LABELS = ["negative", "neutral", "positive"]


# The corrected resampled t test --------------------------------------------------------------------------------

def test_corrected_resampled_t_equals_a_hand_computation():
    differences = np.random.default_rng(3).normal(0.02, 0.05, size=25)  # 5 repetitions of 5 folds
    result = corrected_resampled_t(differences, test_to_train=1 / 4)
    mean, j = differences.sum() / 25, 25
    variance = ((differences - mean) ** 2).sum() / (j - 1)
    se = np.sqrt((1 / j + 1 / 4) * variance)  # Nadeau & Bengio: 1/J + n_test/n_train
    assert result["difference"] == pytest.approx(mean)
    assert result["se"] == pytest.approx(se)
    assert result["statistic"] == pytest.approx(mean / se)
    assert result["df"] == j - 1
    assert result["p_value"] == pytest.approx(2 * stats.t.sf(abs(mean / se), j - 1))
    half = stats.t.ppf(0.975, j - 1) * se
    assert (result["low"], result["high"]) == (pytest.approx(mean - half), pytest.approx(mean + half))
    # The plain paired t test, which forgets that the folds share training texts, is far more confident.
    assert stats.ttest_1samp(differences, 0).pvalue < result["p_value"]


def test_folds_without_any_spread_are_certain_and_a_single_fold_is_not_a_test():
    assert corrected_resampled_t(np.full(10, 0.1), 1)["p_value"] == 0
    assert corrected_resampled_t(np.zeros(10), 1)["p_value"] == 1
    assert np.isnan(corrected_resampled_t(np.array([0.1]), 1)["p_value"])


def test_the_choice_uses_the_same_folds_for_model_and_engine():
    target = np.array(["negative"] * 12 + ["positive"] * 8, dtype=object)
    engine = np.where(np.arange(20) % 4 == 0, "positive", target).astype(object)  # every 4th text read positive
    seen = []

    def perfect(train, test):
        seen.append(test)
        return target[test]

    cv = compare_on_folds(target, engine, perfect, folds=4, repeats=3, random_state=7)
    folds = list(RepeatedStratifiedKFold(n_splits=4, n_repeats=3, random_state=7).split(np.zeros(20), target))
    assert [list(test) for test in seen] == [list(test) for _, test in folds]
    differences = 1 - np.array([f1_score(target[test], engine[test], average="macro") for _, test in folds])
    assert (cv.n, cv.folds, cv.repeats) == (20, 4, 3)
    assert cv.trained_macro_f1 == 1 and cv.zero_shot_macro_f1 == pytest.approx(1 - differences.mean())
    assert cv.difference == pytest.approx(differences.mean())
    assert cv.se == pytest.approx(np.sqrt((1 / 12 + 5 / 15) * differences.var(ddof=1)))  # test 5 texts, train 15
    assert cv.verdict == "trained" and cv.beats_zero_shot


@pytest.mark.parametrize("difference, verdict", [(0.031, "trained"), (0.029, "unclear"), (-0.029, "unclear"),
                                                 (-0.031, "engine")])
def test_the_model_is_used_only_when_better_by_more_than_one_standard_error(difference, verdict):
    cv = CrossValidation(n=200, folds=5, repeats=5, trained_macro_f1=0.6 + difference, trained_sd=0.05,
                         zero_shot_macro_f1=0.6, zero_shot_sd=0.05, difference=difference, se=0.03,
                         low=difference - 0.062, high=difference + 0.062, p_value=0.3)
    assert cv.verdict == verdict and cv.beats_zero_shot == (verdict == "trained")
    assert cv.decision().code == f"sentiment.cv.{verdict}"


# Against fresh tweets --------------------------------------------------------------------------------------------

DRAWS = {40: 40, 200: 30}  # labelled texts: draws
WORSE_BY = 0.01  # a choice of the model is wrong when it is worse than the engine on fresh tweets by more


@pytest.fixture(scope="module")
def tweets(shared_data):
    """The 2,000 airline tweets: labels, the engine's labels, and what the trained model needs of each tweet
    computed once: the counts of its character and word n-grams, the engine's score as two columns."""
    frame = pd.read_csv(shared_data / "airline_tweets_sample.csv")
    texts, labels = frame["text"].to_numpy(dtype=object), frame["airline_sentiment"].to_numpy(dtype=object)
    engine = SentimentModel().transform(list(texts))
    score = engine["sentiment_score"].fillna(0.0).to_numpy(dtype=float)
    counts = [CountVectorizer(analyzer="char_wb", ngram_range=(1, 4)).fit_transform(texts),
              CountVectorizer(ngram_range=(1, 2), token_pattern=r"(?u)\b\w+\b").fit_transform(texts)]
    engine_score = csr_matrix(np.column_stack([score, np.sign(score)]))
    return labels, engine["sentiment_label"].to_numpy(dtype=object), counts, engine_score


def macro_f1(truth, predicted) -> float:
    return f1_score(truth, predicted, labels=sorted(set(truth)), average="macro", zero_division=0)


class Trained:
    """The trained model (``analysis.sentiment.trained._Fitted``: TF-IDF of the character 1-4-grams and word
    1-2-grams seen in two training texts or more, with sublinear counts, smoothed idf and unit rows; the engine's
    score; one-vs-rest logistic regressions) worked out from n-gram counts computed once for every tweet."""

    def __init__(self, tweets, rows: np.ndarray):
        labels, _, self.counts, self.engine_score = tweets
        self.kept = []
        for counts in self.counts:
            seen_in = np.asarray((counts[rows] > 0).sum(axis=0)).ravel()
            keep = np.flatnonzero(seen_in >= 2)
            self.kept.append((keep, np.log((1 + len(rows)) / (1 + seen_in[keep])) + 1))
        classifier = LogisticRegression(C=4.0, class_weight="balanced", solver="liblinear", dual=True)
        self.classifier = OneVsRestClassifier(classifier).fit(self.features(rows), labels[rows])

    def features(self, rows: np.ndarray):
        parts = []
        for counts, (keep, idf) in zip(self.counts, self.kept):
            part = counts[rows][:, keep].astype(float)
            part.data = 1 + np.log(part.data)
            parts.append(normalize(part.multiply(idf).tocsr()))
        return hstack(parts + [self.engine_score[rows]]).tocsr()

    def predict(self, rows: np.ndarray) -> np.ndarray:
        return self.classifier.predict(self.features(rows))


def test_the_stand_in_labels_tweets_as_the_trained_model_does(shared_data, tweets):
    frame = pd.read_csv(shared_data / "airline_tweets_sample.csv")
    rows, new = np.arange(0, 300), np.arange(300, 600)
    model = LabelledClassifier().fit(frame["text"][rows].tolist(), frame["airline_sentiment"][rows].tolist())
    labels = model.transform(frame["text"][new].tolist())["sentiment_label"].to_numpy()
    readable = labels != "undetected"
    assert readable.mean() > 0.95
    assert list(Trained(tweets, rows).predict(new)[readable]) == list(labels[readable])


def old_rule(tweets, drawn: np.ndarray) -> bool:
    """The rule this one replaced: one 5-fold run, the model kept when its pooled macro-F1 is higher at all."""
    labels, engine = tweets[:2]
    predicted = np.empty(len(drawn), dtype=object)
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(drawn, labels[drawn]):
        predicted[test] = Trained(tweets, drawn[train]).predict(drawn[test])
    return macro_f1(labels[drawn], predicted) > macro_f1(labels[drawn], engine[drawn])


@pytest.fixture(scope="module")
def draws(tweets):
    """Small labelled sets drawn (stratified, seeded) from half the tweets; for each, the new choice, the old one
    and how much better the model trained on the whole set is than the engine on the other 1,000 tweets."""
    labels, engine = tweets[:2]
    order = np.random.default_rng(0).permutation(len(labels))
    fresh, pool = order[:1000], order[1000:]
    fresh_engine = macro_f1(labels[fresh], engine[fresh])
    rows = []
    with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):  # twice as fast
        for size, count in DRAWS.items():
            rng = np.random.default_rng(size)
            for _ in range(count):
                drawn = np.concatenate([rng.choice(pool[labels[pool] == label],
                                                   max(5, round(size * np.mean(labels[pool] == label))),
                                                   replace=False) for label in LABELS])
                cv = compare_on_folds(labels[drawn], engine[drawn],
                                      lambda train, test: Trained(tweets, drawn[train]).predict(drawn[test]))
                on_fresh = macro_f1(labels[fresh], Trained(tweets, drawn).predict(fresh))
                rows.append({"size": size, "new": cv.beats_zero_shot, "verdict": cv.verdict,
                             "old": old_rule(tweets, drawn), "fresh": on_fresh - fresh_engine})
    return pd.DataFrame(rows)


def test_the_model_rarely_replaces_the_engine_when_it_is_worse_on_fresh_tweets(draws):
    worse = draws["fresh"] < -WORSE_BY
    wrong = (draws.assign(new=draws["new"] & worse, old=draws["old"] & worse)
             .groupby("size")[["new", "old"]].mean())
    print(f"\nwrong-choice rate (model chosen, worse on fresh tweets by more than {WORSE_BY}):\n{wrong}")
    print(draws.assign(worse=worse).groupby("size").agg(
        draws=("fresh", "size"), model_worse=("worse", "sum"), model_better=("fresh", lambda d: (d > WORSE_BY).sum()),
        fresh_mean=("fresh", "mean"), new_chose=("new", "sum"), old_chose=("old", "sum")))
    assert (wrong["new"] <= 0.05).all()
    # The any-amount rule, on the same draws, went wrong far more often.
    assert wrong["old"].max() >= 0.08 and draws["old"][worse].sum() >= 4 * max(draws["new"][worse].sum(), 1)


def test_with_40_labels_the_engine_is_always_kept(draws):
    assert not draws[draws["size"] == 40]["new"].any()


# Too few labels ----------------------------------------------------------------------------------------------

def test_too_few_labels_to_tell_keep_the_engine(shared_data, tmp_path, capsys):
    few = pd.read_csv(shared_data / "airline_tweets_sample.csv").head(40)  # the sample is in random order
    path = tmp_path / "forty.csv"
    few.to_csv(path, index=False)
    cv = LabelledClassifier().fit(few["text"].tolist(), few["airline_sentiment"].tolist()).cv_
    assert cv.n == 40 and abs(cv.difference) <= cv.se
    assert cv.verdict == "unclear" and not cv.beats_zero_shot
    assert cv.decision().text("en").startswith("Not enough labels to tell")
    assert cv.decision().text("zh").startswith("标注不足以判断")
    out = tmp_path / "scored.csv"
    assert cli.main(["sentiment", str(path), "--text-col", "text", "--out", str(out), "--train", str(path),
                     "--label-col", "airline_sentiment", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["engine"] == "auto" and printed["training"]["verdict"] == "unclear"
    assert not printed["training"]["used"]
    assert printed["training"]["difference"] == pytest.approx(cv.difference)
    assert printed["training"]["low"] < 0 < printed["training"]["high"]
    engine = SentimentModel().transform(few["text"].tolist())["sentiment_label"]
    assert list(pd.read_csv(out)["sentiment_label"]) == list(engine)
