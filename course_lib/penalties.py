"""L1 and L2 penalties in the Keras convention: the values keras.regularizers.L1/L2 add to the loss.

Keras adds ``lam · Σ|w|`` (L1) or ``lam · Σ w²`` (L2, no ½) to the batch-mean
loss. The source's objectives use λ/(2m)·Σθ² with m training samples instead:
:func:`keras_coefficient` converts.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from ._validate import array, finite_result, nonnegative, positive_int


def _as_arrays(weights: Any) -> list[np.ndarray]:
    """One array, a Keras/TF variable, or an iterable of them -> list of float64 arrays."""
    if weights is None or isinstance(weights, (str, bytes, dict, set, frozenset)):
        raise ValueError(f"weights must be an array or a list of arrays, got {type(weights).__name__}")
    if isinstance(weights, (list, tuple)) or (
        isinstance(weights, Iterable) and not hasattr(weights, "shape")
    ):
        try:
            items = list(weights)
        except Exception as err:
            raise ValueError(f"weights must be an array or a list of arrays: {str(err)[:100]}") from None
    else:
        items = [weights]
    if not items:
        raise ValueError("weights must hold at least one array, got an empty collection")
    arrays = []
    for item in items:
        arrays.append(array(item, "weights"))  # also takes keras.Variable, tf.Variable, tf.Tensor
    return arrays


def l1_penalty(weights: Any, lam: float) -> float:
    """lam · Σ|w| over one array or an iterable of arrays/variables (= keras.regularizers.L1(lam))."""
    lam = nonnegative(lam, "lam")
    with np.errstate(over="ignore"):
        value = lam * float(sum(np.abs(w).sum() for w in _as_arrays(weights)))
    return float(finite_result(value, "weights and lam"))


def l2_penalty(weights: Any, lam: float) -> float:
    """lam · Σ w² over one array or an iterable of arrays/variables (= keras.regularizers.L2(lam), no ½)."""
    lam = nonnegative(lam, "lam")
    with np.errstate(over="ignore"):
        value = lam * float(sum(np.sum(w * w) for w in _as_arrays(weights)))
    return float(finite_result(value, "weights and lam"))


def keras_coefficient(lam: float, m: int) -> float:
    """Keras coefficient c = lam / m for the source's λ/(2m)·Σθ²: with MSE, Keras's loss + c·Σθ² = 2·J(θ)."""
    lam = nonnegative(lam, "lam")
    m = positive_int(m, "m")
    return lam / m
