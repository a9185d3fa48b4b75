"""Personas: segment respondents or customers on the features an analyst picks, choose k, describe each group.

:mod:`~analysis.personas.features` picks and prepares the features, :mod:`~analysis.personas.model`
clusters them (k-means, Gaussian mixture, agglomerative, k-modes), :mod:`~analysis.personas.choose_k`
compares k = 2..10 and recommends one, and :mod:`~analysis.personas.cards` says what sets each group
apart, only where the difference is significant and large enough to matter.
"""
