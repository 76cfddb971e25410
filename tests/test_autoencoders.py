"""course_lib.autoencoders (numpy helpers of lesson 05) and plots.plot_reconstructions."""


import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib.autoencoders import (
    activity_l1_penalty,
    add_noise,
    dead_units,
    reconstruction_mse,
    zero_fraction,
)
from course_lib.plots import plot_reconstructions

RNG = np.random.default_rng(0)
X = RNG.uniform(size=(5, 28, 28)).astype(np.float32)


def test_reconstruction_mse_values():
    x_hat = X + 0.1
    assert reconstruction_mse(X, X) == 0.0
    assert reconstruction_mse(X, x_hat) == pytest.approx(0.01, rel=1e-5)
    per = reconstruction_mse(X, np.concatenate([X[:2], X[2:] + 0.2]), per_sample=True)
    assert per.shape == (5,)
    assert np.allclose(per, [0, 0, 0.04, 0.04, 0.04], rtol=1e-5)
    assert np.isclose(per.mean(), reconstruction_mse(X, np.concatenate([X[:2], X[2:] + 0.2])))


def test_reconstruction_mse_refuses_to_broadcast():
    """The source's (N, 28, 28, 28) output against (N, 28, 28, 1) targets must not silently broadcast."""
    x = X[..., None]
    with pytest.raises(ValueError, match=r"same shape.*\(5, 28, 28, 1\).*\(5, 28, 28, 28\)"):
        reconstruction_mse(x, np.repeat(x, 28, axis=-1))
    with pytest.raises(ValueError, match="same shape"):
        reconstruction_mse(X, X.reshape(5, -1))
    with pytest.raises(ValueError, match="x_hat must be finite"):
        reconstruction_mse(X, np.full_like(X, np.nan))
    with pytest.raises(ValueError, match="at least one sample"):
        reconstruction_mse(np.float32(1.0), np.float32(1.0))


def test_add_noise_is_reproducible_clipped_and_keeps_dtype():
    noisy = add_noise(X, 0.3, seed=1)
    assert noisy.dtype == np.float32 and noisy.shape == X.shape
    assert noisy.min() >= 0.0 and noisy.max() <= 1.0
    assert np.array_equal(noisy, add_noise(X, 0.3, seed=1))
    assert not np.array_equal(noisy, add_noise(X, 0.3, seed=2))
    assert np.array_equal(add_noise(X, 0.0), X)
    raw = add_noise(np.zeros((2000,)), 0.5, clip=False)
    assert raw.min() < 0 and raw.std() == pytest.approx(0.5, rel=0.05)
    with pytest.raises(ValueError, match="std"):
        add_noise(X, -0.1)


def test_zero_fraction_exact_and_relative():
    codes = np.array([[0.0, 0.0, 1.0, 2.0], [0.0, 0.005, 0.5, 1.0]])
    assert np.allclose(zero_fraction(codes), [0.5, 0.25])
    assert np.allclose(zero_fraction(codes, tol=0.01), [0.5, 0.5])
    # relative: |z| <= 1% of the row's largest |z| (0.02 and 0.01)
    assert np.allclose(zero_fraction(codes, tol=0.01, relative=True), [0.5, 0.5])
    # scaling a code does not change the relative count
    assert np.allclose(zero_fraction(1e-3 * codes, tol=0.01, relative=True), [0.5, 0.5])
    with pytest.raises(ValueError, match="2-D"):
        zero_fraction(np.zeros((2, 3, 4)))
    with pytest.raises(ValueError, match="tol"):
        zero_fraction(codes, tol=-1)


def test_dead_units():
    codes = np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 2.0]])
    assert dead_units(codes).tolist() == [0]
    assert dead_units(np.ones((3, 4))).tolist() == []


def test_activity_l1_penalty_matches_keras_and_divides_by_batch_size():
    import keras

    codes = RNG.normal(size=(4, 6)).astype(np.float32)
    layer = keras.layers.Activation("linear", activity_regularizer=keras.regularizers.L1(0.01))
    layer(codes)
    keras_value = float(layer.losses[0])
    assert activity_l1_penalty(codes, 0.01) == pytest.approx(keras_value, rel=1e-5)
    assert activity_l1_penalty(codes, 0.01) == pytest.approx(0.01 * np.abs(codes).sum() / 4, rel=1e-6)
    with pytest.raises(ValueError, match="lam"):
        activity_l1_penalty(codes, -1.0)


def test_plot_reconstructions_grid():
    rows = {"original": X, "noisy": add_noise(X, 0.2), "flat": X.reshape(5, -1)}
    axes = plot_reconstructions(rows, n=4)
    assert axes.shape == (3, 4)
    assert [axes[r, 0].get_ylabel() for r in range(3)] == ["original", "noisy", "flat"]
    assert axes[0, 0].get_title() == ""
    assert axes[2, 1].get_title() == "0.000"  # the flattened copy equals the originals
    assert float(axes[1, 0].get_title()) > 0
    plt.close("all")


def test_plot_reconstructions_rejects_bad_input():
    with pytest.raises(ValueError, match="rows must be a non-empty dict"):
        plot_reconstructions({})
    with pytest.raises(ValueError, match="n = 8"):
        plot_reconstructions({"original": X})  # only 5 images
    with pytest.raises(ValueError, match="positive integer"):
        plot_reconstructions({"original": X}, n=0)
    with pytest.raises(ValueError, match="rows\\['bad'\\]"):
        plot_reconstructions({"original": X, "bad": np.zeros((5, 10))}, n=2)
    plt.close("all")
