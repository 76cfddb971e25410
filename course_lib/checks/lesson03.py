"""Checkers for the exercises of notebook 03_mlp_regularization."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..penalties import keras_coefficient, l2_penalty
from . import check_function, check_number


def exercise_1(func: Any) -> bool | None:
    """A learner's l2_sum(weights, c): c · Σ w² over a list of differently shaped arrays."""
    rng = np.random.default_rng(3)
    mlp_shapes = [(10, 64), (64,), (64, 1), (1,)]  # the lesson's MLP: kernels and biases
    cases = [([rng.normal(size=shape) for shape in mlp_shapes], 0.01),
             ([np.array([[1.0, -2.0], [0.5, 0.0]]), np.array([3.0])], 0.1),
             ([rng.normal(size=(3, 3, 1, 8)), rng.normal(size=5)], 1.0)]
    return check_function(func, l2_penalty, cases, rtol=1e-6,
                          hint="Square and sum each array on its own, add the sums, then multiply by c: "
                               "c * sum(np.sum(w ** 2) for w in weights). A mean, or stacking the list "
                               "into one array, is what went wrong in the source.")


def exercise_2(answer: Any) -> bool | None:
    """What L2(0.01) adds to the gradient of a weight w = 0.5."""
    return check_number(answer, 2 * 0.01 * 0.5,
                        hint="Keras's L2(c) adds c·w² (no ½), and the derivative of c·w² is 2c·w.")


def exercise_3(answer: Any) -> bool | None:
    """Norm of g₂ = (0, 0, 12) after global_clipnorm=1, with g₁ = (3, 4)."""
    global_norm = float(np.sqrt(3**2 + 4**2 + 12**2))
    return check_number(answer, 12 / global_norm,
                        hint="global_clipnorm rescales all gradients by the same factor τ / ‖g‖, where "
                             "‖g‖ is the norm of all of them together: √(3² + 4² + 12²) = 13.")


def exercise_4(answer: Any) -> bool | None:
    """The Keras coefficient for the source's λ/(2m) penalty, λ = 3, m = 150."""
    return check_number(answer, keras_coefficient(3.0, 150),
                        hint="J(θ) = MSE/2 + λ/(2m)·Σθ². Multiply J by 2: MSE + (λ/m)·Σθ². "
                             "So c = λ/m, not λ/(2m).")
