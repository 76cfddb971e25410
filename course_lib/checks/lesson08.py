"""Checkers for the exercises of notebook 08_inverse_problems (numpy only)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..i18n import gettext as _
from ..i18n import gettext_format as _f
from ..norms import soft_threshold
from . import Result, check_function, check_numbers, exercise, read_only

N_PIXELS = 256 * 256  # exercise 1: the lesson's image size
BP_MATRIX = read_only([[1.0, 1.0, 0.0],
                       [0.0, 1.0, 1.0]])  # exercise 2
BP_MEASUREMENTS = read_only([1.0, 1.0])


@exercise
def exercise_1(answer: Any) -> Result:
    """(tr A as λ → 0, tr A as λ → ∞) for Tikhonov deblurring with the gradient prior, N = N_PIXELS."""
    return check_numbers(answer, (float(N_PIXELS), 1.0),
                         hint=_("A's eigenvalue at frequency ω is |ĥ(ω)|² / (|ĥ(ω)|² + λ·|Γ̂(ω)|²). Let λ go to 0: "
                                "what is each eigenvalue when ĥ(ω) ≠ 0? Let λ grow: which frequency has "
                                "|Γ̂(ω)| = 0, and what is |ĥ| there for a kernel that sums to 1?"),
                         explicit=_f("At λ → 0 every eigenvalue tends to 1: tr A → N = {pixels}. As λ → ∞ they "
                                     "tend to 0 except at ω = 0, where the gradient of a constant image is 0 and "
                                     "ĥ(0) = 1: tr A → 1.", pixels=N_PIXELS),
                         praise=_("GCV's denominator (N − tr A)² runs from 0 (fit everything, noise included) to "
                                  "(N − 1)² (keep only the mean): the effective number of parameters."))


@exercise
def exercise_2(answer: Any) -> Result:
    """Basis pursuit on BP_MATRIX, BP_MEASUREMENTS: the three entries of the solution."""
    return check_numbers(answer, (0.0, 1.0, 0.0),
                         hint=_("Every solution of x₁ + x₂ = 1, x₂ + x₃ = 1 is (1 − t, t, 1 − t). Write ‖x‖₁ as a "
                                "function of t and find its minimum (draw it for t between −1 and 2)."),
                         explicit=_("‖x‖₁ = 2|1 − t| + |t|, smallest at t = 1: x = (0, 1, 0), with ‖x‖₁ = 1. The "
                                    "minimum-norm L2 solution is t = 2/3: (1/3, 2/3, 1/3), ‖x‖₁ = 4/3, and no "
                                    "zero."),
                         praise=_("The L1 solution uses one column; the L2 solution spreads over all three."))


def _soft(z, theta):
    return soft_threshold(np.asarray(z, dtype=float), theta)


@exercise
def exercise_3(func: Any) -> Result:
    """A learner's soft(z, theta) built from two ReLUs."""
    rng = np.random.default_rng(8)
    cases = [(np.array([-2.0, -0.5, 0.0, 0.3, 1.5]), 0.5), (rng.normal(size=(4, 6)), 0.2),
             (np.array([0.1, -0.1]), 0.0), (rng.normal(size=10), 5.0)]
    return check_function(func, _soft, cases,
                          hint=_("relu(z − θ) is z − θ where z > θ and 0 elsewhere: the positive side of the soft "
                                 "threshold. Which ReLU gives the negative side, −(−z − θ) where z < −θ?"),
                          explicit=_("np.maximum(z - theta, 0) - np.maximum(-z - theta, 0)"))

