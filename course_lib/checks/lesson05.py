"""Checkers for the exercises of notebook 05_cnn_classification (numpy only: no TensorFlow import)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from . import Result, check_choice, check_number, exercise

EXERCISE_FILTERS = (8, 16)
EXERCISE_DENSE_UNITS = 32
ADAMW_W0, ADAMW_LR, ADAMW_WD, ADAMW_STEPS = 0.8, 0.01, 0.05, 200


def cnn_kernel_count(filters: Sequence[int] = EXERCISE_FILTERS, dense_units: int = EXERCISE_DENSE_UNITS,
                     *, size: int = 28, channels: int = 1, n_classes: int = 10) -> int:
    """Number of kernel weights (biases excluded) of build_cnn: [Conv3×3 valid → MaxPool 2]×k → Dense → Dense."""
    count, side, depth = 0, size, channels
    for n_filters in filters:
        count += 3 * 3 * depth * n_filters
        side, depth = (side - 2) // 2, n_filters
    flat = side * side * depth
    return count + flat * dense_units + dense_units * n_classes


@exercise
def exercise_1(answer: Any) -> Result:
    """How many weights does an L2 kernel penalty act on in build_cnn(filters=(8, 16), dense_units=32)?"""
    return check_number(answer, cnn_kernel_count(),
                        hint="Count kernels only, layer by layer, and follow the image size through the valid "
                             "3×3 convolutions and the 2×2 poolings. Biases are not penalized, so "
                             "model.count_params() is too large.",
                        explicit="A 3×3 conv kernel has 3·3·in_channels·filters weights, a Dense kernel "
                                 "inputs·units; the image goes 28 → conv 26 → pool 13 → conv 11 → pool 5, so the "
                                 "first Dense layer has 5·5·16 inputs.")


@exercise
def exercise_2(answer: Any) -> Result:
    """A weight after ADAMW_STEPS steps of AdamW with zero gradient."""
    expected = ADAMW_W0 * (1 - ADAMW_LR * ADAMW_WD) ** ADAMW_STEPS
    return check_number(answer, expected,
                        hint="With a zero gradient only the decay acts. Look at the update rule of Keras's "
                             "decoupled weight decay in section 6: what is multiplied by what, at each step?",
                        explicit="Each step multiplies the weight by (1 − learning_rate · weight_decay), and the "
                                 "factor compounds over the steps: w0 · (1 − lr·wd)^steps.")


# Exercise 3: test cross-entropy of two methods on the same 5 seeds (entry i: seed i).
METHOD_A = np.array([0.230, 0.245, 0.215, 0.260, 0.225])
METHOD_B = np.array([0.221, 0.238, 0.204, 0.252, 0.214])


def paired_upper_bound(a=METHOD_A, b=METHOD_B, confidence: float = 0.95) -> float:
    """Upper end of the paired t interval of mean(b − a), std with ddof = 1."""
    from scipy import stats

    d = np.asarray(b, dtype=float) - np.asarray(a, dtype=float)
    t = stats.t.ppf(0.5 + confidence / 2, df=len(d) - 1)
    return float(d.mean() + t * d.std(ddof=1) / np.sqrt(len(d)))


@exercise
def exercise_3(answer: Any) -> Result:
    """Upper end of the paired 95 % t interval of METHOD_B − METHOD_A."""
    return check_number(answer, paired_upper_bound(),
                        hint="Pair the seeds first: one difference d_i = B_i − A_i per seed. The interval is "
                             "about the mean of these differences, and its width comes from their spread.",
                        explicit="d = B − A; mean(d) + t · std(d, ddof=1) / √n with n = 5 and "
                                 "t = scipy.stats.t.ppf(0.975, n − 1) ≈ 2.776. It is below 0, so the difference "
                                 "is established although the unpaired ranges overlap.")


# Exercise 4: the λ values offered, and those for which the weight with small data gradients keeps at
# least half of its value after 300 steps of Adam + L2 in section 6's demo (tests/test_checks.py
# recomputes this set with Keras).
DEMO_LAMS = (0.5, 0.05, 0.005, 0.0005, 0.00005)
DEMO_KEEPS_HALF = {0.00005}


@exercise
def exercise_4(answer: Any) -> Result:
    """Which λ let the small-gradient weight keep half its value under Adam + L2 (section 6's demo)."""
    return check_choice(answer, DEMO_KEEPS_HALF,
                        hint="Run the demo cell with each λ and look at the second weight. Only values "
                             f"from {list(DEMO_LAMS)} count.",
                        explicit="Adam divides the whole gradient by its own size, so a penalty's pull is only "
                                 "weak when 2λw is small next to the data gradient (0.001 here). Multiplying "
                                 "all of a weight's gradients by 1,000 changes nothing under Adam: the weight "
                                 "with gradients of 0.001 behaves like the other with a 1,000 times larger λ.")
