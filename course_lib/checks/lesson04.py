"""Checkers for the exercises of notebook 04_penalties_and_gradients (numpy only: no TensorFlow import)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..i18n import gettext as _
from . import Result, check_number, exercise


@exercise
def exercise_1(answer: Any) -> Result:
    """Norm of g₂ = (0, 0, 12) after global_clipnorm=1, with g₁ = (3, 4)."""
    global_norm = float(np.sqrt(3**2 + 4**2 + 12**2))
    return check_number(answer, 12 / global_norm,
                        hint=_("global_clipnorm does not look at g₂ alone: it scales every gradient by one "
                               "common factor, chosen from the norm of all of them together."),
                        explicit=_("The factor is τ / ‖g‖ with ‖g‖ = √(3² + 4² + 12²) = 13, so the clipped g₂ "
                                   "has norm 12 / 13."))


# Exercise 2: Adam + L1 plateau; n kernel weights, n0 of them within one Adam step of zero.
PLATEAU_C, PLATEAU_N, PLATEAU_N0 = 0.02, 2000, 1500


@exercise
def exercise_2(answer: Any) -> Result:
    """Global gradient norm at the L1 plateau under Adam: about c·√n0."""
    # "About": the lesson checks c·√n0 against training only to 5 %, so 5 % is right here too
    return check_number(answer, PLATEAU_C * np.sqrt(PLATEAU_N0), rtol=0.05,
                        hint=_("Which weights still contribute to the gradient at the end, and how much does "
                               "each contribute? The settled weights' two gradients cancel. Norms of "
                               "independent parts add in squares, not linearly."),
                        explicit=_("Each weight jittering around 0 adds c·sign(w), of size c; the settled ones "
                                   "add about 0. So ‖g‖ ≈ √(n0 · c²) = c·√n0 = 0.02·√1500, not c·√2000 "
                                   "(all weights) and not c·1500."))


# Exercise 3: plain SGD on c·w² alone multiplies w by (1 − 2ηc) per step.
SGD_LEARNING_RATE = 0.05


@exercise
def exercise_3(answer: Any) -> Result:
    """The largest c for which SGD(η) on c·w² alone never flips the weight's sign: 1 / (2η)."""
    return check_number(answer, 1 / (2 * SGD_LEARNING_RATE),
                        hint=_("One step of SGD on c·w² computes w − η·2c·w = (1 − 2ηc)·w. For which c is that "
                               "factor still ≥ 0?"),
                        explicit=_("The factor 1 − 2ηc must stay ≥ 0, so c ≤ 1 / (2η) = 1 / 0.1 = 10. At c = 10 "
                                   "one step lands exactly on 0; above it w flips sign, and above 20 it also "
                                   "grows."))
