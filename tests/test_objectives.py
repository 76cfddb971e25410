"""course_lib.objectives against scikit-learn and hand-computed numpy values."""

import warnings

import numpy as np
import pytest
from sklearn.linear_model import Lasso, LassoCV, Ridge
from sklearn.model_selection import KFold

from course_lib import objectives
from course_lib.data import make_sparse_regression
from course_lib.objectives import (
    cross_validate,
    lasso_fista,
    lasso_ista,
    lasso_lambda_max,
    lasso_objective,
    lasso_subgradient,
    lipschitz_constant,
    regularization_path,
    ridge_closed_form,
    ridge_gradient_descent,
    ridge_objective,
)

# (n_samples, n_features, seed): tall and wide problems, several seeds.
SHAPES = [(200, 50, 11), (50, 200, 12), (200, 50, 13), (50, 200, 14), (120, 120, 15)]


def _problem(m, n, seed, noise=0.5):
    X, y, _ = make_sparse_regression(m, n, max(3, n // 20), noise=noise, seed=seed)
    return X, y


def _sklearn_lasso(X, y, lam):
    """sklearn's Lasso solves 1/(2m)·‖Xw − y‖² + alpha·‖w‖₁: alpha = lam/(2m) is the source's objective."""
    m = len(y)
    return Lasso(alpha=lam / (2 * m), fit_intercept=False, tol=1e-14, max_iter=1_000_000).fit(X, y).coef_


# --------------------------------------------------------------------------- objectives


@pytest.mark.parametrize(("m", "n", "seed"), SHAPES[:3])
def test_objectives_equal_hand_computed_numpy(m, n, seed):
    X, y = _problem(m, n, seed)
    w = np.random.default_rng(seed).normal(size=n)
    lam = 2.5
    data = sum((X[i] @ w - y[i]) ** 2 for i in range(m)) / (2 * m)
    assert ridge_objective(w, X, y, lam) == pytest.approx(data + lam / (2 * m) * sum(w**2), rel=1e-12)
    assert lasso_objective(w, X, y, lam) == pytest.approx(data + lam / (2 * m) * sum(abs(w)), rel=1e-12)
    assert ridge_objective(w, X, y, 0.0) == pytest.approx(lasso_objective(w, X, y, 0.0), rel=1e-14)


def test_objectives_on_a_tiny_problem_by_hand():
    X = np.array([[1.0, 0.0], [0.0, 2.0]])
    y = np.array([1.0, 1.0])
    w = np.array([2.0, -1.0])
    # residuals Xw − y = (1, −3): data term (1 + 9)/(2·2) = 2.5
    assert ridge_objective(w, X, y, 4.0) == pytest.approx(2.5 + 4.0 / 4 * 5.0)
    assert lasso_objective(w, X, y, 4.0) == pytest.approx(2.5 + 4.0 / 4 * 3.0)


# --------------------------------------------------------------------------- ridge


@pytest.mark.parametrize(("m", "n", "seed"), SHAPES)
@pytest.mark.parametrize("lam", [0.01, 1.0, 50.0])
def test_ridge_closed_form_equals_sklearn_ridge(m, n, seed, lam):
    X, y = _problem(m, n, seed)
    ours = ridge_closed_form(X, y, lam)
    theirs = Ridge(alpha=lam, fit_intercept=False, solver="svd").fit(X, y).coef_
    np.testing.assert_allclose(ours, theirs, rtol=1e-7, atol=1e-9)


def test_ridge_lam_zero_is_least_squares():
    X, y = _problem(200, 50, 1)
    np.testing.assert_allclose(ridge_closed_form(X, y, 0.0), np.linalg.lstsq(X, y, rcond=None)[0], atol=1e-10)


@pytest.mark.parametrize(("m", "n", "seed"), [SHAPES[0], SHAPES[1]])
def test_ridge_gradient_descent_reaches_closed_form(m, n, seed):
    X, y = _problem(m, n, seed)
    lam = 5.0
    result = ridge_gradient_descent(X, y, lam, max_iter=20_000, tol=1e-10)
    exact = ridge_closed_form(X, y, lam)
    assert result.converged
    assert len(result.objective) == result.n_iter + 1
    assert np.all(np.diff(result.objective) <= 1e-12 * result.objective[:-1])  # step 1/L: a descent method
    best = ridge_objective(exact, X, y, lam)
    assert result.objective[-1] == pytest.approx(best, rel=1e-10)


# --------------------------------------------------------------------------- lasso solvers


@pytest.mark.parametrize(("m", "n", "seed"), SHAPES[:4])
@pytest.mark.parametrize("frac", [0.3, 0.08])
@pytest.mark.parametrize("solver", [lasso_ista, lasso_fista])
def test_lasso_solvers_reach_sklearn_optimum(m, n, seed, frac, solver):
    X, y = _problem(m, n, seed)
    lam = frac * lasso_lambda_max(X, y)
    reference = lasso_objective(_sklearn_lasso(X, y, lam), X, y, lam)
    result = solver(X, y, lam, max_iter=20_000)
    assert result.converged
    assert lasso_objective(result.coef, X, y, lam) == pytest.approx(result.objective[-1], rel=1e-12)
    assert abs(result.objective[-1] - reference) <= 1e-6 * reference


@pytest.mark.parametrize(("m", "n", "seed"), [SHAPES[0], SHAPES[1]])
def test_lasso_default_settings_give_sklearns_support_and_coefficients(m, n, seed):
    X, y = _problem(m, n, seed)
    lam = 0.2 * lasso_lambda_max(X, y)
    theirs = _sklearn_lasso(X, y, lam)
    for solver in (lasso_ista, lasso_fista):
        ours = solver(X, y, lam).coef  # default max_iter=5000, tol=1e-10
        np.testing.assert_array_equal(ours != 0, theirs != 0)
        np.testing.assert_allclose(ours, theirs, atol=1e-6)


def test_fista_with_restart_agrees_and_is_faster_on_a_wide_problem():
    X, y = _problem(50, 200, 3)
    lam = 0.05 * lasso_lambda_max(X, y)
    plain = lasso_fista(X, y, lam, max_iter=20_000)
    restarted = lasso_fista(X, y, lam, max_iter=20_000, restart=True)
    assert plain.converged and restarted.converged
    assert restarted.n_iter < plain.n_iter
    assert restarted.objective[-1] == pytest.approx(plain.objective[-1], rel=1e-8)


@pytest.mark.parametrize(("m", "n", "seed"), SHAPES)
def test_lambda_max_gives_exact_zeros_and_just_below_it_does_not(m, n, seed):
    X, y = _problem(m, n, seed)
    lam_max = lasso_lambda_max(X, y)
    assert lam_max == pytest.approx(2 * np.max(np.abs(X.T @ y)))
    for lam in (lam_max, 1.5 * lam_max):
        for solver in (lasso_ista, lasso_fista):
            w0 = np.random.default_rng(seed).normal(size=n)  # even from a non-zero start
            assert np.all(solver(X, y, lam, w0=w0).coef == 0.0)
        assert np.all(_sklearn_lasso(X, y, lam) == 0.0)  # sklearn agrees on where λ_max is
    assert np.count_nonzero(lasso_fista(X, y, 0.99 * lam_max).coef) >= 1
    assert np.count_nonzero(_sklearn_lasso(X, y, 0.99 * lam_max)) >= 1


@pytest.mark.parametrize(("m", "n", "seed"), SHAPES[:2] + SHAPES[4:])
def test_ista_objective_never_increases(m, n, seed):
    X, y = _problem(m, n, seed)
    for frac in (0.5, 0.05, 0.005):
        obj = lasso_ista(X, y, frac * lasso_lambda_max(X, y), max_iter=1000, tol=0).objective
        assert len(obj) == 1001
        assert np.all(np.diff(obj) <= 1e-12 * obj[:-1])


def test_proximal_gradient_bounds_of_beck_and_teboulle_hold():
    """ISTA: J(w_k) − J* ≤ L‖w*‖²/(2k); FISTA: J(w_k) − J* ≤ 2L‖w*‖²/(k + 1)², from w₀ = 0."""
    X, y = _problem(50, 200, 5)
    lam = 0.05 * lasso_lambda_max(X, y)
    w_star = _sklearn_lasso(X, y, lam)
    best = lasso_objective(w_star, X, y, lam)
    L, r2 = lipschitz_constant(X), float(w_star @ w_star)
    k = np.arange(1, 1001)
    ista = lasso_ista(X, y, lam, max_iter=1000, tol=0).objective[1:] - best
    fista = lasso_fista(X, y, lam, max_iter=1000, tol=0).objective[1:] - best
    assert np.all(ista <= L * r2 / (2 * k) * (1 + 1e-9))
    assert np.all(fista <= 2 * L * r2 / (k + 1) ** 2 * (1 + 1e-9))


def _textbook_fista_objectives(X, y, lam, n_steps):
    """Beck & Teboulle (2009), FISTA with constant step, written out independently of course_lib.

    y₁ = x₀ = 0, t₁ = 1; x_k = p_L(y_k); t_{k+1} = (1 + √(1 + 4t_k²))/2;
    y_{k+1} = x_k + ((t_k − 1)/t_{k+1})(x_k − x_{k−1}). Returns J(x_0), …, J(x_n_steps).
    """
    m, n = X.shape
    L = np.linalg.norm(X, 2) ** 2 / m  # σ_max(X)²/m from an SVD (course_lib uses an eigenvalue)

    def J(x):
        return np.sum((X @ x - y) ** 2) / (2 * m) + lam / (2 * m) * np.sum(np.abs(x))

    def p_L(v):  # prox of the penalty after a gradient step of length 1/L on the data term
        u = v - X.T @ (X @ v - y) / (m * L)
        return np.sign(u) * np.maximum(np.abs(u) - lam / (2 * m * L), 0.0)

    x_prev = np.zeros(n)
    y_k, t_k = x_prev, 1.0
    values = [J(x_prev)]
    for _ in range(n_steps):
        x_k = p_L(y_k)
        t_next = (1 + np.sqrt(1 + 4 * t_k**2)) / 2
        y_k = x_k + (t_k - 1) / t_next * (x_k - x_prev)
        x_prev, t_k = x_k, t_next
        values.append(J(x_k))
    return np.array(values)


@pytest.mark.parametrize(("m", "n", "seed", "frac"),
                         [(50, 200, 5, 0.05), (200, 50, 11, 0.2), (120, 120, 15, 0.01)])
def test_fista_follows_beck_and_teboulle_step_by_step(m, n, seed, frac):
    """lasso_fista's objective after each of its first k steps equals the textbook FISTA's (to 1e-12)."""
    X, y = _problem(m, n, seed)
    lam = frac * lasso_lambda_max(X, y)
    reference = _textbook_fista_objectives(X, y, lam, 300)
    for k in (1, 2, 3, 5, 20, 100, 300):
        ours = lasso_fista(X, y, lam, tol=0, max_iter=k).objective
        assert len(ours) == k + 1
        np.testing.assert_allclose(ours, reference[: k + 1], rtol=1e-12, atol=0)
    # The first two steps carry no momentum: they are ISTA's steps.
    ista = lasso_ista(X, y, lam, tol=0, max_iter=2).objective
    np.testing.assert_allclose(lasso_fista(X, y, lam, tol=0, max_iter=2).objective, ista, rtol=1e-14)
    assert not np.isclose(lasso_fista(X, y, lam, tol=0, max_iter=3).objective[3],
                          lasso_ista(X, y, lam, tol=0, max_iter=3).objective[3], rtol=1e-9)


def test_subgradient_descent_gets_close_but_never_gives_exact_zeros():
    X, y = _problem(200, 50, 2)
    lam = 0.2 * lasso_lambda_max(X, y)
    exact = lasso_fista(X, y, lam)
    sub = lasso_subgradient(X, y, lam, max_iter=3000)
    zeros = exact.coef == 0
    assert np.count_nonzero(zeros) > 30
    assert np.count_nonzero(sub.coef == 0) == 0  # not one exact zero ...
    assert np.max(np.abs(sub.coef[zeros])) < 0.05  # ... though the weights that should be 0 are small
    assert len(sub.objective) == 3001
    gap = (sub.objective - exact.objective[-1]) / exact.objective[-1]
    assert gap[-1] < 0.05 and gap[-1] < gap[100] / 3  # slow: O(1/√k)


# --------------------------------------------------------------------------- paths and CV


def test_ridge_path_matches_closed_form_in_the_given_order():
    X, y = _problem(50, 200, 7)
    lams = np.array([1.0, 100.0, 0.0, 10.0])
    path = regularization_path(X, y, lams, penalty="ridge")
    for lam, row in zip(lams, path, strict=True):
        np.testing.assert_allclose(row, ridge_closed_form(X, y, lam), atol=1e-9)


def test_lasso_path_warm_starts_match_cold_solves_in_the_given_order():
    X, y = _problem(200, 50, 8)
    lam_max = lasso_lambda_max(X, y)
    lams = lam_max * np.array([0.01, 1.2, 0.3, 0.1, 1.0])
    path = regularization_path(X, y, lams)
    assert path.shape == (5, 50)
    for lam, row in zip(lams, path, strict=True):
        cold = lasso_fista(X, y, lam)
        assert lasso_objective(row, X, y, lam) == pytest.approx(cold.objective[-1], rel=1e-9)
        np.testing.assert_array_equal(row != 0, cold.coef != 0)
    assert np.all(path[1] == 0) and np.all(path[4] == 0)
    ista_path = regularization_path(X, y, lams, solver=lasso_ista)
    np.testing.assert_allclose(ista_path, path, atol=1e-6)


def test_lasso_cross_validation_matches_sklearn_lasso_cv():
    X, y = _problem(100, 40, 9, noise=2.0)
    m = len(y)
    lams = lasso_lambda_max(X, y) * np.geomspace(1, 1e-3, 12)
    ours = cross_validate(X, y, lams, n_splits=4, seed=3, tol=1e-12)
    theirs = LassoCV(alphas=lams / (2 * m), cv=KFold(4, shuffle=True, random_state=3), fit_intercept=False,
                     tol=1e-14, max_iter=1_000_000).fit(X, y)
    assert ours.fold_mse.shape == (12, 4)
    order = np.argsort(-lams)  # LassoCV lists its alphas in decreasing order
    np.testing.assert_allclose(theirs.alphas_, lams[order] / (2 * m), rtol=1e-12)
    np.testing.assert_allclose(ours.fold_mse[order], theirs.mse_path_, rtol=1e-6)
    assert ours.best_lam / (2 * m) == pytest.approx(theirs.alpha_, rel=1e-12)
    assert ours.lam_1se >= ours.best_lam
    assert ours.mean_mse[ours.best_index] == ours.mean_mse.min()


def test_ridge_cross_validation_matches_sklearn_ridge_per_fold():
    X, y = _problem(60, 30, 10, noise=2.0)
    m = len(y)
    lams = np.array([0.1, 3.0, 30.0])
    ours = cross_validate(X, y, lams, penalty="ridge", n_splits=3, seed=0)
    for k, (train, val) in enumerate(KFold(3, shuffle=True, random_state=0).split(X)):
        for i, lam in enumerate(lams):
            model = Ridge(alpha=lam * len(train) / m, fit_intercept=False).fit(X[train], y[train])
            mse = np.mean((model.predict(X[val]) - y[val]) ** 2)
            assert ours.fold_mse[i, k] == pytest.approx(mse, rel=1e-9)


# --------------------------------------------------------------------------- bad input


def test_bad_inputs_raise_value_error_naming_the_argument():
    X, y = _problem(20, 5, 0)
    w = np.zeros(5)
    with pytest.raises(ValueError, match="lam"):
        ridge_objective(w, X, y, -1.0)
    with pytest.raises(ValueError, match="lam"):
        lasso_fista(X, y, float("nan"))
    with pytest.raises(ValueError, match="same number of samples"):
        ridge_closed_form(X, y[:-1], 1.0)
    with pytest.raises(ValueError, match="X"):
        lasso_ista(X[:, 0], y, 1.0)
    with pytest.raises(ValueError, match="y"):
        lasso_objective(w, X, y[:, None], 1.0)
    with pytest.raises(ValueError, match="w"):
        lasso_objective(np.zeros(4), X, y, 1.0)
    X_nan = X.copy()
    X_nan[3, 2] = np.nan
    with pytest.raises(ValueError, match="X"):
        lasso_fista(X_nan, y, 1.0)
    with pytest.raises(ValueError, match="y"):
        ridge_gradient_descent(X, np.full(20, np.inf), 1.0)
    with pytest.raises(ValueError, match="w0"):
        lasso_ista(X, y, 1.0, w0=np.zeros(3))
    with pytest.raises(ValueError, match="max_iter"):
        lasso_ista(X, y, 1.0, max_iter=0)
    with pytest.raises(ValueError, match="tol"):
        lasso_fista(X, y, 1.0, tol=-1e-3)
    with pytest.raises(ValueError, match="lams"):
        regularization_path(X, y, [1.0, -2.0])
    with pytest.raises(ValueError, match="penalty"):
        regularization_path(X, y, [1.0], penalty="elastic")
    with pytest.raises(ValueError, match="n_splits"):
        cross_validate(X, y, [1.0], n_splits=1)


def test_sklearn_convergence_warnings_are_not_hit_by_the_reference():
    """The sklearn reference runs are converged (tol 1e-14), so the comparisons above are meaningful."""
    X, y = _problem(50, 200, 12)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _sklearn_lasso(X, y, 0.08 * lasso_lambda_max(X, y))


@pytest.mark.parametrize("solver", [objectives.lasso_ista, objectives.lasso_fista, objectives.lasso_subgradient])
def test_every_lasso_solver_refuses_an_endless_max_iter(solver):
    """A huge max_iter is refused at once, naming it (lasso_subgradient once ran 10**30 steps)."""
    X, y = np.ones((4, 2)), np.ones(4)
    with pytest.raises(ValueError, match="max_iter"):
        solver(X, y, 0.1, max_iter=objectives.MAX_ITER + 1)
