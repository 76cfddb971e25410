"""Reference solutions of notebook 04_penalties_and_gradients (used by tests/test_checks.py)."""

import numpy as np

exercise_1 = 12 / 13  # every gradient scaled by τ / ‖g‖ = 1 / 13
exercise_2 = 0.02 * np.sqrt(1500)  # c·√n0 ≈ 0.775: only the weights jittering around 0 contribute
exercise_3 = 1 / (2 * 0.05)  # the step factor 1 − 2ηc must stay ≥ 0: c ≤ 10


# Typical wrong answers, each of which the checker must reject.
WRONG = {
    "exercise_1": 1.0,  # what clipnorm=1 gives: each variable clipped on its own
    "exercise_2": 0.02 * np.sqrt(2000),  # c·√n over all kernel weights
    "exercise_3": 1 / 0.05,  # 2ηc < 2, the limit for growth, not for a sign flip
}
