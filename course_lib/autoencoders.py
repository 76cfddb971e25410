"""Numpy helpers for lesson 04's autoencoders: reconstruction error, code sparsity, noise.

Nothing here imports TensorFlow: every function takes numpy arrays (or
anything ``np.asarray`` accepts, such as the output of ``model.predict``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._validate import finite_array, nonnegative


def _rows(x: Any, name: str) -> np.ndarray:
    """x as a finite float64 array of at least one dimension (the first axis indexes samples)."""
    arr = finite_array(x, name, dtype=np.float64)
    if arr.ndim == 0 or arr.shape[0] == 0:
        raise ValueError(f"{name} must hold at least one sample along its first axis, got shape {arr.shape}")
    return arr


def reconstruction_mse(x: Any, x_hat: Any, *, per_sample: bool = False):
    """Mean squared error between images and their reconstructions, which must have the same shape.

    Unlike a Keras loss, a shape mismatch such as (N, 28, 28, 1) against
    (N, 28, 28, 28) raises ValueError instead of broadcasting. Returns a
    float, or with ``per_sample`` an array (N,) with one MSE per image.
    """
    x, x_hat = _rows(x, "x"), _rows(x_hat, "x_hat")
    if x.shape != x_hat.shape:
        raise ValueError(f"x and x_hat must have the same shape, got x {x.shape} and x_hat {x_hat.shape}: "
                         "a reconstruction has the shape of its input")
    sq = (x - x_hat) ** 2
    if per_sample:
        return sq.reshape(len(sq), -1).mean(axis=1)
    return float(sq.mean())


def add_noise(x: Any, std: float, *, seed: int = 0, clip: bool = True) -> np.ndarray:
    """x plus Gaussian noise of standard deviation ``std``, clipped to [0, 1] if ``clip``; x's float dtype."""
    std = nonnegative(std, "std")
    arr = np.asarray(x)
    dtype = arr.dtype if np.issubdtype(arr.dtype, np.floating) else np.float32
    arr = finite_array(arr, "x", dtype=dtype)
    noisy = arr + std * np.random.default_rng(seed).standard_normal(arr.shape)
    if clip:
        noisy = np.clip(noisy, 0.0, 1.0)
    return noisy.astype(dtype)


def zero_fraction(codes: Any, *, tol: float = 0.0, relative: bool = False) -> np.ndarray:
    """Per sample, the fraction of code units with |z| <= tol (tol = 0: exactly zero).

    With ``relative`` the threshold is tol times that sample's largest |z|, so
    the count does not depend on the overall scale of the code. ``codes`` is
    (N, units); returns an array (N,).
    """
    z = np.abs(_rows(codes, "codes"))
    if z.ndim != 2:
        raise ValueError(f"codes must be a 2-D array (samples, units), got shape {z.shape}")
    tol = nonnegative(tol, "tol")
    threshold = tol * z.max(axis=1, keepdims=True) if relative else tol
    return np.mean(z <= threshold, axis=1)


def dead_units(codes: Any) -> np.ndarray:
    """Indices of the code units that are exactly zero for every sample of ``codes`` (N, units)."""
    z = _rows(codes, "codes")
    if z.ndim != 2:
        raise ValueError(f"codes must be a 2-D array (samples, units), got shape {z.shape}")
    return np.flatnonzero(np.all(z == 0, axis=0))


def activity_l1_penalty(codes: Any, lam: float) -> float:
    """What keras.regularizers.L1(lam) as an activity regularizer adds for one batch: lam·Σ|z| / batch size.

    Keras divides activity penalties by the batch size (kernel penalties are not divided).
    """
    z = _rows(codes, "codes")
    lam = nonnegative(lam, "lam")
    return lam * float(np.abs(z).sum()) / len(z)
