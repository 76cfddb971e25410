"""Checkers for the exercises of notebook 07_image_restoration (numpy and scikit-image only)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..i18n import gettext as _
from ..i18n import gettext_format as _f
from ..restoration import add_gaussian_noise, soft_threshold_sure, total_variation
from . import (
    Result,
    check_choice,
    check_function,
    check_number,
    check_numbers,
    exercise,
    read_only,
)

_IMAGE = read_only([[0.0, 0.0, 1.0],
                    [0.0, 1.0, 1.0],
                    [0.5, 1.0, 1.0]])
EXERCISE_IMAGE = read_only(_IMAGE)
EXERCISE_LAM = 3.0  # exercise 2
TV_LAMS = (0.02, 0.05, 0.1, 0.2)  # exercise 4
# The λ with the smallest Monte-Carlo SURE on exercise_image() (150 Chambolle–Pock steps, probe seed 1, σ from
# skimage's estimate_sigma); tests/test_restoration.py recomputes it.
TV_SURE_CHOICE = 0.1


def exercise_image() -> np.ndarray:
    """scikit-image's `text` image in [0, 1] with Gaussian noise σ = 0.1 (seed 0), not clipped."""
    from skimage import data

    return add_gaussian_noise(data.text().astype(float) / 255, 0.1, seed=0)


@exercise
def exercise_1(answer: Any) -> Result:
    """Total variation of EXERCISE_IMAGE."""
    return check_number(answer, total_variation(_IMAGE),
                        hint=_("Go pixel by pixel: take the difference to the pixel below and to the pixel on the "
                               "right (0 on the last row and column), then add up the lengths √(d₁² + d₂²)."),
                        explicit=_("Each pixel contributes √(d₁² + d₂²) with d₁ = u[i+1, j] − u[i, j] and "
                                   "d₂ = u[i, j+1] − u[i, j]; for example the top-left pixel contributes 0, the "
                                   "top-middle √(1² + 1²). Sum all nine."))


@exercise
def exercise_2(answer: Any) -> Result:
    """(factor on the mean for Tikhonov, factor for the pixel L2 penalty) at λ = EXERCISE_LAM."""
    return check_numbers(answer, (1.0, 1.0 / (1.0 + EXERCISE_LAM)),
                         hint=_("The mean is the image's component along the constant image, the DCT coefficient "
                                "k = l = 0. Each DCT coefficient is divided by 1 + λ·(its eigenvalue); the pixel "
                                "penalty divides everything by the same number."),
                         explicit=_f("Tikhonov divides the k = l = 0 coefficient by 1 + λ·0 = 1: the mean is "
                                     "kept (factor 1). f/(1 + λ) multiplies the mean by 1/(1 + {lam:g}).",
                                     lam=EXERCISE_LAM),
                         praise=_("A penalty on the gradient ignores the mean brightness; a penalty on the pixels "
                                  "darkens the whole image."))


def _soft_sure(y, t, sigma):
    return soft_threshold_sure(y, t, sigma)


@exercise
def exercise_3(func: Any) -> Result:
    """A learner's soft_sure(y, t, sigma)."""
    rng = np.random.default_rng(6)
    cases = [(rng.normal(size=50), 0.5, 1.0), (np.array([0.1, -2.0, 0.3, 5.0]), 0.25, 0.2),
             (rng.normal(scale=0.1, size=(8, 8)), 0.0, 0.1), (rng.normal(size=20), 10.0, 0.5)]
    return check_function(func, _soft_sure, cases,
                          hint=_("Three terms, all from the noisy coefficients: N·σ², a term for how many "
                                 "coefficients the threshold sets to zero, and ‖soft(y, t) − y‖², the squared "
                                 "size of what thresholding removed: each coefficient moves by min(|y|, t)."),
                          explicit=_("N·σ² − 2σ²·#{|y| ≤ t} + Σ min(y², t²): "
                                     "y.size * sigma**2 - 2 * sigma**2 * np.sum(np.abs(y) <= t) "
                                     "+ np.sum(np.minimum(y**2, t**2))."))


@exercise
def exercise_4(answer: Any) -> Result:
    """The λ in TV_LAMS with the smallest Monte-Carlo SURE on exercise_image()."""
    return check_choice(answer, {TV_SURE_CHOICE},
                        hint=_f("Loop over {values}: sigma = estimate_sigma(f), then "
                                "rs.tv_sure(f, lam, sigma)[0] for each λ, and take the smallest. The clean image "
                                "is not needed.", values=list(TV_LAMS)),
                        explicit=_("SURE's curve has its minimum at the λ that balances removed noise against "
                                   "removed detail: compute the four values and pick the smallest (with "
                                   "iterations=150 and seed=0, the defaults of rs.tv_sure)."))
