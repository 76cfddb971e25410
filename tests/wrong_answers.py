"""Typical wrong answers of the exercises, each of which its checker must reject (tests/test_checks.py).

``WRONG[lesson][exercise]``, e.g. ``WRONG["lesson01"]["exercise_1"]``: one per checked exercise. The
reference answers are in ``solutions/lessonNN.py``; the instructor guide's "What the exercises catch"
names these mistakes.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from course_lib.checks.lesson02 import EXERCISE_X, EXERCISE_Y, SEED_LAM
from course_lib.checks.lesson06 import METHOD_A, METHOD_B
from course_lib.checks.lesson07 import EXERCISE_IMAGE
from course_lib.norms import soft_threshold

_u = np.asarray(EXERCISE_IMAGE, dtype=float)
_d1 = np.zeros_like(_u)
_d1[:-1, :] = _u[1:, :] - _u[:-1, :]
_d2 = np.zeros_like(_u)
_d2[:, :-1] = _u[:, 1:] - _u[:, :-1]

WRONG = {
    "lesson01": {
        "exercise_1": 2.0,  # the largest |vᵢ|: the source's mistaken "L1"
        "exercise_2": ((1.0, 2.0), (2.0, 4.0)),  # parallel vectors: equality, not a violation
        "exercise_3": 0.01 * np.sqrt(7.25),  # lam · ‖W‖_F (forgot the square)
        "exercise_4": lambda x, t: np.where(np.abs(x) > t, x, 0.0),  # hard thresholding
    },
    "lesson02": {
        "exercise_1": np.max(np.abs(EXERCISE_X.T @ EXERCISE_Y)) / len(EXERCISE_Y),  # sklearn's alpha_max
        "exercise_2": SEED_LAM,  # the source's λ copied as alpha
        "exercise_3": lambda w, X, y, lam, step: soft_threshold(w - step * X.T @ (X @ w - y) / len(y), lam),
        "exercise_4": 100.0,  # too strong: only 1 feature is left
    },
    "lesson03": {
        # the source's reduce_mean: the mean over all entries instead of the sum
        "exercise_1": lambda weights, c: c * np.mean(np.concatenate([np.ravel(w) for w in weights]) ** 2),
        # a subgradient step: crosses zero instead of stopping at it, and never gives an exact zero
        "exercise_2": lambda w, g, lr, c: w - lr * (g + c * np.sign(w)),
    },
    "lesson04": {
        "exercise_1": 1.0,  # what clipnorm=1 gives: each variable clipped on its own
        "exercise_2": 0.02 * np.sqrt(2000),  # c·√n over all kernel weights
        "exercise_3": 1 / 0.05,  # 2ηc < 2, the limit for growth, not for a sign flip
    },
    "lesson05": {
        "exercise_1": 16,  # encoding_dim alone: as if the source's model had flattened the image
        "exercise_2": lambda x, x_hat: np.mean((x - x_hat) ** 2, axis=-1),  # Keras's 'mse': last axis only
        "exercise_3": 0.01 * 12.75,  # forgot that Keras divides activity penalties by the batch size
        "exercise_4": (0.25, 4.0),  # forgot that the smaller code and the larger decoder cancel
    },
    "lesson06": {
        "exercise_1": 14_410,  # model.count_params(): the 66 biases are not penalized
        "exercise_2": 0.8 * (1 - 0.05) ** 200,  # forgot that Keras scales the decay by the learning rate
        # unpaired: the difference of the means plus the t half-width of B's spread alone
        "exercise_3": (METHOD_B.mean() - METHOD_A.mean()
                       + stats.t.ppf(0.975, 4) * METHOD_B.std(ddof=1) / np.sqrt(5)),
        "exercise_4": {0.0005, 0.00005},  # expects the decay to slow down in proportion to c
    },
    "lesson07": {
        "exercise_1": float(np.sum(np.abs(_d1)) + np.sum(np.abs(_d2))),  # anisotropic TV: |d1| + |d2|
        "exercise_2": (1 / (1 + 3.0), 1 / (1 + 3.0)),  # as if Tikhonov also darkened the image
        "exercise_3": lambda y, t, sigma: np.sum(np.minimum(np.asarray(y) ** 2, t**2)),  # forgot the σ terms
        "exercise_4": 0.05,
    },
    "lesson08": {
        "exercise_1": (256 * 256, 0),  # forgot that the mean survives any λ
        "exercise_2": (1 / 3, 2 / 3, 1 / 3),  # the minimum-norm L2 solution
        "exercise_3": lambda z, theta: np.maximum(np.asarray(z, dtype=float) - theta, 0),  # only the positive side
    },
}
