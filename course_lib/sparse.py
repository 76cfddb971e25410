"""Sparse recovery: basis pursuit, min ‖x‖₁ subject to Ax = y, as a linear program (scipy's HiGHS).

Compressed sensing (Candès, Romberg & Tao 2006; Donoho 2006): a k-sparse x ∈ ℝⁿ is the
unique solution of basis pursuit from m ≪ n random measurements y = Ax when m is large
enough (about 2k·log(n/m)); the minimum-norm L2 solution ``np.linalg.pinv(A) @ y`` is not.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import linprog

from ._validate import array

TOL = 1e-8  # the relative accuracy asked of basis_pursuit's constraint


def _problem(A: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    A = array(A, "A", ndim=2, min_size=1)
    y = array(y, "y", ndim=1)
    if y.shape[0] != A.shape[0]:
        raise ValueError(f"y must have one entry per row of A ({A.shape[0]}), got {y.shape[0]}")
    if max(np.abs(A).max(), np.abs(y).max(initial=0.0)) > 1e100:
        raise ValueError("A and y must be within ±1e100")
    return A, y


def basis_pursuit(A: ArrayLike, y: ArrayLike) -> np.ndarray:
    """argmin ‖x‖₁ subject to Ax = y (to 1e-8 relative), solved as a linear program in x = x⁺ − x⁻.

    The LP's solution is then polished on its support by least squares, so that
    ‖Ax − y‖ ≤ 1e-8·(1 + ‖y‖). Raises ValueError when no x satisfies Ax = y.
    """
    A, y = _problem(A, y)
    m, n = A.shape
    scale = max(float(np.abs(A).max()), 1e-300)
    result = linprog(np.ones(2 * n), A_eq=np.hstack([A, -A]) / scale, b_eq=y / scale, bounds=(0, None),
                     method="highs", options={"primal_feasibility_tolerance": 1e-10,
                                              "dual_feasibility_tolerance": 1e-10})
    if result.status == 2:
        raise ValueError("y: no x satisfies Ax = y (y is not in the range of A)")
    if result.status != 0:
        raise ValueError(f"A, y: the linear program failed ({result.message})")
    x = result.x[:n] - result.x[n:]
    support = np.abs(x) > 1e-12 * max(float(np.abs(x).max()), 1e-300)
    if 0 < support.sum() <= m:
        polished = np.zeros(n)
        polished[support] = np.linalg.lstsq(A[:, support], y, rcond=None)[0]
        if (np.linalg.norm(A @ polished - y) <= np.linalg.norm(A @ x - y)
                and np.abs(polished).sum() <= np.abs(x).sum() * (1 + 1e-9)):
            x = polished
    if np.linalg.norm(A @ x - y) > TOL * (1 + np.linalg.norm(y)):
        raise ValueError("y: no x satisfies Ax = y to 1e-8 (y is not in the range of A)")
    return x
