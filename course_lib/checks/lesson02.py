"""Checkers for the exercises of notebook 02_l2_l1_objectives (numpy and scikit-learn only)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..data import make_sparse_regression
from ..i18n import gettext as _
from ..i18n import gettext_format as _f
from ..norms import soft_threshold
from ..objectives import lasso_fista, lasso_lambda_max
from . import (
    Result,
    as_real_number,
    check_function,
    check_number,
    exercise,
    feedback,
    not_attempted,
    read_only,
    run_learner_code,
    wrong,
)

# The checkers compute from private copies; the public arrays are read-only copies for the learner to use.
_X, _Y = make_sparse_regression(30, 8, 3, noise=0.5, seed=2)[:2]
# y negated: the entry of Xᵀy largest in size is then negative, so forgetting np.abs in exercise 1
# gives a wrong λ_max (66.2 instead of 127.7) instead of passing by luck. The lasso's support, which
# exercise 4 asks about, does not change when y changes sign.
_X, _Y = read_only(_X), read_only(-_Y)
EXERCISE_X, EXERCISE_Y = read_only(_X), read_only(_Y)
SEED_LAM, SEED_M = 6.0, 150  # exercise 2: the source's λ and the number of samples
TARGET_NONZEROS = 3  # exercise 4: the number of non-zero weights asked for
_SOLVE_LIMIT_S = 5.0  # exercise 4: the lasso at the learner's λ takes well under a second


@exercise
def exercise_1(answer: Any) -> Result:
    """λ_max (the source's convention) of EXERCISE_X, EXERCISE_Y."""
    return check_number(answer, lasso_lambda_max(_X, _Y),
                        hint=_("w = 0 is the solution when the data term's gradient at w = 0 fits inside the "
                               "range of the penalty's subgradients there. Write both with the source's 1/(2m) "
                               "factors and see which factors cancel."),
                        explicit=_("At w = 0 the data term's gradient is −Xᵀy/m and the penalty allows any vector "
                                   "with entries in λ/(2m)·[−1, 1], so λ_max = 2·max|Xᵀy|: "
                                   "2 * np.max(np.abs(X.T @ y)), with no division by m."))


@exercise
def exercise_2(answer: Any) -> Result:
    """sklearn Lasso alpha giving the source's solution for SEED_LAM and SEED_M samples."""
    return check_number(answer, SEED_LAM / (2 * SEED_M),
                        hint=_("Write sklearn's Lasso objective next to the source's (appendix A). Their data "
                               "terms are already the same, so only the penalty terms have to match."),
                        explicit=_("sklearn's Lasso minimises 1/(2m)·‖y − Xw‖² + alpha·‖w‖₁ and the source's "
                                   "penalty is λ/(2m)·‖w‖₁, so alpha = λ/(2m) = 6 / (2 · 150)."))


def _ista_step(w, X, y, lam, step):
    m = len(y)
    return soft_threshold(w - step * X.T @ (X @ w - y) / m, step * lam / (2 * m))


@exercise
def exercise_3(func: Any) -> Result:
    """A learner's ista_step(w, X, y, lam, step)."""
    rng = np.random.default_rng(3)
    X, y = _X, _Y  # check_function hands the learner's function deep copies
    cases = [(np.zeros(8), X, y, 20.0, 0.02), (rng.normal(size=8), X, y, 5.0, 0.01),
             (rng.normal(size=8), X, y, 0.0, 0.02), (rng.normal(size=8), X[:10], y[:10], 50.0, 0.05)]
    return check_function(func, _ista_step, cases,
                          hint=_("One ISTA step has two parts: a gradient step of length `step` on the data term "
                                 "only, then the proximal operator of the penalty. How large is the penalty's "
                                 "weight in the source's J, and how does the step length scale it?"),
                          explicit=_("v = w − step · Xᵀ(Xw − y)/m, then soft_threshold(v, step · λ/(2m)) with "
                                     "m = len(y)."))


def lasso_nonzeros(lam: float) -> int:
    """Number of non-zero weights of the source's lasso on the exercise data at lam (FISTA, tight tolerance)."""
    return int(np.count_nonzero(lasso_fista(_X, _Y, lam, tol=1e-12, max_iter=20_000, restart=True).coef))


@exercise
def exercise_4(answer: Any) -> Result:
    """A λ at which the lasso on EXERCISE_X, EXERCISE_Y has exactly TARGET_NONZEROS non-zero weights."""
    hint = _("λ_max (exercise 1) gives 0 non-zeros and λ near 0 gives all 8. Solve the lasso at a few λ in "
             "between and count np.count_nonzero(coef); move λ in the direction that brings the count to 3.")
    explicit = _("The count grows as λ falls. Try λ = 100, 50, 25, 12 with lasso_fista(EXERCISE_X, EXERCISE_Y, "
                 "lam).coef: the third feature enters a little below λ ≈ 59 and the fourth near λ ≈ 17, so any λ "
                 "between them works.")
    if not_attempted(answer):
        return Result("not attempted")
    lam, problem = as_real_number(answer)
    if lam is None:
        return wrong(problem, hint, explicit)
    if lam < 0:
        return wrong(_f("λ = {lam:g} is negative; a penalty strength is ≥ 0.", lam=lam), hint, explicit)
    solved = run_learner_code(lasso_nonzeros, lam, limit=_SOLVE_LIMIT_S)  # our code, but guarded all the same
    if not solved.ok:  # should not happen for a finite λ ≥ 0; report rather than raise or hang
        why = _("it took too long") if solved.timed_out else type(solved.error).__name__
        return wrong(_f("The lasso could not be solved at λ = {lam:g} ({why}).", lam=lam, why=why), hint, explicit)
    count = solved.value
    if count == TARGET_NONZEROS:
        return feedback(True, _f("Correct: at λ = {lam:g} the lasso has exactly {count} non-zero weights.",
                                 lam=lam, count=count))
    if count == 1:
        found = _f("At λ = {lam:g} the lasso has 1 non-zero weight, not {target}.", lam=lam,
                   target=TARGET_NONZEROS)
    else:
        found = _f("At λ = {lam:g} the lasso has {count} non-zero weights, not {target}.",
                   lam=lam, count=count, target=TARGET_NONZEROS)
    return wrong(found, hint, explicit)
