"""course_lib.penalties against keras.regularizers and the source's J(θ)."""

import numpy as np
import pytest

from course_lib.penalties import keras_coefficient, l1_penalty, l2_penalty

RNG = np.random.default_rng(0)
WEIGHTS = [RNG.normal(size=(10, 64)), RNG.normal(size=(64,)), RNG.normal(size=(64, 1))]


def test_hand_values():
    assert l1_penalty(np.array([1.0, -2.0, 3.0]), 0.5) == pytest.approx(3.0)
    assert l2_penalty(np.array([1.0, -2.0, 3.0]), 0.5) == pytest.approx(7.0)
    assert l2_penalty([np.array([1.0]), np.array([[2.0, 2.0]])], 1.0) == pytest.approx(9.0)


@pytest.mark.parametrize("lam", [0.0, 1e-4, 0.01, 3.0])
def test_match_keras_regularizers_on_arrays_and_variables(lam):
    import keras

    variables = [keras.Variable(w.astype("float32")) for w in WEIGHTS]
    keras_l1 = sum(float(keras.regularizers.L1(lam)(v)) for v in variables)
    keras_l2 = sum(float(keras.regularizers.L2(lam)(v)) for v in variables)
    for given in (variables, [w.astype("float32") for w in WEIGHTS], tuple(variables)):
        assert l1_penalty(given, lam) == pytest.approx(keras_l1, rel=1e-5)
        assert l2_penalty(given, lam) == pytest.approx(keras_l2, rel=1e-5)
    one = variables[0]
    assert l2_penalty(one, lam) == pytest.approx(float(keras.regularizers.L2(lam)(one)), rel=1e-5)


def test_keras_coefficient_makes_keras_loss_twice_the_seed_objective():
    """MSE + c·Σθ² with c = lam/m equals 2·J(θ), J = 1/(2m)·Σr² + lam/(2m)·Σθ²."""
    import keras

    m, n, lam = 50, 8, 3.0
    X, theta = RNG.normal(size=(m, n)), RNG.normal(size=n)
    y = X @ theta + RNG.normal(size=m)
    residual = X @ theta - y
    seed_J = residual @ residual / (2 * m) + lam / (2 * m) * theta @ theta
    c = keras_coefficient(lam, m)
    mse = float(keras.losses.MeanSquaredError()(y[:, None], (X @ theta)[:, None]))
    keras_loss = mse + float(keras.regularizers.L2(c)(keras.Variable(theta)))
    assert c == pytest.approx(lam / m)
    assert keras_loss == pytest.approx(2 * seed_J, rel=1e-5)


@pytest.mark.parametrize("func", [l1_penalty, l2_penalty])
def test_bad_inputs(func):
    with pytest.raises(ValueError, match="lam must be >= 0"):
        func(WEIGHTS, -1.0)
    with pytest.raises(ValueError, match="lam must be finite"):
        func(WEIGHTS, np.inf)
    with pytest.raises(ValueError, match="weights must be finite"):
        func([np.array([1.0, np.nan])], 0.1)
    with pytest.raises(ValueError, match="weights must hold at least one array"):
        func([], 0.1)


def test_keras_coefficient_bad_inputs():
    with pytest.raises(ValueError, match="m must be a positive integer"):
        keras_coefficient(1.0, 0)
    with pytest.raises(ValueError, match="m must be a positive integer"):
        keras_coefficient(1.0, 2.5)
    with pytest.raises(ValueError, match="lam must be >= 0"):
        keras_coefficient(-1.0, 10)
