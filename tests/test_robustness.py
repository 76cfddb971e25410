"""Property-based tests (hypothesis) of course_lib's contract for its numpy-only public functions.

For any input, a function either returns a finite result (checked against numpy,
scipy or scikit-learn where one exists) or raises a ValueError whose message names
one of its arguments; nothing else. Plus one test per serious bug of issue 8, with
its exact repro. The examples are derandomized (the same on every run) and bounded,
so the file runs in well under a minute.
"""

from __future__ import annotations

import dataclasses
import math
import re
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from course_lib import autoencoders, data, norms, notebook, objectives, penalties, restoration, stats, training

settings.register_profile("course", max_examples=100, deadline=None, derandomize=True, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile("course")

RNG = np.random.default_rng(0)
X = RNG.normal(size=(12, 4))
Y = RNG.normal(size=12)
W = RNG.normal(size=4)
IMAGES = RNG.uniform(size=(3, 4, 4))
CODES = np.abs(RNG.normal(size=(5, 3)))

# Every numpy-only public function, with arguments it accepts. Each test below replaces one argument.
SPECS = [
    (norms.lp_norm, {"x": [1.0, -2.0, 0.0], "p": 2}),
    (norms.unit_ball, {"p": 1, "n_points": 8}),
    (norms.soft_threshold, {"x": [1.0, -0.2], "t": 0.5}),
    (norms.l2_shrink, {"x": [1.0, -0.2], "t": 0.5}),
    (norms.block_soft_threshold, {"x": [1.0, -0.2], "t": 0.5}),
    (norms.matrix_norm, {"w": [[1.0, 2.0], [3.0, 4.0]], "kind": "fro"}),
    (penalties.l1_penalty, {"weights": [np.ones(3), np.ones((2, 2))], "lam": 0.1}),
    (penalties.l2_penalty, {"weights": [np.ones(3), np.ones((2, 2))], "lam": 0.1}),
    (penalties.keras_coefficient, {"lam": 1.0, "m": 10}),
    (objectives.ridge_objective, {"w": W, "X": X, "y": Y, "lam": 1.0}),
    (objectives.lasso_objective, {"w": W, "X": X, "y": Y, "lam": 1.0}),
    (objectives.lasso_lambda_max, {"X": X, "y": Y}),
    (objectives.lipschitz_constant, {"X": X}),
    (objectives.ridge_closed_form, {"X": X, "y": Y, "lam": 1.0}),
    (objectives.ridge_gradient_descent, {"X": X, "y": Y, "lam": 1.0, "max_iter": 20, "tol": 1e-6, "w0": None}),
    (objectives.lasso_ista, {"X": X, "y": Y, "lam": 1.0, "max_iter": 20, "tol": 1e-6, "w0": None,
                             "lipschitz": None}),
    (objectives.lasso_fista, {"X": X, "y": Y, "lam": 1.0, "max_iter": 20, "tol": 1e-6, "w0": None,
                              "lipschitz": None, "restart": False}),
    (objectives.lasso_subgradient, {"X": X, "y": Y, "lam": 1.0, "max_iter": 20, "step0": None, "w0": None}),
    (objectives.regularization_path, {"X": X, "y": Y, "lams": [1.0, 0.1], "penalty": "lasso", "solver": None,
                                      "max_iter": 50, "tol": 1e-6}),
    (objectives.cross_validate, {"X": X, "y": Y, "lams": [1.0, 0.1], "penalty": "ridge", "n_splits": 3,
                                 "seed": 0, "max_iter": 50, "tol": 1e-6}),
    (objectives.CVResult, {"lams": [0.1, 1.0], "fold_mse": [[1.0, 2.0], [1.5, 1.0]]}),
    (data.make_sparse_regression, {"n_samples": 10, "n_features": 4, "n_informative": 2, "noise": 0.1,
                                   "seed": 0}),
    (autoencoders.reconstruction_mse, {"x": IMAGES, "x_hat": IMAGES * 0.9, "per_sample": False}),
    (autoencoders.add_noise, {"x": IMAGES, "std": 0.1, "seed": 0, "clip": True}),
    (autoencoders.zero_fraction, {"codes": CODES, "tol": 0.1, "relative": False}),
    (autoencoders.dead_units, {"codes": CODES}),
    (autoencoders.activity_l1_penalty, {"codes": CODES, "lam": 0.1}),
    (training.near_zero_fraction, {"weights": [np.ones(3)], "tol": 1e-3}),
    (training.sweep, {"run": lambda lam, seed: {"e": lam + seed}, "lams": [0.0, 1.0], "seeds": [0],
                      "show": (), "progress": False}),
    (stats.t_interval, {"values": [1.0, 2.0, 4.0], "confidence": 0.95}),
    (stats.paired, {"method": [1.0, 2.0, 4.0], "baseline": [0.5, 2.5, 3.0], "confidence": 0.95, "unit": "seeds"}),
    (notebook.seed_everything, {"seed": 0}),
    (restoration.gradient, {"u": IMAGES[0]}),
    (restoration.divergence, {"p": np.stack([IMAGES[0], IMAGES[1]])}),
    (restoration.total_variation, {"u": IMAGES[0]}),
    (restoration.rof_objective, {"u": IMAGES[0], "f": IMAGES[1], "lam": 0.1}),
    (restoration.tikhonov_denoise, {"f": IMAGES[0], "lam": 0.5}),
    (restoration.tikhonov_sure, {"f": IMAGES[0], "lam": 0.5, "sigma": 0.1}),
    (restoration.laplacian_eigenvalues, {"shape": (4, 5)}),
    (restoration.tv_denoise, {"f": IMAGES[0], "lam": 0.1, "max_iter": 30, "tol": 1e-4, "check_every": 5,
                              "warm_start": None}),
    (restoration.tv_l1_denoise, {"f": IMAGES[0], "lam": 0.5, "max_iter": 30}),
    (restoration.tv_sure, {"f": IMAGES[0], "lam": 0.1, "sigma": 0.1, "iterations": 20, "seed": 0,
                           "epsilon": 1e-3}),
    (restoration.soft_threshold_sure, {"coefficients": CODES, "t": 0.1, "sigma": 0.1}),
    (restoration.psnr, {"clean": IMAGES[0], "image": IMAGES[1]}),
    (restoration.add_gaussian_noise, {"image": IMAGES[0], "sigma": 0.1, "seed": 0, "clip": False}),
]
IDS = [f.__name__ for f, _ in SPECS]


class Strange:
    """An object whose conversions all fail."""

    def __float__(self):
        raise RuntimeError("no float")

    def __index__(self):
        raise RuntimeError("no index")

    def __len__(self):
        raise RuntimeError("no len")

    def __iter__(self):
        raise RuntimeError("no iter")


HOSTILE_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.complex_numbers(max_magnitude=1e3), st.text(max_size=4),
    st.sampled_from([10**400, -(10**400), 1e308, -1e308, 5e-324, np.nan, np.inf, -np.inf, np.int64(3),
                     np.float32(2.5), np.uint8(7), np.bool_(True), np.complex64(1 + 1j), b"ab"]),
    st.builds(dict), st.builds(set), st.builds(list), st.builds(Strange), st.just(object()),
)
ARRAY_DTYPES = st.sampled_from([np.float64, np.float32, np.int64, np.int8, np.uint8, np.bool_, np.complex128])
HOSTILE_ARRAYS = st.one_of(
    hnp.arrays(ARRAY_DTYPES, hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4)),
    st.sampled_from([[[1.0, 2.0], [3.0]], [1.0, "a"], np.array([1, "a"], dtype=object), [[1e308, -1e308]],
                     np.array(["x", "y"]), [[]], np.zeros((0, 3)), np.full((2, 2), 1e200), [1 + 2j, 3.0]]),
)
HOSTILE = st.one_of(HOSTILE_SCALARS, HOSTILE_ARRAYS)


def _all_finite(value) -> bool:
    """Every number inside a result (scalars, arrays, dataclasses, tuples) is finite."""
    if dataclasses.is_dataclass(value):
        return all(_all_finite(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, (tuple, list)):
        return all(_all_finite(v) for v in value)
    if value is None or isinstance(value, str):
        return True
    if hasattr(value, "to_numpy"):  # pandas
        value = value.select_dtypes("number").to_numpy() if hasattr(value, "select_dtypes") else value.to_numpy()
    arr = np.asarray(value)
    return arr.dtype.kind not in "fc" or bool(np.all(np.isfinite(arr)))


def _names_an_argument(message: str, names) -> bool:
    return any(re.search(rf"(?<![A-Za-z_]){re.escape(n)}(?![A-Za-z_])", message) for n in names)


def _call(func, kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return func(**kwargs)


@pytest.mark.parametrize(("func", "kwargs"), SPECS, ids=IDS)
def test_valid_arguments_give_finite_results(func, kwargs):
    assert _all_finite(_call(func, dict(kwargs)))


@pytest.mark.parametrize(("func", "kwargs"), SPECS, ids=IDS)
@given(data=st.data())
def test_any_argument_gives_a_finite_result_or_a_value_error_naming_an_argument(func, kwargs, data):
    name = data.draw(st.sampled_from(sorted(kwargs)), label="argument")
    value = data.draw(HOSTILE, label="value")
    trial = {**kwargs, name: value}
    try:
        result = _call(func, trial)
    except ValueError as err:
        assert _names_an_argument(str(err), kwargs), f"{func.__name__}({name}=...): {err}"
        return
    assert _all_finite(result), f"{func.__name__}({name}={value!r}) returned a non-finite result"


# --------------------------------------------------------------------------- correct results, against references

finite_floats = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_subnormal=False)
vectors = hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=6),
                     elements=finite_floats)


@given(x=vectors, p=st.sampled_from([0, 0.5, 1, 2, 3, np.inf]))
def test_lp_norm_matches_numpy(x, p):
    scale = np.abs(x).max()  # numpy's own norm underflows for tiny entries (its squares become 0): scale first
    expected = scale * np.linalg.norm(x.ravel() / scale, ord=p) if scale > 0 and p != 0 else np.linalg.norm(
        x.ravel(), ord=p)
    assert norms.lp_norm(x, p) == pytest.approx(expected, rel=1e-9, abs=1e-300)


@given(scale=st.floats(min_value=1e-300, max_value=1e300), p=st.floats(min_value=0.1, max_value=1e6))
def test_lp_norm_is_finite_and_homogeneous_for_extreme_values_and_p(scale, p):
    base = np.array([3.0, -4.0, 1.0])
    value = norms.lp_norm(base * scale, p)
    assert math.isfinite(value) and value == pytest.approx(scale * norms.lp_norm(base, p), rel=1e-9)


@given(x=vectors, t=st.floats(min_value=0, max_value=1e6))
def test_proximal_operators_match_their_formulas(x, t):
    np.testing.assert_array_equal(norms.soft_threshold(x, t), np.sign(x) * np.maximum(np.abs(x) - t, 0))
    np.testing.assert_allclose(norms.l2_shrink(x, t), x / (1 + 2 * t), rtol=1e-12)
    length = np.linalg.norm(x)
    expected = np.zeros_like(x) if length <= t else x * (1 - t / length)
    np.testing.assert_allclose(norms.block_soft_threshold(x, t), expected, rtol=1e-9, atol=1e-12)


@given(w=hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=5),
                    elements=finite_floats), kind=st.sampled_from(norms.MATRIX_NORMS))
def test_matrix_norm_matches_numpy(w, kind):
    ord_ = {"fro": "fro", "spectral": 2, "nuclear": "nuc"}[kind]
    assert norms.matrix_norm(w, kind) == pytest.approx(np.linalg.norm(w, ord=ord_), rel=1e-9, abs=1e-12)


@given(weights=st.lists(vectors, min_size=1, max_size=3), lam=st.floats(min_value=0, max_value=10))
def test_penalties_match_numpy_sums(weights, lam):
    assert penalties.l1_penalty(weights, lam) == pytest.approx(lam * sum(np.abs(w).sum() for w in weights),
                                                               rel=1e-12, abs=1e-300)
    assert penalties.l2_penalty(weights, lam) == pytest.approx(lam * sum((w**2).sum() for w in weights),
                                                               rel=1e-12, abs=1e-300)


problems = st.builds(
    lambda m, n, seed, rank: _problem(m, n, seed, rank),
    st.integers(2, 12), st.integers(1, 6), st.integers(0, 1000), st.integers(0, 3),
)


def _problem(m, n, seed, dropped):
    """A small regression problem; `dropped` columns are zeroed or duplicated (rank-deficient X)."""
    rng = np.random.default_rng(seed)
    X_, y_ = rng.normal(size=(m, n)), rng.normal(size=m)
    for j in range(min(dropped, n - 1)):
        X_[:, j] = 0.0 if j % 2 == 0 else X_[:, j + 1]
    return X_, y_


@given(problem=problems, lam=st.floats(min_value=0, max_value=100))
def test_ridge_closed_form_and_path_match_lstsq_and_sklearn(problem, lam):
    from sklearn.linear_model import Ridge

    X_, y_ = problem
    w = objectives.ridge_closed_form(X_, y_, lam)
    path = objectives.regularization_path(X_, y_, [lam], penalty="ridge")[0]
    np.testing.assert_allclose(w, path, rtol=1e-9, atol=1e-9)
    if lam == 0:
        np.testing.assert_allclose(w, np.linalg.lstsq(X_, y_, rcond=None)[0], atol=1e-8)
    elif lam > 1e-3:
        np.testing.assert_allclose(w, Ridge(alpha=lam, fit_intercept=False).fit(X_, y_).coef_, atol=1e-7)


@settings(max_examples=15)
@given(problem=problems, fraction=st.floats(min_value=0.01, max_value=1.0))
def test_lasso_fista_matches_sklearn_objective(problem, fraction):
    from sklearn.linear_model import Lasso

    X_, y_ = problem
    lam_max = objectives.lasso_lambda_max(X_, y_)
    if lam_max == 0:
        return
    lam = fraction * lam_max
    ours = objectives.lasso_fista(X_, y_, lam, tol=1e-12, max_iter=50_000, restart=True).coef
    theirs = Lasso(alpha=lam / (2 * len(y_)), fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X_, y_).coef_
    j_ours = objectives.lasso_objective(ours, X_, y_, lam)
    j_theirs = objectives.lasso_objective(theirs, X_, y_, lam)
    assert j_ours <= j_theirs + 1e-8 * max(1.0, j_theirs)


@given(x=hnp.arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4)),
                    elements=finite_floats))
def test_reconstruction_mse_matches_numpy(x):
    x_hat = x[::-1] * 0.5
    assert autoencoders.reconstruction_mse(x, x_hat) == pytest.approx(np.mean((x - x_hat) ** 2), rel=1e-12)
    per = autoencoders.reconstruction_mse(x, x_hat, per_sample=True)
    np.testing.assert_allclose(per, ((x - x_hat) ** 2).reshape(len(x), -1).mean(axis=1), rtol=1e-12)


@given(a=hnp.arrays(np.float64, st.integers(2, 8), elements=finite_floats), shift=finite_floats)
def test_paired_interval_matches_scipy(a, shift):
    from scipy import stats as sps

    b = a[::-1] + shift
    result = stats.paired(a, b)
    if np.ptp(a - b) == 0:
        assert result.low == pytest.approx(np.mean(a - b), rel=1e-12)
        assert result.high == pytest.approx(np.mean(a - b), rel=1e-12)
        return
    ci = sps.ttest_rel(a, b).confidence_interval(0.95)
    assert result.low == pytest.approx(ci.low, rel=1e-9, abs=1e-9)
    assert result.high == pytest.approx(ci.high, rel=1e-9, abs=1e-9)


# --------------------------------------------------------------------------- issue 8's serious bugs, exact repros


def test_bug1_ridge_path_at_zero_on_rank_deficient_x_is_the_minimum_norm_solution():
    X_, y_, _ = data.make_sparse_regression(30, 6, 3, noise=0.1, seed=1)
    X_[:, 2] = 0
    coef = objectives.regularization_path(X_, y_, [0.0], penalty="ridge")[0]
    np.testing.assert_allclose(coef, np.linalg.lstsq(X_, y_, rcond=None)[0], atol=1e-8)
    duplicated = np.c_[X_, X_[:, 0]]
    coef = objectives.regularization_path(duplicated, y_, [0.0], penalty="ridge")[0]
    np.testing.assert_allclose(coef, np.linalg.lstsq(duplicated, y_, rcond=None)[0], atol=1e-8)
    # cross-validation with 0 in the grid: the same MSE as least squares on the same folds
    from sklearn.linear_model import LinearRegression
    from sklearn.model_selection import KFold

    cv = objectives.cross_validate(X_, y_, [0.0, 1.0], penalty="ridge", n_splits=5, seed=0)
    folds = KFold(5, shuffle=True, random_state=0).split(X_)
    reference = np.mean([np.mean((LinearRegression(fit_intercept=False).fit(X_[t], y_[t]).predict(X_[v]) - y_[v])
                                 ** 2) for t, v in folds])
    assert cv.mean_mse[0] == pytest.approx(reference, rel=1e-8)


@pytest.mark.parametrize("solver", [objectives.lasso_ista, objectives.lasso_fista])
def test_bug2_a_too_large_step_is_reported_not_converged(solver):
    X_, y_, _ = data.make_sparse_regression(30, 6, 3, noise=0.1, seed=1)
    assert objectives.lipschitz_constant(X_) > 0.5
    with pytest.raises(ValueError, match="lipschitz"):
        solver(X_, y_, 1.0, lipschitz=0.5)


def test_bug3_numpy_integer_seeds_and_lams_are_accepted():
    notebook.seed_everything(np.int64(1))
    first = np.random.rand()  # noqa: NPY002
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "TensorFlow was imported before setup()", when other tests loaded it
        notebook.setup(seed=np.int64(1))
    assert np.random.rand() == first  # noqa: NPY002
    table = training.sweep(lambda lam, seed: {"e": lam + seed}, np.array([0, 1]), np.arange(3), progress=False)
    assert list(table.e) == [0, 1, 2, 1, 2, 3]


def test_bug4_a_mutating_learner_function_does_not_change_the_next_verdict(capsys):
    import importlib.util
    from pathlib import Path

    from course_lib.checks import lesson02

    path = Path(__file__).resolve().parent.parent / "solutions" / "lesson02.py"
    spec = importlib.util.spec_from_file_location("solutions_lesson02", path)
    solution = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(solution)

    def normalising_step(w, X_, y_, lam, step):
        X_ /= np.abs(X_).max()  # in place: the data the checker passed
        y_[0] = np.nan
        return w

    assert lesson02.exercise_3(normalising_step).correct is False
    assert lesson02.exercise_1(solution.exercise_1).correct is True
    assert lesson02.exercise_3(solution.exercise_3).correct is True
    capsys.readouterr()


# --------------------------------------------------------------------------- contract breaks the fuzz run found


@pytest.mark.parametrize(("call", "name"), [
    (lambda: norms.lp_norm({}, 2), "x"),
    (lambda: objectives.ridge_closed_form(X, 1 + 2j, 1.0), "y"),
    (lambda: norms.lp_norm(np.array([1 + 1j]), 2), "x"),
    (lambda: norms.lp_norm([1.0], True), "p"),
    (lambda: data.make_sparse_regression(20, 5, 2, seed=1.5), "seed"),
    (lambda: autoencoders.add_noise(IMAGES, 0.1, seed="a"), "seed"),
    (lambda: objectives.regularization_path(X, Y, [1.0], solver="nope"), "solver"),
    (lambda: objectives.CVResult(np.array([0.1, 0.2]), np.array([1.0, 2.0])), "fold_mse"),
    (lambda: objectives.CVResult(np.array([0.1, 0.2]), np.ones((3, 2))), "fold_mse"),
    (lambda: training.sweep(lambda lam, seed: {"e": 1.0}, [0.0], [0], show=["nope"]), "show"),
    (lambda: training.near_zero_fraction(np.array([])), "weights"),
    (lambda: norms.unit_ball(np.inf, n_points=1.5), "n_points"),
    (lambda: notebook.setup(seed=0, tensorflow="no"), "tensorflow"),
    (lambda: autoencoders.add_noise(np.array([[0, 300]], dtype=np.int64), 0.1), "x"),
])
def test_contract_breaks_now_raise_value_error_naming_the_argument(call, name):
    with pytest.raises(ValueError, match=rf"\b{name}\b"):
        call()


def test_silent_garbage_is_gone():
    assert np.all(np.isfinite(norms.unit_ball(1e308, n_points=8)))
    assert norms.lp_norm([2.0, 0.0], 2000) == pytest.approx(2.0)
    assert norms.lp_norm([1e300, 1e300], 2) == pytest.approx(np.sqrt(2) * 1e300)
    uint8_image = np.array([[0, 128, 255]], dtype=np.uint8)
    np.testing.assert_allclose(autoencoders.add_noise(uint8_image, 0.0), [[0.0, 128 / 255, 1.0]], rtol=1e-6)
    assert objectives.ridge_gradient_descent(np.zeros((5, 3)), np.ones(5), 0.0).converged
    assert np.all(objectives.lasso_subgradient(np.zeros((5, 3)), np.ones(5), 1.0, max_iter=3).coef == 0)
