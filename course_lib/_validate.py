"""Input checks shared by every public function of course_lib: each raises ValueError naming the argument.

One place decides what counts as valid input:

- arrays: anything ``np.asarray`` turns into a real numeric array (bool, integer
  or float; a TensorFlow tensor or variable too), not ragged, finite;
- numbers: int, float or numpy real scalars (and 0-d arrays), finite unless said
  otherwise; bools and complex numbers are refused, so are strings;
- flags: ``True``/``False`` (or numpy bools) only, not 0/1 or "no";
- seeds: ``None`` or a non-negative integer, numpy integers included.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

MAX_ELEMENTS = 100_000_000  # larger requests (n_points, n_samples × n_features, ...) are refused, not attempted


def _type_name(x: Any) -> str:
    return type(x).__name__


def array(x: Any, name: str, *, ndim: int | Sequence[int] | None = None, min_size: int = 0,
          dtype: Any = np.float64) -> np.ndarray:
    """``x`` as a finite real array of ``dtype``; ValueError naming ``name`` for anything else."""
    if x is None or isinstance(x, (str, bytes, dict, set, frozenset)) or (callable(x) and not hasattr(x, "shape")):
        raise ValueError(f"{name} must be an array of real numbers, got {_type_name(x)}")
    if hasattr(x, "numpy") and callable(x.numpy):  # tf.Tensor, tf.Variable, keras.Variable
        try:
            x = x.numpy()
        except Exception as err:  # a symbolic tensor, for example
            raise ValueError(f"{name} must hold concrete values, got {_type_name(x)}: {err}") from None
    try:
        arr = np.asarray(x)
    except Exception as err:  # ragged nesting, or an object whose conversions fail
        raise ValueError(f"{name} must be an array of real numbers (same length in every row), got "
                         f"{_type_name(x)}: {str(err)[:200]}") from None
    if arr.dtype.kind not in "biuf":
        kind = {"c": "complex numbers", "O": "Python objects", "U": "text", "S": "bytes", "M": "dates",
                "m": "time differences", "V": "records"}.get(arr.dtype.kind, str(arr.dtype))
        raise ValueError(f"{name} must hold real numbers, got {kind} (dtype {arr.dtype})")
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            wanted = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{name} must be a {wanted} array, got shape {arr.shape}")
    if arr.size < min_size:
        raise ValueError(f"{name} must hold at least {min_size} value(s), got shape {arr.shape}")
    try:
        arr = arr.astype(dtype, copy=False)
    except (ValueError, TypeError, OverflowError) as err:
        raise ValueError(f"{name} cannot be converted to {np.dtype(dtype)}: {str(err)[:200]}") from None
    if arr.dtype.kind == "f" and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, but it contains NaN or inf")
    return arr


def finite_array(x: Any, name: str, *, dtype: Any = np.float64) -> np.ndarray:
    """Return ``x`` as a finite real array (any shape); see :func:`array`."""
    return array(x, name, dtype=dtype)


def _scalar(value: Any, name: str) -> Any:
    """A Python or numpy real scalar (or 0-d real array) from ``value``, or ValueError."""
    if isinstance(value, np.ndarray):
        if value.ndim != 0:
            raise ValueError(f"{name} must be a single number, got an array of shape {value.shape}")
        value = value[()]
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.integer, np.floating)):
        raise ValueError(f"{name} must be a real number, got {_type_name(value)} {_short(value)}")
    return value


def _short(value: Any) -> str:
    try:
        text = repr(value)
    except Exception:
        return ""
    return text if len(text) <= 60 else text[:57] + "..."


def real(value: Any, name: str, *, low: float | None = None, high: float | None = None,
         low_open: bool = False, high_open: bool = False, allow_inf: bool = False) -> float:
    """``value`` as a float within [low, high] (open ends on request); finite unless ``allow_inf``."""
    value = _scalar(value, name)
    try:
        number = float(value)
    except (OverflowError, ValueError, TypeError):
        raise ValueError(f"{name} is too large for a float: {_short(value)}") from None
    if math.isnan(number) or (math.isinf(number) and not allow_inf):
        raise ValueError(f"{name} must be finite, got {number}")
    if low is not None and (number < low or (low_open and number == low)):
        raise ValueError(f"{name} must be {'>' if low_open else '>='} {low:g}, got {number:g}")
    if high is not None and (number > high or (high_open and number == high)):
        raise ValueError(f"{name} must be {'<' if high_open else '<='} {high:g}, got {number:g}")
    return number


def nonnegative(value: Any, name: str) -> float:
    """``value`` as a finite float >= 0."""
    return real(value, name, low=0.0)


def positive(value: Any, name: str) -> float:
    """``value`` as a finite float > 0."""
    return real(value, name, low=0.0, low_open=True)


def integer(value: Any, name: str, *, low: int | None = None, high: int | None = None) -> int:
    """``value`` as a Python int within [low, high]; integers only (numpy integers too), not bools or floats."""
    what = {0: "a non-negative integer", 1: "a positive integer"}.get(low, "an integer")
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name} must be {what}, got {_type_name(value)} {_short(value)}")
    value = int(value)
    if low is not None and value < low:
        raise ValueError(f"{name} must be {what if low in (0, 1) else f'an integer >= {low}'}, got {value}")
    if high is not None and value > high:
        raise ValueError(f"{name} must be an integer <= {high:,}, got {value}")
    return value


def positive_int(value: Any, name: str, *, high: int | None = None) -> int:
    """``value`` as a Python int >= 1 (and <= high if given)."""
    return integer(value, name, low=1, high=high)


def seed(value: Any, name: str = "seed") -> int | None:
    """``value`` as a Python int in [0, 2**32 − 1] (numpy integers included), or None; ValueError otherwise.

    The upper bound is the one numpy's legacy seeding, scikit-learn and Keras accept.
    """
    if value is None:
        return None
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or not (
            0 <= value < 2**32):
        raise ValueError(f"{name} must be None or an integer from 0 to 2**32 − 1, got {_type_name(value)} "
                         f"{_short(value)}")
    return int(value)


def seeds(value: Any, name: str = "seeds") -> list[int]:
    """``value`` as a list of seeds, each a Python int in [0, 2**32 − 1]; None is refused here."""
    out = [seed(s, name) for s in values(value, name, "non-negative integers")]
    if None in out:
        raise ValueError(f"{name} must be non-negative integers, not None")
    return out


def values(value: Any, name: str, what: str = "values") -> list:
    """``value`` (a list, tuple, array or other iterable; not a string or dict) as a list; ValueError otherwise."""
    if isinstance(value, (str, bytes, dict)) or not isinstance(value, Iterable):
        raise ValueError(f"{name} must be a list of {what}, got {type(value).__name__}")
    try:
        return list(value)
    except Exception as err:  # a 0-d array, or an object whose iteration fails
        raise ValueError(f"{name} must be a list of {what}: {str(err)[:100]}") from None


def flag(value: Any, name: str) -> bool:
    """``value`` as a bool: only True/False (or numpy bools) are accepted."""
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False, got {_type_name(value)} {_short(value)}")
    return bool(value)


def choice(value: Any, name: str, options: Iterable[Any]) -> Any:
    """``value`` if it is one of ``options`` (compared with ==, strings exactly), else ValueError."""
    options = tuple(options)
    try:
        ok = any(type(value) is type(o) and value == o for o in options)
    except Exception:
        ok = False
    if not ok:
        raise ValueError(f"{name} must be one of {options}, got {_short(value)}")
    return value


def text(value: Any, name: str) -> str:
    """``value`` if it is a string, else ValueError."""
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a string, got {_type_name(value)}")
    return value


def shape(value: Any, name: str, *, ndims: Sequence[int] | None = None) -> tuple[int, ...]:
    """A tuple of positive ints from a sequence (not a bare int or a string)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, np.ndarray)):
        raise ValueError(f"{name} must be a sequence of positive integers such as (28, 28), "
                         f"got {_type_name(value)} {_short(value)}")
    try:
        items = list(value)
    except Exception:  # a 0-d array, or a sequence whose iteration fails
        raise ValueError(f"{name} must be a sequence of positive integers such as (28, 28), "
                         f"got {_type_name(value)} {_short(value)}") from None
    dims = tuple(positive_int(d, name, high=MAX_ELEMENTS) for d in items)
    if ndims is not None and len(dims) not in ndims:
        raise ValueError(f"{name} must have {' or '.join(map(str, ndims))} entries, got {dims}")
    if math.prod(dims) > MAX_ELEMENTS:
        raise ValueError(f"{name} {dims} is too large (over {MAX_ELEMENTS:,} elements)")
    return dims


def finite_result(value: Any, names: str) -> Any:
    """Return ``value`` if it is finite; otherwise ValueError saying the inputs were too large to compute with."""
    arr = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{names}: the result overflows float64 (values too large); rescale the input")
    return value
