"""Reference solutions of notebook 08_inverse_problems (used by tests/test_checks.py)."""

import numpy as np

exercise_1 = (256 * 256, 1)  # λ → 0: every eigenvalue → 1; λ → ∞: only frequency 0 is kept (k̂(0) = 1)

exercise_2 = (0.0, 1.0, 0.0)  # ‖(1 − t, t, 1 − t)‖₁ = 2|1 − t| + |t| is smallest at t = 1


def exercise_3(z, theta):
    z = np.asarray(z, dtype=float)
    return np.maximum(z - theta, 0) - np.maximum(-z - theta, 0)


# Typical wrong answers, each of which the checker must reject.
WRONG = {
    "exercise_1": (256 * 256, 0),  # forgot that the mean survives any λ
    "exercise_2": (1 / 3, 2 / 3, 1 / 3),  # the minimum-norm L2 solution
    "exercise_3": lambda z, theta: np.maximum(np.asarray(z, dtype=float) - theta, 0),  # only the positive side
}
