"""Reference solutions of notebook 03_mlp_regularization (used by tests/test_checks.py)."""

import numpy as np


def exercise_1(weights, c):
    return c * sum(np.sum(np.square(w)) for w in weights)


def exercise_2(w, g, lr, c):
    w_half = w - lr * g  # gradient step on the data loss
    return np.sign(w_half) * np.maximum(np.abs(w_half) - lr * c, 0.0)  # soft-thresholding by lr·c




# Typical wrong answers, each of which the checker must reject.
WRONG = {
    # the source's reduce_mean: the mean over all entries instead of the sum
    "exercise_1": lambda weights, c: c * np.mean(np.concatenate([np.ravel(w) for w in weights]) ** 2),
    # a subgradient step: crosses zero instead of stopping at it, and never gives an exact zero
    "exercise_2": lambda w, g, lr, c: w - lr * (g + c * np.sign(w)),
}
