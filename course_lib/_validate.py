"""Input checks shared by the modules: each raises ValueError naming the argument."""

from __future__ import annotations

import math
from typing import Any

import numpy as np


def finite_array(x: Any, name: str, *, dtype: Any = float) -> np.ndarray:
    """Return ``x`` as an array, or raise ValueError if it holds NaN or inf."""
    arr = np.asarray(x, dtype=dtype)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, but it contains NaN or inf")
    return arr


def nonnegative(value: float, name: str) -> float:
    """Return ``value`` as a float, or raise ValueError if it is negative, NaN or inf."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a real number, got {value!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
    return value


def positive_int(value: Any, name: str) -> int:
    """Return ``value`` as an int, or raise ValueError if it is not a positive integer."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def seed(value: Any, name: str = "seed") -> int | None:
    """Return ``value`` as a Python int (numpy integers included), or None; raise ValueError otherwise."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or value < 0:
        raise ValueError(f"{name} must be None or a non-negative integer, got {value!r}")
    return int(value)
