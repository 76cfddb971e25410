"""Reference solutions of notebook 03_mlp_regularization (used by tests/test_checks.py)."""

import numpy as np


def exercise_1(weights, c):
    return c * sum(np.sum(np.square(w)) for w in weights)


exercise_2 = 2 * 0.01 * 0.5  # d/dw (c·w²) = 2c·w = 0.01
exercise_3 = 12 / 13  # every gradient scaled by τ / ‖g‖ = 1 / 13
exercise_4 = 3.0 / 150  # c = λ / m = 0.02


# Typical wrong answers, each of which the checker must reject.
WRONG = {
    # the source's reduce_mean: the mean over all entries instead of the sum
    "exercise_1": lambda weights, c: c * np.mean(np.concatenate([np.ravel(w) for w in weights]) ** 2),
    "exercise_2": 0.01 * 0.5,  # c·w: the derivative of (c/2)·w², the ½ convention Keras does not use
    "exercise_3": 1.0,  # what clipnorm=1 gives: each variable clipped on its own
    "exercise_4": 3.0 / (2 * 150),  # λ/(2m): forgets that Keras's MSE has no ½
}
