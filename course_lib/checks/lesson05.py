"""Checkers for the exercises of notebook 05_cnn_classification (numpy only: no TensorFlow import)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from . import check_choice, check_function, check_number

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


def reference_cross_entropy(probs, labels) -> float:
    """Mean over samples of −log(probability given to the true class)."""
    probs, labels = np.asarray(probs, dtype=float), np.asarray(labels)
    return float(-np.mean(np.log(probs[np.arange(len(labels)), labels])))


def exercise_1(answer: Any) -> bool | None:
    """How many weights does an L2 kernel penalty act on in build_cnn(filters=(8, 16), dense_units=32)?"""
    return check_number(answer, cnn_kernel_count(),
                        hint="Count kernels only: a 3×3 conv kernel has 3·3·in_channels·filters weights, a "
                             "Dense kernel inputs·units (28 → conv 26 → pool 13 → conv 11 → pool 5). Biases "
                             "are not penalized, so model.count_params() is too large.")


def exercise_2(answer: Any) -> bool | None:
    """A weight after ADAMW_STEPS steps of AdamW with zero gradient."""
    expected = ADAMW_W0 * (1 - ADAMW_LR * ADAMW_WD) ** ADAMW_STEPS
    return check_number(answer, expected, rtol=1e-4,
                        hint="Each step multiplies the weight by (1 − learning_rate · weight_decay): Keras's "
                             "decay is decoupled and scaled by the learning rate, and it compounds.")


def exercise_3(func: Any) -> bool | None:
    """A learner's cross_entropy(probs, labels)."""
    rng = np.random.default_rng(5)
    cases = []
    for n in (1, 4, 50):
        logits = rng.normal(size=(n, 10))
        probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
        cases.append((probs, rng.integers(0, 10, size=n)))
    cases.append((np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]]), np.array([1, 2])))
    return check_function(func, reference_cross_entropy, cases,
                          hint="Take the probability of the *true* label in each row, "
                               "probs[np.arange(len(labels)), labels], then the mean of −log of it.")


def exercise_4(answer: Any) -> bool | None:
    """Which variables does keras.optimizers.AdamW(weight_decay=...) decay by default?"""
    return check_choice(answer, {"kernels", "biases"},
                        hint="Unlike kernel_regularizer, the optimizer's weight_decay applies to every "
                             "trainable variable unless exclude_from_weight_decay(...) is called: look at "
                             "the computed check in section 6.")
