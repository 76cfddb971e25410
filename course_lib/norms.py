"""Vector and matrix norms, 2-D unit balls and the proximal operators of L1 and L2.

Vector norms act on the flattened input, like ``np.linalg.norm(x.ravel(), ord=p)``.
Proximal operators: :func:`soft_threshold` (t·‖·‖₁), :func:`l2_shrink` (t·‖·‖₂², squared)
and :func:`block_soft_threshold` (t·‖·‖₂, not squared: the group lasso's).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from ._validate import finite_array, nonnegative, positive_int

MATRIX_NORMS = ("fro", "spectral", "nuclear")


def _check_p(p: float, *, allow_zero: bool) -> float:
    if p is None or isinstance(p, str):
        raise ValueError(f"p must be a number >= 0 or np.inf, got {p!r}")
    p = float(p)
    if math.isnan(p) or p < 0 or (p == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"p must be {bound} (or np.inf), got {p}")
    return p


def lp_norm(x: ArrayLike, p: float) -> float:
    """‖x‖_p of the flattened x: p = 0 counts non-zeros, 0 < p < 1 is a quasi-norm, p = inf is max |xᵢ|."""
    p = _check_p(p, allow_zero=True)
    a = np.abs(finite_array(x, "x").ravel())
    if p == 0:
        return float(np.count_nonzero(a))
    if a.size == 0:
        return 0.0
    if math.isinf(p):
        return float(a.max())
    if p == 1:
        return float(a.sum())
    if p == 2:
        return float(np.sqrt(np.dot(a, a)))
    return float(np.sum(a**p) ** (1.0 / p))


def unit_ball(p: float, n_points: int = 400) -> np.ndarray:
    """Points (2, n_points) on the 2-D unit sphere {w : ‖w‖_p = 1}, counter-clockwise from (1, 0).

    With ``n_points`` divisible by 4 the four axis points (the corners of the
    L1 diamond) are among them.
    """
    p = _check_p(p, allow_zero=False)
    n_points = positive_int(n_points, "n_points")
    angles = np.linspace(0.0, 2.0 * np.pi, n_points, endpoint=False)
    directions = np.stack([np.cos(angles), np.sin(angles)])
    # Snap cos/sin values that are zero up to rounding to exact zeros (axis points).
    directions[np.abs(directions) < 1e-12] = 0.0
    if math.isinf(p):
        lengths = np.abs(directions).max(axis=0)
    else:
        lengths = np.sum(np.abs(directions) ** p, axis=0) ** (1.0 / p)
    return directions / lengths


def soft_threshold(x: ArrayLike, t: float) -> np.ndarray:
    """Proximal operator of t·‖·‖₁: sign(x)·max(|x| − t, 0), elementwise; exact zeros where |x| ≤ t."""
    x = finite_array(x, "x")
    t = nonnegative(t, "t")
    return np.sign(x) * np.maximum(np.abs(x) - t, 0.0)


def l2_shrink(x: ArrayLike, t: float) -> np.ndarray:
    """Proximal operator of t·‖·‖₂²: x / (1 + 2t); scales every entry, never makes one zero."""
    x = finite_array(x, "x")
    t = nonnegative(t, "t")
    return x / (1.0 + 2.0 * t)


def block_soft_threshold(x: ArrayLike, t: float) -> np.ndarray:
    """Proximal operator of t·‖·‖₂ (the norm, not squared) on the flattened x: x·max(0, 1 − t/‖x‖₂).

    It keeps the direction of x and shortens it by t; when ‖x‖₂ ≤ t the *whole*
    array becomes exactly 0 (group sparsity), unlike :func:`l2_shrink`.
    """
    x = finite_array(x, "x")
    t = nonnegative(t, "t")
    length = float(np.sqrt(np.sum(x * x)))
    if length <= t:
        return np.zeros_like(x)
    return x * (1.0 - t / length)


def matrix_norm(w: ArrayLike, kind: str = "fro") -> float:
    """Norm of a 2-D matrix: 'fro' = sqrt(Σ w²), 'spectral' = largest singular value, 'nuclear' = Σ σᵢ."""
    w = finite_array(w, "w")
    if w.ndim != 2:
        raise ValueError(f"w must be a 2-D matrix, got shape {w.shape}")
    if kind not in MATRIX_NORMS:
        raise ValueError(f"kind must be one of {MATRIX_NORMS}, got {kind!r}")
    if kind == "fro":
        return float(np.sqrt(np.sum(w * w)))
    singular_values = np.linalg.svd(w, compute_uv=False)
    return float(singular_values.max() if kind == "spectral" else singular_values.sum())
