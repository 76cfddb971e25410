"""Checkers for the exercises of notebook 04_autoencoder_mnist."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..autoencoders import activity_l1_penalty, reconstruction_mse
from . import check_function, check_number

# A batch of 4 ReLU codes with 6 units each (exercise 3).
EXERCISE_CODES = np.array([[0.0, 1.5, 0.0, 0.25, 2.0, 0.0],
                           [0.5, 0.0, 0.0, 1.0, 0.0, 0.0],
                           [0.0, 3.0, 0.75, 0.0, 0.0, 0.5],
                           [0.0, 0.0, 0.0, 2.0, 1.25, 0.0]])


def exercise_1(answer: Any) -> bool | None:
    """How many numbers the seed's encoder outputs for one (28, 28, 1) digit."""
    return check_number(answer, 28 * 28 * 128,
                        hint="Dense layers act on the last axis only: without Flatten, each of the "
                             "28 × 28 pixels gets its own encoding_dim = 128 numbers.")


def _per_digit_mse(x, x_hat):
    return reconstruction_mse(x, x_hat, per_sample=True)


def exercise_2(func: Any) -> bool | None:
    """A learner's per_digit_mse(x, x_hat) -> one MSE per image, shape (N,)."""
    rng = np.random.default_rng(4)
    cases = [(rng.uniform(size=(3, 28, 28)), rng.uniform(size=(3, 28, 28))),
             (rng.uniform(size=(2, 4, 4)), np.zeros((2, 4, 4))),
             (np.ones((1, 5, 5)), np.ones((1, 5, 5)))]
    return check_function(func, _per_digit_mse, cases,
                          hint="Average the squared differences over every axis but the first "
                               "(Keras's 'mse' averages over the last axis only): reshape each image "
                               "to a row, e.g. ((x - x_hat) ** 2).reshape(len(x), -1).mean(axis=1).")


def exercise_3(answer: Any) -> bool | None:
    """The value keras.regularizers.L1(0.01), as an activity regularizer, adds for EXERCISE_CODES."""
    return check_number(answer, activity_l1_penalty(EXERCISE_CODES, 0.01),
                        hint="L1(0.01) sums |z| over the whole batch and multiplies by 0.01, and Keras "
                             "then divides an activity penalty by the batch size (here 4 codes).")
