"""Numpy helpers for lesson 05's autoencoders: reconstruction error, code sparsity, noise.

Nothing here imports TensorFlow: every function takes numpy arrays (or
anything ``np.asarray`` accepts, such as the output of ``model.predict``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._validate import array, finite_result, flag, nonnegative
from ._validate import seed as check_seed


def _rows(x: Any, name: str) -> np.ndarray:
    """x as a finite float64 array of at least one dimension (the first axis indexes samples)."""
    arr = array(x, name)
    if arr.ndim == 0 or arr.shape[0] == 0:
        raise ValueError(f"{name} must hold at least one sample along its first axis, got shape {arr.shape}")
    return arr


def _codes(codes: Any) -> np.ndarray:
    """codes as a finite 2-D array (samples, units) with at least one sample and one unit."""
    z = _rows(codes, "codes")
    if z.ndim != 2 or z.shape[1] == 0:
        raise ValueError(f"codes must be a 2-D array (samples, units) with at least one unit, got shape {z.shape}")
    return z


def reconstruction_mse(x: Any, x_hat: Any, *, per_sample: bool = False):
    """Mean squared error between images and their reconstructions, which must have the same shape.

    Unlike a Keras loss, a shape mismatch such as (N, 28, 28, 1) against
    (N, 28, 28, 28) raises ValueError instead of broadcasting. Returns a
    float, or with ``per_sample`` an array (N,) with one MSE per image.
    """
    x, x_hat = _rows(x, "x"), _rows(x_hat, "x_hat")
    per_sample = flag(per_sample, "per_sample")
    if x.shape != x_hat.shape:
        raise ValueError(f"x and x_hat must have the same shape, got x {x.shape} and x_hat {x_hat.shape}: "
                         "a reconstruction has the shape of its input")
    with np.errstate(over="ignore"):
        sq = (x - x_hat) ** 2
        result = sq.reshape(len(sq), -1).mean(axis=1) if per_sample else float(sq.mean())
    return finite_result(result, "x and x_hat")


def add_noise(x: Any, std: float, *, seed: int = 0, clip: bool = True) -> np.ndarray:
    """Images plus Gaussian noise of standard deviation ``std``, clipped to [0, 1] if ``clip``.

    ``x`` holds images with pixels in [0, 1] (floats; the result keeps a float
    dtype) or uint8 images with pixels 0–255, which are scaled to [0, 1] first
    (the result is float32). Other integer images are refused.
    """
    std = nonnegative(std, "std")
    if std > 1e100:
        raise ValueError(f"std must be at most 1e100, got {std:g}")
    clip = flag(clip, "clip")
    rng = np.random.default_rng(check_seed(seed))
    given = getattr(x, "dtype", None)  # the caller's dtype, if x is an array
    arr = array(x, "x")
    if given == np.uint8:
        arr, dtype = arr / 255.0, np.float32
    elif given is not None and np.dtype(given).kind in "iub":
        raise ValueError(f"x must be float images in [0, 1] or uint8 images in 0–255, got dtype {given}")
    else:
        dtype = given if given is not None and np.dtype(given).kind == "f" else np.float32
    if clip and arr.size and (arr.min() < 0 or arr.max() > 1):
        raise ValueError(f"x must have pixels in [0, 1] when clip=True, got values in "
                         f"[{arr.min():g}, {arr.max():g}] (scale the images first)")
    noisy = arr + std * rng.standard_normal(arr.shape)
    if clip:
        noisy = np.clip(noisy, 0.0, 1.0)
    return noisy.astype(dtype)


def zero_fraction(codes: Any, *, tol: float = 0.0, relative: bool = False) -> np.ndarray:
    """Per sample, the fraction of code units with |z| <= tol (tol = 0: exactly zero).

    With ``relative`` the threshold is tol times that sample's largest |z|, so
    the count does not depend on the overall scale of the code. ``codes`` is
    (N, units); returns an array (N,).
    """
    z = np.abs(_codes(codes))
    tol = nonnegative(tol, "tol")
    with np.errstate(over="ignore"):
        threshold = tol * z.max(axis=1, keepdims=True) if flag(relative, "relative") else tol
    return np.mean(z <= threshold, axis=1)


def dead_units(codes: Any) -> np.ndarray:
    """Indices of the code units that are exactly zero for every sample of ``codes`` (N, units)."""
    return np.flatnonzero(np.all(_codes(codes) == 0, axis=0))


def activity_l1_penalty(codes: Any, lam: float) -> float:
    """What keras.regularizers.L1(lam) as an activity regularizer adds for one batch: lam·Σ|z| / batch size.

    Keras ≥ 3.14 (and tf.keras 2) divides activity penalties by the batch size (kernel penalties
    are not divided); Keras 3 before 3.14 did not (keras-team/keras#22021).
    """
    z = _codes(codes)
    lam = nonnegative(lam, "lam")
    with np.errstate(over="ignore"):
        value = lam * float(np.abs(z).sum()) / len(z)
    return float(finite_result(value, "codes and lam"))
