"""Reference solutions of notebook 06_cnn_classification (used by tests/test_checks.py)."""

import numpy as np
from scipy import stats

from course_lib.checks.lesson06 import METHOD_A, METHOD_B

# conv_1 3·3·1·8 + conv_2 3·3·8·16 + dense (5·5·16)·32 + probs 32·10 = 72 + 1152 + 12800 + 320
exercise_1 = 14_344
exercise_2 = 0.8 * (1 - 0.01 * 0.05) ** 200  # ≈ 0.7239

_d = METHOD_B - METHOD_A  # paired: one difference per seed
exercise_3 = _d.mean() + stats.t.ppf(0.975, len(_d) - 1) * _d.std(ddof=1) / np.sqrt(len(_d))  # ≈ −0.0070

exercise_4 = {0.00005}

# Typical wrong answers, each of which the checker must reject.
WRONG = {
    "exercise_1": 14_410,  # model.count_params(): the 66 biases are not penalized
    "exercise_2": 0.8 * (1 - 0.05) ** 200,  # forgot that Keras scales the decay by the learning rate
    # unpaired: the difference of the means plus the t half-width of B's spread alone
    "exercise_3": (METHOD_B.mean() - METHOD_A.mean()
                   + stats.t.ppf(0.975, 4) * METHOD_B.std(ddof=1) / np.sqrt(5)),
    "exercise_4": {0.0005, 0.00005},  # expects the decay to slow down in proportion to c
}
