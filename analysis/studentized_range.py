"""The studentized range distribution, for many pairs at once (Games-Howell's p-values and intervals).

The range of ``k`` independent standard normals divided by an independent ``sqrt(chi2_df / df)`` has

    P(Q <= q) = ∫ g_df(s) W_k(q·s) ds,   W_k(w) = k ∫ φ(z) (Φ(z) - Φ(z - w))^(k-1) dz,

where ``g_df`` is the density of ``sqrt(chi2_df / df)`` (Copenhaver & Holland 1988; R's ``ptukey``). Both
integrals are taken by Gauss-Legendre quadrature (z over [-8.5, 8.5]; s between the chi-square quantiles at
1e-13 and 1 - 1e-13, evenly in log s), vectorised over every (q, df) pair, so the dozens of pairs of a comparison across many
groups cost one array computation where ``scipy.stats.studentized_range`` integrates each on its own (about
10 ms a p-value and 150 ms a quantile). ``tests/test_kgroups.py`` checks them against scipy's: p-values to
1e-8, quantiles to 1e-7 relative (1e-6 and 1e-5 at one degree of freedom).
"""
from __future__ import annotations

import functools

import numpy as np

_Z_NODES = 96
_S_NODES = 128
_TAIL = 1e-13
_CHUNK = 2_000_000  # array cells per step, to bound memory with many pairs


@functools.cache
def _legendre_unit(count: int) -> tuple[np.ndarray, np.ndarray]:
    return np.polynomial.legendre.leggauss(count)


def _legendre(count: int, low, high) -> tuple[np.ndarray, np.ndarray]:
    """Gauss-Legendre nodes and weights over [low, high] (arrays: one row of nodes per interval)."""
    nodes, weights = _legendre_unit(count)
    low, high = np.asarray(low, dtype=float)[..., None], np.asarray(high, dtype=float)[..., None]
    half = (high - low) / 2
    return low + half * (nodes + 1), half * weights


def _range_cdf(w: np.ndarray, k: int) -> np.ndarray:
    """P(range of k standard normals <= w), elementwise."""
    from scipy.special import ndtr

    z, dz = _legendre(_Z_NODES, -8.5, 8.5)
    inside = ndtr(z) - ndtr(z - w[..., None])
    density = np.exp(-z * z / 2) / np.sqrt(2 * np.pi)
    return np.clip(k * (density * dz * inside ** (k - 1)).sum(axis=-1), 0.0, 1.0)


def _scale_nodes(df: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Quadrature nodes of s = sqrt(chi2_df / df) and their weights times its density (normalised to sum to 1);
    the nodes are spread evenly in log s, where the integrand is smooth even at small df."""
    from scipy.special import chdtri, gammaln

    low = np.log(chdtri(df, 1 - _TAIL) / df) / 2
    high = np.log(chdtri(df, _TAIL) / df) / 2
    u, du = _legendre(_S_NODES, low, high)
    nu, s = df[:, None], np.exp(u)
    log_density = np.log(2 * nu) + nu * u + (nu / 2 - 1) * np.log(nu) - nu * s * s / 2 - (nu / 2) * np.log(2) \
        - gammaln(nu / 2)
    mass = np.exp(log_density - log_density.max(axis=1, keepdims=True)) * du
    return s, mass / mass.sum(axis=1, keepdims=True)


def cdf(q, k: int, df) -> np.ndarray:
    """P(Q <= q) of the studentized range of ``k`` means on ``df`` degrees of freedom (arrays broadcast)."""
    q, df = np.broadcast_arrays(np.asarray(q, dtype=float), np.asarray(df, dtype=float))
    flat_q, flat_df = q.ravel(), df.ravel()
    result = np.empty(flat_q.shape)
    step = max(1, _CHUNK // (_S_NODES * _Z_NODES))
    for start in range(0, len(flat_q), step):
        part = slice(start, start + step)
        s, mass = _scale_nodes(flat_df[part])
        result[part] = (mass * _range_cdf(np.maximum(flat_q[part], 0.0)[:, None] * s, k)).sum(axis=1)
    return np.clip(result, 0.0, 1.0).reshape(q.shape)


def sf(q, k: int, df) -> np.ndarray:
    """P(Q > q): the p-value of a studentized range statistic ``q``."""
    return 1.0 - cdf(q, k, df)


def ppf(probability: float, k: int, df) -> np.ndarray:
    """The ``probability`` quantile (above 1/2) of the studentized range for each ``df``, found between two
    bounds: sqrt(2) times Student's t quantile of ``probability`` two-sided (the range of two means, which k >= 2
    can only exceed) and of its Bonferroni share over the k(k - 1)/2 pairs (which the range cannot exceed)."""
    from scipy.optimize import elementwise
    from scipy.special import stdtrit

    df = np.asarray(df, dtype=float)
    low = np.sqrt(2) * stdtrit(df, 1 - (1 - probability) / 2) * (1 - 1e-9)
    high = np.sqrt(2) * stdtrit(df, 1 - (1 - probability) / (k * (k - 1))) * (1 + 1e-9)
    found = elementwise.find_root(lambda q, d: cdf(q, k, d) - probability, (low, high), args=(df,),
                                  tolerances={"xatol": 1e-12, "xrtol": 1e-11})
    return found.x
