"""Checkers for the exercises of notebook 06_cnn_classification (numpy only: no TensorFlow import)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..i18n import gettext as _
from ..i18n import gettext_format as _f
from . import Result, check_choice, check_count, check_number, exercise, read_only

EXERCISE_FILTERS = (8, 16)
EXERCISE_DENSE_UNITS = 32
ADAMW_W0, ADAMW_LR, ADAMW_WD, ADAMW_STEPS = 0.8, 0.01, 0.05, 200


def cnn_kernel_count(filters: Sequence[int] = EXERCISE_FILTERS, dense_units: int = EXERCISE_DENSE_UNITS,
                     *, size: int = 28, channels: int = 1, n_classes: int = 10) -> int:
    """Number of kernel weights (biases excluded) of build_cnn: [Conv3×3 valid → MaxPool 2]×k → Dense → Dense.

    Raises ValueError for an architecture that cannot exist (the image shrinks below one pixel).
    """
    from .._validate import integer, positive_int

    if isinstance(filters, (str, bytes)) or not isinstance(filters, (Sequence, np.ndarray)):
        raise ValueError(f"filters must be a sequence of positive integers, got {type(filters).__name__}")
    filters = [positive_int(f, "filters", high=100_000) for f in filters]
    dense_units = positive_int(dense_units, "dense_units", high=100_000)
    size, channels = positive_int(size, "size", high=100_000), positive_int(channels, "channels", high=100_000)
    n_classes = integer(n_classes, "n_classes", low=1, high=100_000)
    count, side, depth = 0, size, channels
    for n_filters in filters:
        count += 3 * 3 * depth * n_filters
        side, depth = (side - 2) // 2, n_filters
        if side < 1:
            raise ValueError(f"filters {tuple(filters)} are too many for size {size}: the image shrinks below "
                             "one pixel (each block: a valid 3×3 convolution, then 2×2 pooling)")
    flat = side * side * depth
    return count + flat * dense_units + dense_units * n_classes


@exercise
def exercise_1(answer: Any) -> Result:
    """How many weights does an L2 kernel penalty act on in build_cnn(filters=(8, 16), dense_units=32)?"""
    biases = sum(EXERCISE_FILTERS) + EXERCISE_DENSE_UNITS + 10  # one per filter and per unit
    return check_count(answer, cnn_kernel_count(),
                       hint=_("Count kernels only, layer by layer, and follow the image size through the valid "
                              "3×3 convolutions and the 2×2 poolings. Biases are not penalized, so "
                              "model.count_params() is too large."),
                       explicit=_("A 3×3 conv kernel has 3·3·in_channels·filters weights, a Dense kernel "
                                  "inputs·units; the image goes 28 → conv 26 → pool 13 → conv 11 → pool 5, so the "
                                  "first Dense layer has 5·5·16 inputs."),
                       mistakes={cnn_kernel_count() + biases:
                                 _f("that is model.count_params(), which also counts the {biases} biases. "
                                    "An L2 kernel penalty does not act on biases.", biases=biases)})


@exercise
def exercise_2(answer: Any) -> Result:
    """A weight after ADAMW_STEPS steps of AdamW with zero gradient."""
    expected = ADAMW_W0 * (1 - ADAMW_LR * ADAMW_WD) ** ADAMW_STEPS
    return check_number(answer, expected,
                        hint=_("With a zero gradient only the decay acts. Look at the update rule of Keras's "
                               "decoupled weight decay in section 6: what is multiplied by what, at each step?"),
                        explicit=_("Each step multiplies the weight by (1 − learning_rate · weight_decay), and "
                                   "the factor compounds over the steps: w0 · (1 − lr·wd)^steps."))


# Exercise 3: test cross-entropy of two methods on the same 5 seeds (entry i: seed i).
# The checker computes from the private copies; the public arrays are read-only copies.
_A = read_only([0.230, 0.245, 0.215, 0.260, 0.225])
_B = read_only([0.221, 0.238, 0.204, 0.252, 0.214])
METHOD_A, METHOD_B = read_only(_A), read_only(_B)


def paired_upper_bound(a=None, b=None, confidence: float = 0.95) -> float:
    """Upper end of the paired t interval of mean(b − a), std with ddof = 1 (the exercise's data by default)."""
    from ..stats import paired

    return paired(_B if b is None else b, _A if a is None else a, confidence).high


@exercise
def exercise_3(answer: Any) -> Result:
    """Upper end of the paired 95 % t interval of METHOD_B − METHOD_A."""
    return check_number(answer, paired_upper_bound(),
                        hint=_("Pair the seeds first: one difference d_i = B_i − A_i per seed. The interval is "
                               "about the mean of these differences, and its width comes from their spread."),
                        explicit=_("d = B − A; mean(d) + t · std(d, ddof=1) / √n with n = 5 and "
                                   "t = scipy.stats.t.ppf(0.975, n − 1) ≈ 2.776. It is below 0, so the difference "
                                   "is established although the unpaired ranges overlap."))


# Exercise 4: the values of c offered, and those for which the weight with small data gradients keeps at
# least half of its value after 300 steps of Adam + L2 in section 6's demo (tests/test_checks.py
# recomputes this set with Keras).
DEMO_LAMS = (0.5, 0.05, 0.005, 0.0005, 0.00005)
DEMO_KEEPS_HALF = frozenset({0.00005})


@exercise
def exercise_4(answer: Any) -> Result:
    """Which c let the small-gradient weight keep half its value under Adam + L2 (section 6's demo)."""
    return check_choice(answer, DEMO_KEEPS_HALF,
                        hint=_f("Call trajectory(keras.optimizers.Adam(LR_DEMO), c=c) for each c and look at "
                                "the second weight, [-1, 1]. Only values from {values} count.",
                                values=list(DEMO_LAMS)),
                        explicit=_("Adam divides the whole gradient by its own size, so a penalty's pull is only "
                                   "weak when 2cw is small next to the data gradient (0.001 here). Multiplying "
                                   "all of a weight's gradients by 1,000 changes nothing under Adam: the weight "
                                   "with gradients of 0.001 behaves like the other with a 1,000 times larger c."))
