"""Checkers for the exercises of notebook 02_l2_l1_objectives."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..data import make_sparse_regression
from ..norms import soft_threshold
from ..objectives import lasso_lambda_max
from . import check_choice, check_function, check_number

EXERCISE_X, EXERCISE_Y, _ = make_sparse_regression(30, 8, 3, noise=0.5, seed=2)
SEED_LAM, SEED_M = 6.0, 150  # exercise 2: the seed's λ and the number of samples
SOLVERS = {"subgradient descent", "ISTA", "FISTA", "coordinate descent"}


def exercise_1(answer: Any) -> bool | None:
    """λ_max (the seed's convention) of EXERCISE_X, EXERCISE_Y."""
    return check_number(answer, lasso_lambda_max(EXERCISE_X, EXERCISE_Y),
                        hint="w = 0 is optimal when every |Xᵀy|ⱼ/m ≤ λ/(2m): λ_max = 2·max|Xᵀy|. "
                             "No division by m, and do not forget the factor 2.")


def exercise_2(answer: Any) -> bool | None:
    """sklearn Lasso alpha giving the seed's solution for SEED_LAM and SEED_M samples."""
    return check_number(answer, SEED_LAM / (2 * SEED_M),
                        hint="sklearn's Lasso minimises 1/(2m)·‖y − Xw‖² + alpha·‖w‖₁; the seed's "
                             "penalty is λ/(2m)·‖w‖₁. Match the two penalty terms.")


def _ista_step(w, X, y, lam, step):
    m = len(y)
    return soft_threshold(w - step * X.T @ (X @ w - y) / m, step * lam / (2 * m))


def exercise_3(func: Any) -> bool | None:
    """A learner's ista_step(w, X, y, lam, step)."""
    rng = np.random.default_rng(3)
    X, y = EXERCISE_X, EXERCISE_Y
    cases = [(np.zeros(8), X, y, 20.0, 0.02), (rng.normal(size=8), X, y, 5.0, 0.01),
             (rng.normal(size=8), X, y, 0.0, 0.02), (rng.normal(size=8), X[:10], y[:10], 50.0, 0.05)]
    return check_function(func, _ista_step, cases,
                          hint="Take a gradient step on the data term, gradient Xᵀ(Xw − y)/m, then "
                               "soft-threshold with step · λ/(2m) (the penalty's weight times the step).")


def exercise_4(answer: Any) -> bool | None:
    """Which solvers return exact zeros for the lasso."""
    return check_choice(answer, {"ISTA", "FISTA", "coordinate descent"},
                        hint=f"Choose among {sorted(SOLVERS)}. A method gives exact zeros when its "
                             "update ends with a soft-thresholding (a proximal step).")
