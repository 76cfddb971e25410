"""Checkers for the exercises of notebook 05_autoencoder_mnist."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..autoencoders import activity_l1_penalty, reconstruction_mse
from ..i18n import gettext as _
from . import (
    Result,
    check_count,
    check_function,
    check_number,
    check_numbers,
    exercise,
    read_only,
)

# A batch of 4 ReLU codes with 6 units each (exercise 3): the checker computes from the private copy.
_CODES = read_only([[0.0, 1.5, 0.0, 0.25, 2.0, 0.0],
                    [0.5, 0.0, 0.0, 1.0, 0.0, 0.0],
                    [0.0, 3.0, 0.75, 0.0, 0.0, 0.5],
                    [0.0, 0.0, 0.0, 2.0, 1.25, 0.0]])
EXERCISE_CODES = read_only(_CODES)
RESCALE_CODE, RESCALE_DECODER = 0.25, 4.0  # exercise 4


@exercise
def exercise_1(answer: Any) -> Result:
    """Numbers the source's encoder (no Flatten, encoding_dim=16) outputs for one (32, 32, 3) image."""
    return check_count(answer, 32 * 32 * 16,
                       hint=_("Section 1 shows what the source's encoder does to a (28, 28, 1) digit. A Dense "
                              "layer acts on one axis of its input only: which one, and what happens to the "
                              "others?"),
                       explicit=_("Dense layers act on the last axis only: without Flatten, each of the 32 × 32 "
                                  "pixels gets its own encoding_dim = 16 numbers (its 3 colour values become 16): "
                                  "32 · 32 · 16."),
                       mistakes={16: _("that is what a model that flattens the image first would output."),
                                 32 * 32 * 3 * 16: _("a Dense layer replaces the last axis (the 3 colours) by 16 "
                                                     "numbers; it does not keep it beside them.")})


def _per_digit_mse(x, x_hat):
    return reconstruction_mse(x, x_hat, per_sample=True)


@exercise
def exercise_2(func: Any) -> Result:
    """A learner's per_digit_mse(x, x_hat) -> one MSE per image, shape (N,)."""
    rng = np.random.default_rng(4)
    cases = [(rng.uniform(size=(3, 28, 28)), rng.uniform(size=(3, 28, 28))),
             (rng.uniform(size=(2, 4, 4)), np.zeros((2, 4, 4))),
             (np.ones((1, 5, 5)), np.ones((1, 5, 5))),
             # the source's layout (N, 28, 28, 1): an answer that averages over axes (1, 2) only fails here
             (rng.uniform(size=(2, 28, 28, 1)), rng.uniform(size=(2, 28, 28, 1)))]
    return check_function(func, _per_digit_mse, cases,
                          hint=_("One number per image: average the squared differences over every axis except "
                                 "the first, whatever the number of axes."),
                          explicit=_("Reshape each image to a row before averaging: "
                                     "((x - x_hat) ** 2).reshape(len(x), -1).mean(axis=1)."))


@exercise
def exercise_3(answer: Any) -> Result:
    """The value keras.regularizers.L1(0.01), as an activity regularizer, adds for EXERCISE_CODES."""
    return check_number(answer, activity_l1_penalty(_CODES, 0.01),
                        hint=_("Section 7 shows what Keras does with an activity penalty that it does not do with "
                               "a kernel penalty."),
                        explicit=_("L1(0.01) sums |z| over the whole batch and multiplies by 0.01, and Keras then "
                                   "divides an activity penalty by the batch size (here 4 codes)."))


@exercise
def exercise_4(answer: Any) -> Result:
    """(penalty factor, reconstruction factor) when the code layer is scaled by 0.25 and the decoder by 4."""
    return check_numbers(answer, (RESCALE_CODE, RESCALE_CODE * RESCALE_DECODER),
                         hint=_("ReLU(a·u) = a·ReLU(u) for a > 0: what happens to each code value z, and then to "
                                "what the decoder's first layer computes from it?"),
                         explicit=_("z becomes 0.25·z, so Σ|z| and the penalty are multiplied by 0.25; "
                                    "the decoder's first layer computes (4V)(0.25 z) = V z, so the reconstruction "
                                    "does not change (factor 1)."),
                         praise=_("The penalty can be lowered without changing a single reconstruction: that is "
                                  "the loophole. A unit-norm constraint on the decoder's first kernel blocks this "
                                  "path, but not the one through a deeper ReLU layer (section 7)."))
