"""Vector and matrix norms, 2-D unit balls and the proximal operators of L1 and L2.

Vector norms act on the flattened input, like ``np.linalg.norm(x.ravel(), ord=p)``.
Proximal operators: :func:`soft_threshold` (t·‖·‖₁), :func:`l2_shrink` (t·‖·‖₂², squared)
and :func:`block_soft_threshold` (t·‖·‖₂, not squared: the group lasso's).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from ._validate import MAX_ELEMENTS, array, choice, finite_result, nonnegative, positive_int, real

MATRIX_NORMS = ("fro", "spectral", "nuclear")


def _check_p(p: float, *, allow_zero: bool) -> float:
    return real(p, "p", low=0.0, low_open=not allow_zero, allow_inf=True)


def _scaled_norm(a: np.ndarray, p: float) -> float:
    """‖a‖_p of non-negative entries a for finite p > 0, computed as s·‖a/s‖_p with s = max a (no overflow)."""
    s = float(a.max())
    if s == 0.0:
        return 0.0
    with np.errstate(under="ignore", over="ignore"):
        total = np.sum((a / s) ** p)
        return float(s * np.power(total, 1.0 / p))  # inf when it overflows: callers check


def lp_norm(x: ArrayLike, p: float) -> float:
    """‖x‖_p of the flattened x: p = 0 counts non-zeros, 0 < p < 1 is a quasi-norm, p = inf is max |xᵢ|."""
    p = _check_p(p, allow_zero=True)
    a = np.abs(array(x, "x").ravel())
    if p == 0:
        return float(np.count_nonzero(a))
    if a.size == 0:
        return 0.0
    if math.isinf(p):
        return float(a.max())
    return float(finite_result(_scaled_norm(a, p), "x and p"))


def unit_ball(p: float, n_points: int = 400) -> np.ndarray:
    """Points (2, n_points) on the 2-D unit sphere {w : ‖w‖_p = 1}, counter-clockwise from (1, 0).

    With ``n_points`` divisible by 4 the four axis points (the corners of the
    L1 diamond) are among them.
    """
    p = _check_p(p, allow_zero=False)
    n_points = positive_int(n_points, "n_points", high=MAX_ELEMENTS // 4)
    angles = np.linspace(0.0, 2.0 * np.pi, n_points, endpoint=False)
    directions = np.stack([np.cos(angles), np.sin(angles)])
    # Snap cos/sin values that are zero up to rounding to exact zeros (axis points).
    directions[np.abs(directions) < 1e-12] = 0.0
    largest = np.abs(directions).max(axis=0)
    if math.isinf(p):
        lengths = largest
    else:
        with np.errstate(under="ignore"):  # scaled by the largest entry: no overflow or 0/0 for huge p
            lengths = largest * np.sum((np.abs(directions) / largest) ** p, axis=0) ** (1.0 / p)
    return directions / lengths


def soft_threshold(x: ArrayLike, t: float) -> np.ndarray:
    """Proximal operator of t·‖·‖₁: sign(x)·max(|x| − t, 0), elementwise; exact zeros where |x| ≤ t."""
    x = array(x, "x")
    t = nonnegative(t, "t")
    return np.sign(x) * np.maximum(np.abs(x) - t, 0.0)


def l2_shrink(x: ArrayLike, t: float) -> np.ndarray:
    """Proximal operator of t·‖·‖₂²: x / (1 + 2t); scales every entry, never makes one zero."""
    x = array(x, "x")
    t = nonnegative(t, "t")
    return x / (1.0 + 2.0 * t) if t < 1e300 else x * 0.0


def block_soft_threshold(x: ArrayLike, t: float) -> np.ndarray:
    """Proximal operator of t·‖·‖₂ (the norm, not squared) on the flattened x: x·max(0, 1 − t/‖x‖₂).

    It keeps the direction of x and shortens it by t; when ‖x‖₂ ≤ t the *whole*
    array becomes exactly 0 (group sparsity), unlike :func:`l2_shrink`.
    """
    x = array(x, "x")
    t = nonnegative(t, "t")
    length = _scaled_norm(np.abs(x).ravel(), 2.0) if x.size else 0.0
    if length <= t:
        return np.zeros_like(x)
    return x * (1.0 - t / length)


def matrix_norm(w: ArrayLike, kind: str = "fro") -> float:
    """Norm of a 2-D matrix: 'fro' = sqrt(Σ w²), 'spectral' = largest singular value, 'nuclear' = Σ σᵢ."""
    w = array(w, "w", ndim=2)
    kind = choice(kind, "kind", MATRIX_NORMS)
    if w.size == 0:
        return 0.0
    scale = float(np.abs(w).max())
    if scale == 0.0:
        return 0.0
    if kind == "fro":
        return float(finite_result(scale * np.sqrt(np.sum((w / scale) ** 2)), "w"))
    singular_values = np.linalg.svd(w / scale, compute_uv=False)
    value = scale * (singular_values.max() if kind == "spectral" else singular_values.sum())
    return float(finite_result(value, "w"))
