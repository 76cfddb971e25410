"""Checkers for the exercises of notebook 01_norms (numpy only)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..i18n import gettext as _
from ..i18n import gettext_format as _f
from ..norms import lp_norm, matrix_norm, soft_threshold
from ..penalties import l2_penalty
from . import (
    Result,
    as_real_array,
    check_function,
    check_number,
    exercise,
    feedback,
    not_attempted,
    read_only,
    wrong,
)

# The checkers compute from private copies; the public arrays are read-only copies for the learner to look at.
_VECTOR = read_only([0.5, -2.0, 0.0, 1.5, -0.5, 0.0])
_MATRIX = read_only([[1.0, -2.0, 0.0], [0.5, 1.0, -1.0]])
EXERCISE_VECTOR = read_only(_VECTOR)
EXERCISE_MATRIX = read_only(_MATRIX)


@exercise
def exercise_1(answer: Any) -> Result:
    """‖v‖₁ of EXERCISE_VECTOR."""
    return check_number(answer, lp_norm(_VECTOR, 1),
                        hint=_("L1 is not the largest entry (that is L∞): every entry of v counts, "
                               "and a negative entry counts by its size."),
                        explicit=_("‖v‖₁ = Σ|vᵢ| = |0.5| + |−2| + |0| + |1.5| + |−0.5| + |0|."))


@exercise
def exercise_2(answer: Any) -> Result:
    """A pair (a, b) of 2-D vectors, all four entries non-zero, with ‖a + b‖_½ > ‖a‖_½ + ‖b‖_½."""
    hint = _("The p = ½ ball is pinched between the axes (section 2). Pick a and b with "
             "‖·‖_½ = 1 near two different axes and compare ‖a + b‖_½ with 2.")
    explicit = _("Start from the lesson's a = (1, 0), b = (0, 1), whose zeros are not allowed, and replace "
                 "each 0 by a small number ε: a = (1, ε), b = (ε, 1). Compute both sides for one ε, then "
                 "let ε shrink: what do the two sides tend to? Two vectors pointing the same way never "
                 "work: then ‖a + b‖_½ = ‖a‖_½ + ‖b‖_½ exactly.")
    if not_attempted(answer):
        return Result("not attempted")
    pair, problem = as_real_array(answer, (2, 2))
    if pair is None:
        return wrong(_f("Expected a pair (a, b) of two 2-D vectors of real numbers, e.g. ((1.0, 2.0), "
                        "(3.0, 4.0)); {problem}.", problem=problem), hint, explicit)
    a, b = pair
    if np.any(a == 0) or np.any(b == 0):
        return wrong(_("All four entries must be non-zero (the lesson's (1, 0), (0, 1) has zeros)."),
                     hint, explicit)
    # Both sides are homogeneous of degree 1: compare the pair divided by its largest entry (no overflow).
    scale = float(max(np.abs(a).max(), np.abs(b).max()))
    a_n, b_n = a / scale, b / scale
    with np.errstate(all="ignore"):
        left_n, right_n = lp_norm(a_n + b_n, 0.5), lp_norm(a_n, 0.5) + lp_norm(b_n, 0.5)
        left, right = left_n * scale, right_n * scale  # for the message only (may print inf for huge entries)
    if left_n > right_n * (1 + 1e-9):
        return feedback(True, _f("Correct: ‖a + b‖_½ = {left:.4g} > ‖a‖_½ + ‖b‖_½ = {right:.4g}.",
                                 left=left, right=right))
    return wrong(_f("‖a + b‖_½ = {left:.4g} is not larger than ‖a‖_½ + ‖b‖_½ = {right:.4g}.",
                    left=left, right=right), hint, explicit)


@exercise
def exercise_3(answer: Any) -> Result:
    """l2_penalty(EXERCISE_MATRIX, 0.01) computed from the Frobenius norm."""
    expected = 0.01 * matrix_norm(_MATRIX, "fro") ** 2
    assert np.isclose(expected, l2_penalty(_MATRIX, 0.01))
    return check_number(answer, expected,
                        hint=_("Keras's L2(lam) adds lam times a sum over all the matrix's entries. "
                               "Which power of the entries, and which power of the Frobenius norm, is that sum?"),
                        explicit=_("L2(lam) adds lam · Σ W_ij² = lam · ‖W‖_F²: square the Frobenius norm, "
                                   "0.01 * matrix_norm(W, 'fro') ** 2."))


@exercise
def exercise_4(func: Any) -> Result:
    """A learner's soft_threshold(x, t)."""
    rng = np.random.default_rng(1)
    cases = [(np.array([-3.0, -1.0, -0.2, 0.0, 0.2, 1.0, 3.0]), 0.5),
             (rng.normal(size=20), 1.0), (np.array([2.0, -2.0]), 0.0),
             (np.array([0.7, -0.7]), 0.7)]
    return check_function(func, soft_threshold, cases,
                          hint=_("Every entry moves towards 0 by t, but none may cross 0. Which entries end at "
                                 "exactly 0, and what sign do the others keep? numpy's sign, abs and maximum "
                                 "help."),
                          explicit=_("soft(x, t) = sign(x) · max(|x| − t, 0), elementwise: "
                                     "np.sign(x) * np.maximum(np.abs(x) - t, 0)."))
