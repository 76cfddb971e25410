"""course_lib.norms against numpy.linalg.norm, brute force and hand-computed values."""

import numpy as np
import pytest

from course_lib.norms import block_soft_threshold, l2_shrink, lp_norm, matrix_norm, soft_threshold, unit_ball

RNG = np.random.default_rng(42)
VECTORS = [np.array([3.0, -4.0, 0.0, 1.0, 0.0]), RNG.normal(size=50), RNG.normal(size=(4, 5)),
           np.zeros(3)]


@pytest.mark.parametrize("p", [0, 0.5, 1, 1.5, 2, 3, np.inf])
@pytest.mark.parametrize("i", range(len(VECTORS)))
def test_lp_norm_matches_numpy(p, i):
    x = VECTORS[i]
    assert lp_norm(x, p) == pytest.approx(np.linalg.norm(x.ravel(), ord=p), rel=1e-12, abs=1e-12)


def test_lp_norm_hand_values():
    x = [3.0, -4.0, 0.0]
    assert lp_norm(x, 0) == 2
    assert lp_norm(x, 1) == 7
    assert lp_norm(x, 2) == 5
    assert lp_norm(x, np.inf) == 4
    assert lp_norm(x, 0.5) == pytest.approx((np.sqrt(3) + 2) ** 2)


def test_quasi_norm_breaks_triangle_inequality():
    a, b = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    assert lp_norm(a + b, 0.5) > lp_norm(a, 0.5) + lp_norm(b, 0.5)


@pytest.mark.parametrize("bad_p", [-1, np.nan, "two", None])
def test_lp_norm_rejects_bad_p(bad_p):
    with pytest.raises(ValueError, match="p must"):
        lp_norm([1.0, 2.0], bad_p)


@pytest.mark.parametrize("bad_x", [[1.0, np.nan], [np.inf, 0.0]])
def test_lp_norm_rejects_non_finite_x(bad_x):
    with pytest.raises(ValueError, match="x must be finite"):
        lp_norm(bad_x, 2)


@pytest.mark.parametrize("p", [0.5, 1, 2, 3, np.inf])
def test_unit_ball_points_have_norm_one(p):
    pts = unit_ball(p, n_points=400)
    assert pts.shape == (2, 400)
    norms = np.linalg.norm(pts, ord=p, axis=0) if p >= 1 else np.sum(np.abs(pts) ** p, axis=0) ** (1 / p)
    np.testing.assert_allclose(norms, 1.0, rtol=1e-12)


def test_unit_ball_contains_exact_axis_points():
    pts = unit_ball(1, n_points=8)
    np.testing.assert_array_equal(pts[:, [0, 2, 4, 6]], [[1, 0, -1, 0], [0, 1, 0, -1]])


@pytest.mark.parametrize(("p", "n", "match"), [(0, 10, "p must"), (-2, 10, "p must"), (1, 0, "n_points"),
                                               (1, 2.5, "n_points")])
def test_unit_ball_rejects_bad_input(p, n, match):
    with pytest.raises(ValueError, match=match):
        unit_ball(p, n)


def test_soft_threshold_hand_values():
    np.testing.assert_array_equal(soft_threshold([-3.0, -0.5, 0.0, 0.2, 2.0], 1.0), [-2.0, 0.0, 0.0, 0.0, 1.0])


@pytest.mark.parametrize("t", [0.0, 0.3, 1.0, 2.5])
def test_prox_operators_minimise_their_objectives(t):
    """Brute force: prox_t(x) = argmin_z ½(z − x)² + t·R(z) on a fine grid."""
    z = np.linspace(-6, 6, 240_001)
    for x in np.linspace(-4, 4, 17):
        l1_best = z[np.argmin(0.5 * (z - x) ** 2 + t * np.abs(z))]
        l2_best = z[np.argmin(0.5 * (z - x) ** 2 + t * z**2)]
        assert soft_threshold(x, t) == pytest.approx(l1_best, abs=1e-4)
        assert l2_shrink(x, t) == pytest.approx(l2_best, abs=1e-4)


def test_soft_threshold_matches_sklearn_lasso_on_orthonormal_design():
    """With X = sqrt(n)·I, sklearn's Lasso solution is the soft-threshold of X^T y / n."""
    from sklearn.linear_model import Lasso

    n = 6
    X = np.sqrt(n) * np.eye(n)
    y = np.array([3.0, -0.2, 0.5, -2.0, 0.05, 1.0])
    alpha = 0.3
    coef = Lasso(alpha=alpha, fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X, y).coef_
    np.testing.assert_allclose(coef, soft_threshold(X.T @ y / n, alpha), atol=1e-8)


@pytest.mark.parametrize("t", [0.0, 0.5, 2.0])
def test_block_soft_threshold_minimises_its_objective(t):
    """prox of t·‖·‖₂: its value of ½‖z − x‖² + t‖z‖₂ is no larger than scipy's minimum, and z is the same."""
    from scipy.optimize import minimize

    rng = np.random.default_rng(7)
    for x in [rng.normal(size=3) * s for s in (0.2, 1.0, 3.0)] + [np.zeros(3)]:
        def objective(z, x=x):
            return 0.5 * np.sum((z - x) ** 2) + t * np.linalg.norm(z)

        ours = block_soft_threshold(x, t)
        best = minimize(objective, x + 0.1, method="Nelder-Mead",
                        options={"xatol": 1e-10, "fatol": 1e-14, "maxiter": 20_000})
        assert objective(ours) <= best.fun + 1e-12
        np.testing.assert_allclose(ours, best.x, atol=1e-4)


def test_block_soft_threshold_zeroes_the_whole_vector_only_when_short():
    x = np.array([[0.6, -0.8], [0.0, 0.0]])  # ‖x‖₂ = 1, shape kept
    np.testing.assert_array_equal(block_soft_threshold(x, 1.0), np.zeros((2, 2)))
    np.testing.assert_allclose(block_soft_threshold(x, 0.25), 0.75 * x, rtol=1e-15)
    assert np.all(block_soft_threshold(x, 0.999)[0] != 0)
    np.testing.assert_array_equal(block_soft_threshold(x, 0.0), x)


@pytest.mark.parametrize("func", [soft_threshold, l2_shrink, block_soft_threshold])
def test_prox_rejects_negative_or_nan_t(func):
    with pytest.raises(ValueError, match="t must be >= 0"):
        func([1.0], -0.1)
    with pytest.raises(ValueError, match="t must be finite"):
        func([1.0], np.nan)
    with pytest.raises(ValueError, match="x must be finite"):
        func([np.nan], 0.1)


@pytest.mark.parametrize(("kind", "ord_"), [("fro", "fro"), ("spectral", 2), ("nuclear", "nuc")])
def test_matrix_norms_match_numpy(kind, ord_):
    W = RNG.normal(size=(10, 64))
    assert matrix_norm(W, kind) == pytest.approx(np.linalg.norm(W, ord=ord_), rel=1e-12)


def test_matrix_norm_rejects_bad_input():
    with pytest.raises(ValueError, match="w must be a 2-D array"):
        matrix_norm(np.ones(3))
    with pytest.raises(ValueError, match="kind must be one of"):
        matrix_norm(np.ones((2, 2)), "max")
