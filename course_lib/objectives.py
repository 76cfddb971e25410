"""The source's ridge and lasso objectives for linear regression, and solvers for them (numpy only).

With m = len(y) samples, source 000 (§3.1–3.2) writes

    ridge:  J(w) = 1/(2m)·‖Xw − y‖² + lam/(2m)·‖w‖²
    lasso:  J(w) = 1/(2m)·‖Xw − y‖² + lam/(2m)·‖w‖₁

Both terms carry 1/m, so the minimiser depends on lam alone. In other libraries'
conventions the same minimiser is ``sklearn.linear_model.Ridge(alpha=lam)``
(summed squared loss + alpha·‖w‖²) and ``sklearn.linear_model.Lasso(alpha=lam/(2m))``
(1/(2m) loss + alpha·‖w‖₁); lesson 02 verifies both, and Keras's and d2l's.

Solvers: :func:`ridge_closed_form`, :func:`ridge_gradient_descent`,
:func:`lasso_ista`, :func:`lasso_fista` (proximal gradient: exact zeros) and
:func:`lasso_subgradient` (never exact zeros). :func:`regularization_path`
solves a grid of lam with warm starts; :func:`cross_validate` scores the grid
by K-fold cross-validation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import numpy as np
from numpy.typing import ArrayLike

from ._validate import array, choice, finite_result, flag, nonnegative, positive, positive_int
from ._validate import seed as check_seed
from .norms import soft_threshold

PENALTIES = ("ridge", "lasso")


@dataclass
class SolverResult:
    """What an iterative solver returns.

    ``objective[k]`` is J after k iterations (``objective[0]`` at the start point),
    so it holds ``n_iter + 1`` values. ``converged`` is True when the stopping
    test was met before ``max_iter``.
    """

    coef: np.ndarray
    objective: np.ndarray
    n_iter: int
    converged: bool


@dataclass
class CVResult:
    """K-fold cross-validation scores of a grid of lam (validation MSE, mean over folds).

    ``fold_mse[i, k]`` is the validation mean squared error of ``lams[i]`` on
    fold k. ``best_lam`` minimises the mean; ``lam_1se`` is the largest lam whose
    mean is within one standard error of that minimum (the "one-standard-error rule").
    """

    lams: np.ndarray
    fold_mse: np.ndarray
    mean_mse: np.ndarray = field(init=False)
    se_mse: np.ndarray = field(init=False)
    best_index: int = field(init=False)
    best_lam: float = field(init=False)
    lam_1se: float = field(init=False)

    def __post_init__(self) -> None:
        self.lams = _check_lams(self.lams)
        self.fold_mse = array(self.fold_mse, "fold_mse", ndim=2)
        if self.fold_mse.shape[0] != len(self.lams) or self.fold_mse.shape[1] == 0:
            raise ValueError(f"fold_mse must have shape (len(lams), folds) = ({len(self.lams)}, k ≥ 1), "
                             f"got {self.fold_mse.shape}")
        n_folds = self.fold_mse.shape[1]
        self.mean_mse = self.fold_mse.mean(axis=1)
        self.se_mse = self.fold_mse.std(axis=1, ddof=1) / np.sqrt(n_folds) if n_folds > 1 else (
            np.zeros(len(self.lams)))
        self.best_index = int(np.argmin(self.mean_mse))
        self.best_lam = float(self.lams[self.best_index])
        within = self.mean_mse <= self.mean_mse[self.best_index] + self.se_mse[self.best_index]
        self.lam_1se = float(self.lams[within].max())


# --------------------------------------------------------------------------- input checks


MAX_MAGNITUDE = 1e100  # larger entries are refused: their squares and products would overflow float64
MAX_ITER = 1_000_000


def _bounded(a: np.ndarray, name: str) -> np.ndarray:
    if a.size and np.abs(a).max() > MAX_MAGNITUDE:
        raise ValueError(f"{name} holds values up to {np.abs(a).max():.3g}; entries beyond ±{MAX_MAGNITUDE:g} "
                         "are refused (their squares overflow): rescale {name}")
    return a


def _check_problem(X: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    X = _bounded(array(X, "X", ndim=2), "X")
    y = _bounded(array(y, "y", ndim=1), "y")
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"X and y must have the same number of samples, got X {X.shape} and y {y.shape}")
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"X must have at least one sample and one feature, got shape {X.shape}")
    return X, y


def _check_w(w: ArrayLike, n_features: int, name: str = "w") -> np.ndarray:
    w = _bounded(array(w, name), name)
    if w.shape != (n_features,):
        raise ValueError(f"{name} must have shape ({n_features},) to match X's columns, got {w.shape}")
    return w


def _check_solver_args(max_iter: int, tol: float) -> tuple[int, float]:
    return positive_int(max_iter, "max_iter", high=MAX_ITER), nonnegative(tol, "tol")


def _check_lams(lams: ArrayLike) -> np.ndarray:
    lams = array(lams, "lams", ndim=1, min_size=1)
    if np.any(lams < 0):
        raise ValueError(f"lams must all be >= 0, got min {lams.min()}")
    return lams


def _check_penalty(penalty: str) -> str:
    return choice(penalty, "penalty", PENALTIES)


def _diverged(name: str) -> ValueError:
    return ValueError(f"the iterates diverged: {name} gives too large a step (the objective grew without "
                      f"bound); leave {name} at its default")


# --------------------------------------------------------------------------- objectives


def _data_term(w: np.ndarray, X: np.ndarray, y: np.ndarray) -> float:
    r = X @ w - y
    return float(r @ r) / (2 * len(y))


def ridge_objective(w: ArrayLike, X: ArrayLike, y: ArrayLike, lam: float) -> float:
    """The source's L2 objective 1/(2m)·‖Xw − y‖² + lam/(2m)·‖w‖², m = len(y)."""
    X, y = _check_problem(X, y)
    w = _check_w(w, X.shape[1])
    lam = nonnegative(lam, "lam")
    with np.errstate(over="ignore"):
        value = _data_term(w, X, y) + lam * float(w @ w) / (2 * len(y))
    return float(finite_result(value, "w, X, y and lam"))


def lasso_objective(w: ArrayLike, X: ArrayLike, y: ArrayLike, lam: float) -> float:
    """The source's L1 objective 1/(2m)·‖Xw − y‖² + lam/(2m)·‖w‖₁, m = len(y)."""
    X, y = _check_problem(X, y)
    w = _check_w(w, X.shape[1])
    lam = nonnegative(lam, "lam")
    with np.errstate(over="ignore"):
        value = _data_term(w, X, y) + lam * float(np.abs(w).sum()) / (2 * len(y))
    return float(finite_result(value, "w, X, y and lam"))


def lasso_lambda_max(X: ArrayLike, y: ArrayLike) -> float:
    """Smallest lam for which w = 0 minimises the lasso objective: 2·‖Xᵀy‖∞ (any lam ≥ it gives all zeros).

    Optimality of w = 0: the gradient of the data term there, −Xᵀy/m, must lie in
    lam/(2m)·[−1, 1]ⁿ, i.e. ‖Xᵀy‖∞ ≤ lam/2. (sklearn's alpha_max = ‖Xᵀy‖∞/m is the same point.)
    """
    X, y = _check_problem(X, y)
    return 2.0 * float(np.abs(X.T @ y).max())


def lipschitz_constant(X: ArrayLike) -> float:
    """L = σ_max(X)²/m, the Lipschitz constant of the data term's gradient Xᵀ(Xw − y)/m.

    σ_max² is the largest eigenvalue of the smaller Gram matrix (XᵀX or XXᵀ),
    two to three times faster than an SVD of X and as accurate for the top value.
    """
    X = _bounded(array(X, "X", ndim=2, min_size=1), "X")
    gram = X.T @ X if X.shape[1] <= X.shape[0] else X @ X.T
    return float(np.linalg.eigvalsh(gram)[-1]) / X.shape[0]


# --------------------------------------------------------------------------- ridge


def ridge_closed_form(X: ArrayLike, y: ArrayLike, lam: float) -> np.ndarray:
    """Exact ridge minimiser: w = (XᵀX + lam·I)⁻¹ Xᵀy (= sklearn Ridge(alpha=lam, fit_intercept=False)).

    Computed from the SVD X = U·diag(s)·Vᵀ as w = V·diag(s/(s² + lam))·Uᵀy, which also
    covers wide X and lam = 0: singular values below max(m, n)·eps·s_max count as 0
    (numpy.linalg.lstsq's rule), so lam = 0 gives the minimum-norm least-squares solution.
    """
    X, y = _check_problem(X, y)
    lam = nonnegative(lam, "lam")
    return _ridge_path_svd(X, y, np.array([lam]))[0]


def ridge_gradient_descent(
    X: ArrayLike, y: ArrayLike, lam: float, *, max_iter: int = 5000, tol: float = 1e-10,
    w0: ArrayLike | None = None,
) -> SolverResult:
    """Plain gradient descent on the ridge objective, step 1/L with L = (σ_max² + lam)/m.

    Gradient: Xᵀ(Xw − y)/m + (lam/m)·w. Stops when ‖gradient‖ ≤ tol·‖Xᵀy‖/m
    (relative to the gradient at w = 0).
    """
    X, y = _check_problem(X, y)
    lam = nonnegative(lam, "lam")
    max_iter, tol = _check_solver_args(max_iter, tol)
    m, n = X.shape
    w = np.zeros(n) if w0 is None else _check_w(w0, n, "w0").copy()
    curvature = lipschitz_constant(X) + lam / m
    if curvature == 0:  # X = 0 and lam = 0: the objective is constant, every w is a minimiser
        return SolverResult(w, np.array([ridge_objective(w, X, y, lam)]), 0, True)
    step = 1.0 / curvature
    threshold = tol * np.linalg.norm(X.T @ y) / m
    objective = [ridge_objective(w, X, y, lam)]
    converged = False
    for _ in range(max_iter):
        grad = X.T @ (X @ w - y) / m + (lam / m) * w
        if np.linalg.norm(grad) <= threshold:
            converged = True
            break
        w = w - step * grad
        objective.append(ridge_objective(w, X, y, lam))
    return SolverResult(w, np.array(objective), len(objective) - 1, converged)


# --------------------------------------------------------------------------- lasso


def _lasso_duality_gap(X: np.ndarray, y: np.ndarray, residual: np.ndarray, primal: float,
                       lam: float) -> float:
    """Primal − dual value of the lasso at a point with residual y − Xw (≥ the gap to the optimum).

    Dual of (1/m)·[½‖y − Xw‖² + (lam/2)·‖w‖₁]: (1/m)·[½‖y‖² − ½‖y − u‖²] over
    ‖Xᵀu‖∞ ≤ lam/2; u = residual scaled into that box is feasible.
    """
    m = len(y)
    corr = np.abs(X.T @ residual).max()
    u = residual if corr <= lam / 2 else residual * (lam / 2 / corr)
    d = y - u
    dual = (float(y @ y) - float(d @ d)) / (2 * m)
    return primal - dual


def _lasso_proximal_gradient(
    X: ArrayLike, y: ArrayLike, lam: float, *, max_iter: int, tol: float, w0: ArrayLike | None,
    lipschitz: float | None, accelerated: bool, restart: bool = False, check_every: int = 10,
) -> SolverResult:
    X, y = _check_problem(X, y)
    lam = nonnegative(lam, "lam")
    max_iter, tol = _check_solver_args(max_iter, tol)
    m, n = X.shape
    w = np.zeros(n) if w0 is None else _check_w(w0, n, "w0").copy()
    if lam >= lasso_lambda_max(X, y):
        # w = 0 is then optimal (see lasso_lambda_max): return it exactly, no rounding noise.
        w = np.zeros(n)
        return SolverResult(w, np.array([lasso_objective(w, X, y, lam)]), 0, True)
    L = lipschitz_constant(X) if lipschitz is None else positive(lipschitz, "lipschitz")
    restart = flag(restart, "restart")
    step = 1.0 / L
    threshold = step * lam / (2 * m)  # prox of step·lam/(2m)·‖·‖₁

    def value(Xw_: np.ndarray, w_: np.ndarray) -> float:
        r_ = Xw_ - y
        return float(r_ @ r_) / (2 * m) + lam * float(np.abs(w_).sum()) / (2 * m)

    Xw = X @ w
    objective = [value(Xw, w)]
    # FISTA as in Beck & Teboulle (2009), with x_k = w after k steps: y_1 = x_0, t_1 = 1;
    #   x_k = prox(y_k),  t_{k+1} = (1 + √(1 + 4·t_k²))/2,  y_{k+1} = x_k + beta_{k+1}·(x_k − x_{k−1}),
    #   beta_{k+1} = (t_k − 1)/t_{k+1}.
    # beta_2 = 0, so the first two steps carry no momentum. X·y follows from X·x by linearity.
    w_prev, Xw_prev = w, Xw
    t, beta = 1.0, 0.0  # t_k and beta_k for the coming step k = 1 (y_1 = x_0)
    converged = False
    for k in range(1, max_iter + 1):
        if accelerated and beta != 0.0:
            v, Xv = w + beta * (w - w_prev), Xw + beta * (Xw - Xw_prev)
        else:
            v, Xv = w, Xw
        w_prev, Xw_prev = w, Xw
        w = soft_threshold(v - step * (X.T @ (Xv - y)) / m, threshold)
        Xw = X @ w
        with np.errstate(over="ignore", invalid="ignore"):
            objective.append(value(Xw, w))
        if not np.isfinite(objective[-1]) or objective[-1] > 1e6 * (objective[0] + 1.0):
            raise _diverged("lipschitz")
        if accelerated:
            t_next = (1.0 + np.sqrt(1.0 + 4.0 * t * t)) / 2.0
            beta, t = (t - 1.0) / t_next, t_next
            if restart and objective[-1] > objective[-2]:
                # The momentum overshot: start FISTA afresh from here (t = 1), so the next
                # extrapolation has beta = 0 (and, as at the start, the one after it too).
                t, beta = 1.0, 0.0
        if tol > 0 and (k % check_every == 0 or k == max_iter):
            gap = _lasso_duality_gap(X, y, y - Xw, objective[-1], lam)
            if gap <= tol * objective[-1]:
                converged = True
                break
    return SolverResult(w, np.array(objective), len(objective) - 1, converged)


def lasso_ista(
    X: ArrayLike, y: ArrayLike, lam: float, *, max_iter: int = 5000, tol: float = 1e-10,
    w0: ArrayLike | None = None, lipschitz: float | None = None,
) -> SolverResult:
    """ISTA (proximal gradient) for the source's lasso objective; the objective never increases.

    Each step: w ← soft_threshold(w − Xᵀ(Xw − y)/(mL), lam/(2mL)) with
    L = σ_max(X)²/m (pass ``lipschitz`` to reuse it). Stops when the duality gap,
    an upper bound on J(w) − J*, is ≤ tol·J(w) (tested every 10 iterations), or
    after ``max_iter`` iterations; ``tol=0`` always runs ``max_iter`` (so does lam = 0,
    plain least squares, where the gap bound is useless: use :func:`ridge_closed_form`).
    Above :func:`lasso_lambda_max` it returns exact zeros at once.
    """
    return _lasso_proximal_gradient(X, y, lam, max_iter=max_iter, tol=tol, w0=w0,
                                    lipschitz=lipschitz, accelerated=False)


def lasso_fista(
    X: ArrayLike, y: ArrayLike, lam: float, *, max_iter: int = 5000, tol: float = 1e-10,
    w0: ArrayLike | None = None, lipschitz: float | None = None, restart: bool = False,
) -> SolverResult:
    """FISTA (Beck & Teboulle 2009): ISTA's step taken from an extrapolated point; O(1/k²) not O(1/k).

    Exactly their scheme: y₁ = w₀, t₁ = 1; w_k = ISTA step from y_k;
    t_{k+1} = (1 + √(1 + 4t_k²))/2; y_{k+1} = w_k + ((t_k − 1)/t_{k+1})·(w_k − w_{k−1}),
    so the first two steps carry no momentum.
    Same arguments and stopping rule as :func:`lasso_ista`. The objective may
    rise now and then (FISTA is not a descent method). With ``restart=True`` the
    momentum is reset whenever the objective rises (O'Donoghue & Candès 2015: t = 1, as if FISTA
    started afresh from the current point),
    which keeps FISTA's speed-up on problems where plain FISTA oscillates.
    """
    return _lasso_proximal_gradient(X, y, lam, max_iter=max_iter, tol=tol, w0=w0,
                                    lipschitz=lipschitz, accelerated=True, restart=restart)


def lasso_subgradient(
    X: ArrayLike, y: ArrayLike, lam: float, *, max_iter: int = 5000, step0: float | None = None,
    w0: ArrayLike | None = None,
) -> SolverResult:
    """Subgradient descent for the lasso, steps step0/√(k+1): the textbook method that never gives exact zeros.

    Subgradient: Xᵀ(Xw − y)/m + lam/(2m)·sign(w). Each step moves every weight by a
    continuous amount, so a weight lands on exactly 0.0 only by accident; near the
    optimum the zero weights zig-zag around 0. ``step0`` defaults to 1/L.
    The iterates are not monotone; ``coef`` is the last one. Runs all ``max_iter`` steps.
    """
    X, y = _check_problem(X, y)
    lam = nonnegative(lam, "lam")
    max_iter = positive_int(max_iter, "max_iter", high=MAX_ITER)
    m, n = X.shape
    w = np.zeros(n) if w0 is None else _check_w(w0, n, "w0").copy()
    if step0 is None:
        L = lipschitz_constant(X)
        step0 = 1.0 / L if L > 0 else 1.0  # X = 0: the data term is flat, any step will do
    else:
        step0 = nonnegative(step0, "step0")
    objective = [lasso_objective(w, X, y, lam)]
    for k in range(max_iter):
        with np.errstate(over="ignore", invalid="ignore"):
            g = X.T @ (X @ w - y) / m + lam / (2 * m) * np.sign(w)
            w = w - step0 / np.sqrt(k + 1.0) * g
            r = X @ w - y
            value = float(r @ r) / (2 * m) + lam * float(np.abs(w).sum()) / (2 * m)
        if not np.isfinite(value) or value > 1e6 * (objective[0] + 1.0):
            raise _diverged("step0")
        objective.append(value)
    return SolverResult(w, np.array(objective), max_iter, False)


# --------------------------------------------------------------------------- paths and CV


def _ridge_path_svd(X: np.ndarray, y: np.ndarray, lams: np.ndarray) -> np.ndarray:
    """Ridge solutions for many lam from one thin SVD: w(lam) = V·diag(s/(s² + lam))·Uᵀy.

    Singular values below max(m, n)·eps·s_max count as 0, the relative rank tolerance
    of numpy.linalg.lstsq: for lam = 0 this gives the minimum-norm least-squares solution
    of a rank-deficient X instead of dividing by rounding noise.
    """
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    Uty = U.T @ y
    kept = s > max(X.shape) * np.finfo(float).eps * (s.max() if s.size else 0.0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        factors = np.where(kept[None, :], s[None, :] / (s[None, :] ** 2 + lams[:, None]), 0.0)
    return finite_result((factors * Uty[None, :]) @ Vt, "X, y and lams")


def regularization_path(
    X: ArrayLike, y: ArrayLike, lams: ArrayLike, *, penalty: str = "lasso",
    solver: Callable[..., SolverResult] | str | None = None, max_iter: int = 5000, tol: float = 1e-10,
) -> np.ndarray:
    """Coefficients for every lam in ``lams``: array (len(lams), n_features), rows in the order given.

    Lasso: ``solver`` ("fista" with restart, the default; "ista"; or any function
    with lasso_fista's keywords) runs from the largest lam down, each
    solve warm-started at the previous solution (few iterations each).
    Ridge: exact, all lams from one SVD of X (lam = 0 gives the minimum-norm
    least-squares solution).
    """
    X, y = _check_problem(X, y)
    lams = _check_lams(lams)
    if _check_penalty(penalty) == "ridge":
        return _ridge_path_svd(X, y, lams)
    max_iter, tol = _check_solver_args(max_iter, tol)
    if solver is None or (isinstance(solver, str) and solver == "fista"):
        solver = partial(lasso_fista, restart=True)
    elif isinstance(solver, str) and solver == "ista":
        solver = lasso_ista
    elif isinstance(solver, str) or not callable(solver):
        raise ValueError(f"solver must be 'fista', 'ista', None or a function like lasso_fista, got {solver!r}")
    L = lipschitz_constant(X)
    if L == 0:  # X = 0: w = 0 is optimal for every lam
        return np.zeros((len(lams), X.shape[1]))
    coefs = np.empty((len(lams), X.shape[1]))
    w = np.zeros(X.shape[1])
    for i in np.argsort(-lams, kind="stable"):
        w = array(getattr(solver(X, y, lams[i], max_iter=max_iter, tol=tol, w0=w, lipschitz=L), "coef", None),
                  "solver's result .coef", ndim=1)
        if w.shape != (X.shape[1],):
            raise ValueError(f"solver returned coef of shape {w.shape}, expected ({X.shape[1]},)")
        coefs[i] = w
    return coefs


def cross_validate(
    X: ArrayLike, y: ArrayLike, lams: ArrayLike, *, penalty: str = "lasso", n_splits: int = 5,
    seed: int = 0, max_iter: int = 5000, tol: float = 1e-8,
) -> CVResult:
    """K-fold cross-validation of lam for the source's ridge or lasso objective (shuffled KFold).

    ``lams`` are meant for the full data set of m samples. A fold trains on
    m_train < m samples with lam·m_train/m, i.e. the same per-sample weight
    lam/(2m) as on the full data (what sklearn's LassoCV does with its alpha);
    validation error is the plain mean squared error 1/n·‖Xw − y‖².
    """
    from sklearn.model_selection import KFold

    X, y = _check_problem(X, y)
    lams = _check_lams(lams)
    _check_penalty(penalty)
    n_splits = positive_int(n_splits, "n_splits")
    seed = check_seed(seed)
    max_iter, tol = _check_solver_args(max_iter, tol)
    if not 2 <= n_splits <= len(y):
        raise ValueError(f"n_splits must be between 2 and the number of samples {len(y)}, got {n_splits}")
    m = len(y)
    folds = KFold(n_splits=n_splits, shuffle=True, random_state=seed).split(X)
    fold_mse = np.empty((len(lams), n_splits))
    for k, (train, val) in enumerate(folds):
        coefs = regularization_path(X[train], y[train], lams * len(train) / m, penalty=penalty,
                                    max_iter=max_iter, tol=tol)
        residuals = X[val] @ coefs.T - y[val][:, None]
        fold_mse[:, k] = np.mean(residuals**2, axis=0)
    return CVResult(lams, fold_mse)
