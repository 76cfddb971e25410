"""Checkers for the exercises of notebook 03_mlp_regularization (numpy only: no TensorFlow import)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..i18n import gettext as _
from ..norms import soft_threshold
from ..penalties import l2_penalty
from . import Result, check_function, exercise


@exercise
def exercise_1(func: Any) -> Result:
    """A learner's l2_sum(weights, c): c · Σ w² over a list of differently shaped arrays."""
    rng = np.random.default_rng(3)
    mlp_shapes = [(10, 64), (64, 1)]  # the kernels of the lesson's MLP (never the biases)
    cases = [([rng.normal(size=shape) for shape in mlp_shapes], 0.01),
             ([np.array([[1.0, -2.0], [0.5, 0.0]]), np.array([3.0])], 0.1),
             ([rng.normal(size=(3, 3, 1, 8)), rng.normal(size=5)], 1.0)]
    return check_function(func, l2_penalty, cases, rtol=1e-6,
                          hint=_("Handle each array on its own (the arrays cannot be stacked into one), and use "
                                 "the formula's sum, not a mean: the source made both mistakes."),
                          explicit=_("Square and sum each array, add the sums, then multiply by c: "
                                     "c * sum(np.sum(w ** 2) for w in weights)."))


def prox_reference(w, g, lr, c):
    """One proximal gradient (ISTA) step: a gradient step on the data loss, then soft-thresholding by lr·c."""
    from .._validate import array, nonnegative

    w, g = array(w, "w"), array(g, "g")
    if w.shape != g.shape:
        raise ValueError(f"w and g must have the same shape, got {w.shape} and {g.shape}")
    lr, c = nonnegative(lr, "lr"), nonnegative(c, "c")
    with np.errstate(over="ignore"):
        step = w - lr * g
    if not np.all(np.isfinite(step)) or not np.isfinite(lr * c):
        raise ValueError("w, g, lr and c: the step overflows float64; use smaller values")
    return soft_threshold(step, lr * c)


@exercise
def exercise_2(func: Any) -> Result:
    """A learner's prox_step(w, g, lr, c): one step of the proximal loop on a kernel."""
    cases = [(np.array([0.05, 0.001, -0.004, 0.3]), np.array([0.1, 0.005, -0.02, -1.0]), 0.1, 0.02),
             (np.array([[0.002, -0.5], [0.0, 0.01]]), np.array([[0.03, 0.2], [0.001, -0.4]]), 0.1, 0.05),
             (np.array([1.0, -1.0, 0.0]), np.zeros(3), 0.5, 0.1)]
    return check_function(func, prox_reference, cases, atol=1e-12, rtol=1e-9,
                          hint=_("Two moves, in this order: a gradient step on the data loss alone, then the "
                                 "proximal step of the L1 term, which moves every entry towards 0 by a fixed "
                                 "amount and stops at 0 (it never crosses it). How large is that amount for "
                                 "one step of learning rate lr?"),
                          explicit=_("w_half = w - lr * g, then soft-thresholding with threshold lr * c: "
                                     "np.sign(w_half) * np.maximum(np.abs(w_half) - lr * c, 0) "
                                     "(course_lib.norms.soft_threshold(w - lr * g, lr * c))."))
