"""Reference solutions of notebook 02_l2_l1_objectives (used by tests/test_checks.py)."""

import numpy as np

from course_lib.checks.lesson02 import EXERCISE_X, EXERCISE_Y, SEED_LAM, SEED_M
from course_lib.norms import soft_threshold

exercise_1 = 2 * np.max(np.abs(EXERCISE_X.T @ EXERCISE_Y))
exercise_2 = SEED_LAM / (2 * SEED_M)  # 0.02


def exercise_3(w, X, y, lam, step):
    m = len(y)
    return soft_threshold(w - step * X.T @ (X @ w - y) / m, step * lam / (2 * m))


# The lasso path of the exercise data has exactly 3 non-zero weights for λ between about 16.7 and 59.3
# (sklearn.linear_model.lars_path(EXERCISE_X, EXERCISE_Y, method="lasso"): knots 2m·alpha); 30 is well inside.
exercise_4 = 30.0

# Typical wrong answers, each of which the checker must reject.
WRONG = {
    "exercise_1": np.max(np.abs(EXERCISE_X.T @ EXERCISE_Y)) / len(EXERCISE_Y),  # sklearn's alpha_max
    "exercise_2": SEED_LAM,  # the source's λ copied as alpha
    "exercise_3": lambda w, X, y, lam, step: soft_threshold(w - step * X.T @ (X @ w - y) / len(y), lam),
    "exercise_4": 100.0,  # too strong: only 1 feature is left
}
