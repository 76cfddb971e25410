"""Checkers for the exercises of notebook 01_norms."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..norms import lp_norm, matrix_norm, soft_threshold
from ..penalties import l2_penalty
from . import check_choice, check_function, check_number

EXERCISE_VECTOR = np.array([0.5, -2.0, 0.0, 1.5, -0.5, 0.0])
EXERCISE_MATRIX = np.array([[1.0, -2.0, 0.0], [0.5, 1.0, -1.0]])


def exercise_1(answer: Any) -> bool | None:
    """‖v‖₁ of EXERCISE_VECTOR."""
    return check_number(answer, lp_norm(EXERCISE_VECTOR, 1),
                        hint="L1 is the sum of the absolute values, not the largest one.")


def exercise_2(answer: Any) -> bool | None:
    """Which of p in {0.5, 1, 2, inf} have a non-convex unit ball."""
    return check_choice(answer, {0.5},
                        hint="A ball is convex when the segment between two of its points stays "
                             "inside. Look at the unit-ball figure: which shape is pinched?")


def exercise_3(answer: Any) -> bool | None:
    """l2_penalty(EXERCISE_MATRIX, 0.01) computed from the Frobenius norm."""
    expected = 0.01 * matrix_norm(EXERCISE_MATRIX, "fro") ** 2
    assert np.isclose(expected, l2_penalty(EXERCISE_MATRIX, 0.01))
    return check_number(answer, expected,
                        hint="Keras's L2(lam) adds lam · Σw², which is lam times the *square* of "
                             "the Frobenius norm.")


def exercise_4(func: Any) -> bool | None:
    """A learner's soft_threshold(x, t)."""
    rng = np.random.default_rng(1)
    cases = [(np.array([-3.0, -1.0, -0.2, 0.0, 0.2, 1.0, 3.0]), 0.5),
             (rng.normal(size=20), 1.0), (np.array([2.0, -2.0]), 0.0),
             (np.array([0.7, -0.7]), 0.7)]
    return check_function(func, soft_threshold, cases,
                          hint="Shrink every entry towards 0 by t; entries with |x| <= t become "
                               "exactly 0: np.sign(x) * np.maximum(np.abs(x) - t, 0).")
