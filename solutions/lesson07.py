"""Reference solutions of notebook 07_image_restoration (used by tests/test_checks.py)."""

import numpy as np

from course_lib.checks.lesson07 import EXERCISE_IMAGE

_u = np.asarray(EXERCISE_IMAGE, dtype=float)
_d1 = np.zeros_like(_u)
_d1[:-1, :] = _u[1:, :] - _u[:-1, :]
_d2 = np.zeros_like(_u)
_d2[:, :-1] = _u[:, 1:] - _u[:, :-1]
exercise_1 = float(np.sum(np.sqrt(_d1**2 + _d2**2)))  # ≈ 3.032

exercise_2 = (1.0, 1 / (1 + 3.0))  # Tikhonov keeps the mean; the pixel penalty divides it by 1 + λ


def exercise_3(y, t, sigma):
    y = np.asarray(y, dtype=float)
    return y.size * sigma**2 - 2 * sigma**2 * np.sum(np.abs(y) <= t) + np.sum(np.minimum(y**2, t**2))


exercise_4 = 0.1

# Typical wrong answers, each of which the checker must reject.
WRONG = {
    "exercise_1": float(np.sum(np.abs(_d1)) + np.sum(np.abs(_d2))),  # anisotropic TV: |d1| + |d2|
    "exercise_2": (1 / (1 + 3.0), 1 / (1 + 3.0)),  # as if Tikhonov also darkened the image
    "exercise_3": lambda y, t, sigma: np.sum(np.minimum(np.asarray(y) ** 2, t**2)),  # forgot the σ terms
    "exercise_4": 0.05,
}
