"""Pearson's chi-square test of a groups × answers table, with a Monte Carlo exact p-value for small tables.

Shared by the funnel (converted or not, per group) and Compare across many groups (a share's yes/no,
NPS's promoters, passives and detractors). :func:`monte_carlo_p` draws tables with the observed margins
under independence: the answers are dealt out to the groups at random, one answer category after the other
(each a multivariate hypergeometric draw from what the groups have left), which is the permutation
distribution of the group labels, and p = (drawn tables with a statistic at least the observed one + 1) /
(draws + 1), as R's ``chisq.test(simulate.p.value = TRUE)`` computes it.
"""
from __future__ import annotations

import numpy as np


def pearson(observed: np.ndarray) -> tuple[float, int, np.ndarray]:
    """Pearson's chi-square statistic (no continuity correction), its degrees of freedom and the expected counts.

    ``observed`` is a rows × columns table of counts whose every row and column total is above 0.
    """
    observed = np.asarray(observed, dtype=float)
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / observed.sum()
    statistic = float(((observed - expected) ** 2 / expected).sum())
    return statistic, (observed.shape[0] - 1) * (observed.shape[1] - 1), expected


def chi_square_p(statistic: float, dof: int) -> float:
    """The upper-tail p-value of a chi-square statistic."""
    from scipy.special import chdtrc  # not scipy.stats, which takes over a second to import

    return float(chdtrc(dof, statistic))


def monte_carlo_p(observed: np.ndarray, expected: np.ndarray, statistic: float, draws: int, seed: int) -> float:
    """Monte Carlo exact p-value of the chi-square ``statistic`` of the integer table ``observed`` (see the module
    docstring); ``draws`` tables from a generator seeded with ``seed``, so the same table gives the same p."""
    rng = np.random.default_rng(seed)
    rows = np.asarray(observed, dtype=np.int64).sum(axis=1)
    columns = np.asarray(observed, dtype=np.int64).sum(axis=0)
    threshold = statistic - 1e-9 * max(1.0, statistic)  # equal statistics count as extreme despite rounding
    block = max(1, 2_000_000 // observed.size)  # bounded memory for many groups
    extreme, drawn = 0, 0
    while drawn < draws:
        size = min(block, draws - drawn)
        extreme += int((_simulated_statistics(rng, rows, columns, expected, size) >= threshold).sum())
        drawn += size
    return (extreme + 1) / (draws + 1)


def _simulated_statistics(rng: np.random.Generator, rows: np.ndarray, columns: np.ndarray, expected: np.ndarray,
                          size: int) -> np.ndarray:
    """Chi-square statistics of ``size`` tables with margins ``rows`` and ``columns`` drawn under independence:
    each answer category in turn is dealt to the groups from what they have left, a group at a time (the count
    a group gets is hypergeometric: its places left among all the places left)."""
    left = np.tile(rows, (size, 1))
    statistics = np.zeros(size)
    for column, total in enumerate(columns):
        counts = left if column == len(columns) - 1 else np.zeros_like(left)
        if column < len(columns) - 1:
            need = np.full(size, total)
            places = left.sum(axis=1)
            for row in range(len(rows)):
                places = places - left[:, row]
                counts[:, row] = need if row == len(rows) - 1 else rng.hypergeometric(left[:, row], places, need)
                need = need - counts[:, row]
            left = left - counts
        statistics += ((counts - expected[:, column]) ** 2 / expected[:, column]).sum(axis=1)
    return statistics
