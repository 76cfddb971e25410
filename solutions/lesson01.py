"""Reference solutions of notebook 01_norms (used by tests/test_checks.py)."""

import numpy as np

exercise_1 = 0.5 + 2.0 + 0.0 + 1.5 + 0.5 + 0.0  # Σ|vᵢ| = 4.5
# The axis points (1, 0), (0, 1) tilted a little: ‖a + b‖_½ = 4·1.1 = 4.4 > 2·(1 + √0.1)² ≈ 3.46.
exercise_2 = ((1.0, 0.1), (0.1, 1.0))
exercise_3 = 0.01 * (1.0 + 4.0 + 0.0 + 0.25 + 1.0 + 1.0)  # lam · ‖W‖_F² = 0.0725


def exercise_4(x, t):
    return np.sign(x) * np.maximum(np.abs(x) - t, 0.0)


# Typical wrong answers, each of which the checker must reject.
WRONG = {
    "exercise_1": 2.0,  # the largest |vᵢ|: the source's mistaken "L1"
    "exercise_2": ((1.0, 2.0), (2.0, 4.0)),  # parallel vectors: equality, not a violation
    "exercise_3": 0.01 * np.sqrt(7.25),  # lam · ‖W‖_F (forgot the square)
    "exercise_4": lambda x, t: np.where(np.abs(x) > t, x, 0.0),  # hard thresholding
}
