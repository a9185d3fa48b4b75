"""Key-driver analysis: Johnson's relative weights checked against known answers and references."""
from __future__ import annotations


import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LinearRegression

from analysis.drivers import explain_drivers, key_drivers
from analysis.errors import InputError
from tests.tables import prepared_from

AIRLINE = "airline_passenger_satisfaction_sample.csv"


def orthogonal(n: int, k: int, seed: int = 0) -> np.ndarray:
    """k columns with mean 0, standard deviation 1 and sample correlation exactly 0."""
    x = np.random.default_rng(seed).normal(size=(n, k))
    q, _ = np.linalg.qr(x - x.mean(axis=0))
    return q * np.sqrt(n - 1)


def r_squared(x: np.ndarray, y: np.ndarray) -> float:
    """R² of the least-squares fit with intercept, from numpy's solver."""
    design = np.column_stack([np.ones(len(y)), x])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    residual = y - design @ coef
    return 1 - residual @ residual / ((y - y.mean()) @ (y - y.mean()))


def johnson_by_svd(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Relative weights as Johnson (2000) writes them: from the SVD of the standardised data."""
    zx = (x - x.mean(axis=0)) / x.std(axis=0, ddof=1) / np.sqrt(len(y) - 1)
    zy = (y - y.mean()) / y.std(ddof=1) / np.sqrt(len(y) - 1)
    p, delta, qt = np.linalg.svd(zx, full_matrices=False)
    z = p @ qt                                # the orthogonal variables closest to x
    beta = z.T @ zy                           # y regressed on them
    lam = qt.T @ np.diag(delta) @ qt          # x regressed on them
    return (lam**2) @ (beta**2)


@pytest.fixture(scope="module")
def uncorrelated():
    """y = 3 x1 + x2 + noise with x1, x2, x3 exactly uncorrelated in the sample."""
    x = orthogonal(2000, 3)
    y = 3 * x[:, 0] + 1 * x[:, 1] + np.random.default_rng(1).normal(scale=2, size=2000)
    frame = pd.DataFrame({"x1": x[:, 0], "x2": x[:, 1], "x3": x[:, 2], "y": y})
    roles = {"x1": "touchpoint", "x2": "touchpoint", "x3": "touchpoint", "y": "attribute"}
    return frame, prepared_from(frame, roles, scale=(-100, 100))


def test_known_ranking_and_weights_add_up_to_r2(uncorrelated):
    frame, prepared = uncorrelated
    drivers = key_drivers(prepared, outcome="y")
    assert drivers["touchpoint"].tolist() == ["x1", "x2", "x3"]
    r2 = r_squared(frame[["x1", "x2", "x3"]].to_numpy(), frame["y"].to_numpy())
    assert drivers.attrs["r2"] == pytest.approx(r2, abs=1e-9)
    assert drivers["importance"].sum() == pytest.approx(r2, abs=1e-9)
    assert drivers["share"].sum() == pytest.approx(100, abs=1e-9)
    assert drivers.attrs["outcome"] == "y" and drivers.attrs["outcome_label"] == "Y"  # its short label
    assert (drivers["n"] == 2000).all() and drivers.attrs["dropped"] == {}


def test_uncorrelated_predictors_get_their_squared_correlation(uncorrelated):
    frame, prepared = uncorrelated
    drivers = key_drivers(prepared, outcome="y").set_index("touchpoint")
    for column in ("x1", "x2", "x3"):
        squared = np.corrcoef(frame[column], frame["y"])[0, 1] ** 2
        assert drivers.loc[column, "importance"] == pytest.approx(squared, abs=1e-9)
        # with uncorrelated predictors the standardised beta is the correlation itself
        assert drivers.loc[column, "beta"] ** 2 == pytest.approx(squared, abs=1e-9)
    assert drivers.loc["x1", "p_value"] < 1e-100 and drivers.loc["x3", "p_value"] > 0.01


def test_correlated_predictors_match_johnsons_svd_formulation_and_ols():
    from scipy import stats

    rng = np.random.default_rng(7)
    n = 400
    common = rng.normal(size=n)
    x = np.column_stack([common + rng.normal(size=n), 0.6 * common + rng.normal(size=n), rng.normal(size=n),
                         0.9 * common + 0.3 * rng.normal(size=n)])
    y = 1.0 * x[:, 0] + 0.5 * x[:, 1] - 0.4 * x[:, 2] + 0 * x[:, 3] + rng.normal(scale=1.5, size=n)
    frame = pd.DataFrame(x, columns=["a", "b", "c", "d"]).assign(y=y)
    prepared = prepared_from(frame, {c: "touchpoint" for c in "abcd"}, scale=(-100, 100))
    drivers = key_drivers(prepared, outcome="y").set_index("touchpoint").loc[list("abcd")]

    expected = johnson_by_svd(x, y)
    assert drivers["importance"].to_numpy() == pytest.approx(expected, abs=1e-9)
    assert drivers["importance"].sum() == pytest.approx(r_squared(x, y), abs=1e-9)
    # d has no effect of its own but is correlated with a: it still gets a share of R²
    assert drivers.loc["d", "importance"] > 0.01

    # standardised betas and their t tests equal the raw-scale OLS with intercept
    design = np.column_stack([np.ones(n), x])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    residual = y - design @ coef
    sigma2 = residual @ residual / (n - 4 - 1)
    se = np.sqrt(sigma2 * np.diag(np.linalg.inv(design.T @ design)))
    t = coef / se
    p_values = 2 * stats.t.sf(np.abs(t[1:]), n - 4 - 1)
    standardised = coef[1:] * x.std(axis=0, ddof=1) / y.std(ddof=1)
    assert drivers["beta"].to_numpy() == pytest.approx(standardised, rel=1e-9)
    assert drivers["p_value"].to_numpy() == pytest.approx(p_values, rel=1e-6)
    assert drivers.loc["c", "beta"] < 0


def test_listwise_deletion_and_rarely_answered_touchpoints_are_dropped():
    rng = np.random.default_rng(3)
    n = 300
    frame = pd.DataFrame({f"t{i}": rng.integers(1, 6, size=n).astype(float) for i in range(1, 5)})
    frame["overall"] = (frame["t1"] + frame["t2"] + rng.integers(0, 3, size=n)).clip(0, 10)
    frame.loc[frame.index[:40], "t1"] = np.nan             # 40 N/A answers
    frame.loc[frame.index[100:], "t4"] = np.nan           # t4 answered by a third
    roles = {"t1": "touchpoint", "t2": "touchpoint", "t3": "touchpoint", "t4": "touchpoint", "overall": "nps"}
    prepared = prepared_from(frame, roles, scale=(1, 5))
    drivers = key_drivers(prepared)
    assert set(drivers["touchpoint"]) == {"t1", "t2", "t3"}
    assert list(drivers.attrs["dropped"]) == ["t4"]
    assert drivers.attrs["dropped"]["t4"].text() == "answered by 33% of respondents"
    assert (drivers["n"] == n - 40).all()
    assert drivers.attrs["outcome"] == "overall"
    # performance uses every valid answer of the touchpoint, scaled 1..5 -> 0..1
    t1 = drivers.set_index("touchpoint").loc["t1", "performance"]
    assert t1 == pytest.approx((frame["t1"].mean() - 1) / 4)


def test_reverse_scored_touchpoint_is_flipped():
    rng = np.random.default_rng(4)
    n = 200
    good = rng.integers(1, 6, size=n).astype(float)
    effort = rng.integers(1, 6, size=n).astype(float)      # 1 = no effort (best), 5 = a lot
    frame = pd.DataFrame({"good": good, "effort": effort, "other": rng.integers(1, 6, size=n).astype(float)})
    frame["csat"] = np.clip(np.round(good - effort + 3 + rng.normal(scale=0.5, size=n)), 1, 5)
    roles = {"good": "touchpoint", "effort": "touchpoint", "other": "touchpoint", "csat": "csat"}
    drivers = key_drivers(prepared_from(frame, roles, reverse=("effort",))).set_index("touchpoint")
    assert drivers.loc["effort", "beta"] > 0           # less effort, more satisfied
    assert drivers.loc["effort", "performance"] == pytest.approx(1 - (effort.mean() - 1) / 4)


def test_outcome_choice_nps_then_csat_then_satisfied_flag():
    rng = np.random.default_rng(5)
    n = 120
    frame = pd.DataFrame({"t1": rng.integers(1, 6, size=n), "t2": rng.integers(1, 6, size=n)}).astype(float)
    frame["recommend"] = rng.integers(0, 11, size=n).astype(float)
    frame["csat"] = rng.integers(1, 6, size=n).astype(float)
    frame["satisfaction"] = np.where(frame["t1"] + rng.normal(size=n) > 3, "satisfied", "neutral or dissatisfied")
    roles = {"t1": "touchpoint", "t2": "touchpoint", "recommend": "nps", "csat": "csat", "satisfaction": "outcome"}
    assert key_drivers(prepared_from(frame, roles)).attrs["outcome"] == "recommend"
    assert key_drivers(prepared_from(frame.drop(columns="recommend"), roles)).attrs["outcome"] == "csat"
    flag_only = prepared_from(frame.drop(columns=["recommend", "csat"]), roles)
    by_flag = key_drivers(flag_only)
    assert by_flag.attrs["outcome_label"] == "Satisfaction"
    # the flag is used as 1/0: the same as a numeric 0/1 outcome column
    numeric = frame[["t1", "t2"]].assign(flag=(frame["satisfaction"] == "satisfied").astype(float))
    by_number = key_drivers(prepared_from(numeric, roles), outcome="flag")
    assert by_flag["importance"].to_numpy() == pytest.approx(by_number["importance"].to_numpy(), abs=1e-12)
    # naming a column overrides the default choice
    assert key_drivers(prepared_from(frame, roles), outcome="csat").attrs["outcome"] == "csat"


def one_sentence(err: pytest.ExceptionInfo) -> str:
    message = str(err.value)
    assert "\n" not in message and message.endswith(".")
    return message


def test_clear_errors():
    rng = np.random.default_rng(6)
    frame = pd.DataFrame({"t1": rng.integers(1, 6, size=100), "t2": rng.integers(1, 6, size=100),
                          "csat": rng.integers(1, 6, size=100)}).astype(float)
    with pytest.raises(InputError) as err:
        key_drivers(prepared_from(frame, {"t1": "touchpoint", "t2": "touchpoint"}))
    assert "outcome" in one_sentence(err)
    with pytest.raises(InputError) as err:
        key_drivers(prepared_from(frame, {"t1": "touchpoint", "csat": "csat"}))
    assert "at least two touchpoint" in one_sentence(err)
    few = frame.head(40).copy()
    few.loc[few.index[:15], "t2"] = np.nan                  # 25 complete rows left, t2 still answered by 62%
    with pytest.raises(InputError) as err:
        key_drivers(prepared_from(few, {"t1": "touchpoint", "t2": "touchpoint", "csat": "csat"}))
    assert "found 25" in one_sentence(err)
    with pytest.raises(InputError) as err:
        key_drivers(prepared_from(frame, {"t1": "touchpoint", "t2": "touchpoint", "csat": "csat"}), outcome="nope")
    assert "'nope'" in one_sentence(err)


def test_quadrants_follow_the_medians_and_sentences(uncorrelated):
    _, prepared = uncorrelated
    drivers = key_drivers(prepared, outcome="y")
    important = drivers["importance"] > drivers["importance"].median()
    weak = drivers["performance"] < drivers["performance"].median()
    expected = np.select([important & weak, important, weak], ["fix_first", "strengths", "low_priority"], "maintain")
    assert drivers["quadrant"].tolist() == expected.tolist()
    sentences = [message.text() for message in explain_drivers(drivers)]
    assert len(sentences) == 1 + len(drivers)
    assert f"R² = {drivers.attrs['r2']:.2f}" in sentences[0] and "linear probability" not in sentences[0]
    assert sentences[1].startswith(f"'X1': {drivers['share'].iloc[0]:.0f}% of the explained variance")
    assert explain_drivers(drivers)[0].text("zh").startswith(f"{len(drivers)} 个触点共解释了")


def test_a_negative_driver_says_so_and_is_never_fixed_first():
    """A touchpoint whose better ratings go with a worse outcome has a positive share of R² but a negative sign."""
    rng = np.random.default_rng(9)
    n = 600
    frame = pd.DataFrame({f"t{i}": rng.integers(1, 6, size=n).astype(float) for i in range(1, 5)})
    frame["noise"] = rng.integers(1, 3, size=n).astype(float)            # low performance, strongly negative
    outcome = frame["t1"] + frame["t2"] + 0.5 * frame["t3"] - 3 * frame["noise"] + rng.normal(0, 1, n)
    frame["overall"] = np.clip(np.round((outcome - outcome.min()) / (outcome.max() - outcome.min()) * 10), 0, 10)
    roles = {c: "touchpoint" for c in ("t1", "t2", "t3", "t4", "noise")} | {"overall": "nps"}
    drivers = key_drivers(prepared_from(frame, roles, scale=(1, 5))).set_index("touchpoint")
    reference = LinearRegression().fit(frame[["t1", "t2", "t3", "t4", "noise"]], frame["overall"])
    assert reference.coef_[4] < 0 and drivers.loc["noise", "beta"] < 0
    assert drivers.loc["noise", "direction"] == "negative" and drivers.loc["noise", "quadrant"] == "negative"
    assert drivers.loc["noise", "importance"] > drivers["importance"].median()   # important...
    assert drivers.loc["noise", "performance"] < drivers["performance"].median()  # ...and weak: yet not "fix first"
    assert drivers.loc["noise", "r"] == pytest.approx(np.corrcoef(frame["noise"], frame["overall"])[0, 1])
    words = [m.text() for m in explain_drivers(key_drivers(prepared_from(frame, roles, scale=(1, 5))))]
    assert any(w.startswith("'Noise'") and "a negative driver: higher ratings go with a lower 'Overall'" in w
               for w in words)


def test_a_yes_no_outcome_is_named_a_linear_probability_model(airline):
    _, prepared = airline
    drivers = key_drivers(prepared)
    assert drivers.attrs["binary"]
    assert "linear probability model" in explain_drivers(drivers)[0].text()
    assert (drivers["p_value"] > 0).all()   # never 0.0, however small


def test_works_on_130k_rows():
    """The size of the full airline survey (its speed is measured by bench/, not here)."""
    rng = np.random.default_rng(8)
    n, k = 130_000, 14
    latent = rng.normal(size=n)
    ratings = np.clip(np.round(3 + latent[:, None] + rng.normal(size=(n, k))), 1, 5)
    ratings[rng.random(size=(n, k)) < 0.02] = np.nan
    frame = pd.DataFrame(ratings, columns=[f"touchpoint {i}" for i in range(k)])
    frame["satisfaction"] = np.where(latent + rng.normal(size=n) > 0, "satisfied", "dissatisfied")
    roles = {column: "touchpoint" for column in frame.columns[:k]} | {"satisfaction": "outcome"}
    prepared = prepared_from(frame, roles)
    drivers = key_drivers(prepared)
    assert len(drivers) == k and drivers["importance"].sum() == pytest.approx(drivers.attrs["r2"], abs=1e-9)


@pytest.fixture(scope="module")
def airline(shared_data, prepared_file):
    path = shared_data / AIRLINE
    return pd.read_csv(path), prepared_file(path)


def test_airline_top_drivers_agree_with_logistic_regression(airline):
    from sklearn.linear_model import LinearRegression, LogisticRegression

    raw, prepared = airline
    touchpoints = raw.columns[7:21].tolist()
    assert prepared.columns("touchpoint") == touchpoints
    ratings = raw[touchpoints].replace(0, np.nan)             # 0 = not applicable
    complete = ratings.notna().all(axis=1)
    x = ratings[complete].to_numpy()
    y = (raw.loc[complete, "satisfaction"] == "satisfied").to_numpy(dtype=float)
    z = (x - x.mean(axis=0)) / x.std(axis=0)
    reference = LogisticRegression(max_iter=2000).fit(z, y)
    by_coefficient = [touchpoints[i] for i in np.argsort(-np.abs(reference.coef_[0]))]

    drivers = key_drivers(prepared)
    ranking = drivers["touchpoint"].tolist()
    assert drivers.attrs["outcome"] == "satisfaction" and drivers.attrs["n"] == complete.sum() == 4584
    assert ranking[0] == by_coefficient[0] == "Online boarding"
    # The two rankings weigh correlated ratings differently (a logistic coefficient is a partial
    # effect, a relative weight a share of R²), so only the strongest drivers agree:
    # top-3 sets share two touchpoints, top-4 sets share three.
    assert len(set(ranking[:3]) & set(by_coefficient[:3])) >= 2
    assert len(set(ranking[:4]) & set(by_coefficient[:4])) >= 3
    assert drivers.attrs["r2"] == pytest.approx(LinearRegression().fit(x, y).score(x, y), abs=1e-9)
    assert drivers["performance"].between(0, 1).all()
    wifi = drivers.set_index("touchpoint").loc["Inflight wifi service"]
    assert wifi["performance"] == pytest.approx((ratings["Inflight wifi service"].mean() - 1) / 4)
