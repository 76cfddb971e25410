"""Exercise checkers: each prints ✓ or ✗ with a hint and returns True/False, or None if not attempted.

A checker never raises on the learner's answer: an answer left as ``None``
prints a reminder, and an exception inside a learner's function is reported
as ✗ with the error, so a notebook always runs top to bottom.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

PASS, FAIL, TODO = "✓", "✗", "…"


def feedback(ok: bool, message: str) -> bool:
    """Print ✓ or ✗ followed by the message; return ok."""
    print(f"{PASS if ok else FAIL} {message}")
    return bool(ok)


def not_attempted(answer: Any) -> bool:
    """True (and a reminder printed) when the answer is still None or ``...``."""
    if answer is None or answer is Ellipsis:
        print(f"{TODO} Not attempted yet: replace `None` with your answer and run the cell again.")
        return True
    return False


def check_number(answer: Any, expected: float, *, hint: str, rtol: float = 1e-6,
                 atol: float = 1e-9) -> bool | None:
    """Check a numeric answer against the expected value (relative tolerance rtol)."""
    if not_attempted(answer):
        return None
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return feedback(False, f"Expected a number, got {type(answer).__name__}. {hint}")
    if np.isclose(value, expected, rtol=rtol, atol=atol):
        return feedback(True, f"Correct: {value:.6g}.")
    return feedback(False, f"{value:.6g} is not right. {hint}")


def check_choice(answer: Any, expected: set, *, hint: str) -> bool | None:
    """Check a set (or list) of choices against the expected set, order ignored."""
    if not_attempted(answer):
        return None
    try:
        given = set(answer) if isinstance(answer, (set, list, tuple, frozenset)) else {answer}
    except TypeError:
        return feedback(False, f"Expected a set of choices. {hint}")
    if given == set(expected):
        return feedback(True, f"Correct: {sorted(given, key=str)}.")
    return feedback(False, f"{sorted(given, key=str)} is not right. {hint}")


def _describe(arg: Any) -> str:
    """Short text for one argument: small arrays rounded, large ones and lists of arrays by shape."""
    if isinstance(arg, (list, tuple)) and any(np.ndim(a) > 0 for a in arg):
        return "arrays of shapes " + ", ".join(str(np.shape(a)) for a in arg)
    try:
        arr = np.asarray(arg, dtype=float)
    except (TypeError, ValueError):  # objects, ragged nesting
        return repr(arg)[:80]
    if arr.size > 12:
        return f"an array of shape {arr.shape}"
    return np.array2string(arr, precision=3) if arr.ndim else f"{float(arr):g}"


def check_function(func: Any, reference: Callable, cases: list[tuple], *, hint: str,
                   atol: float = 1e-8, rtol: float = 1e-5) -> bool | None:
    """Call the learner's func on each case (a tuple of arguments) and compare with reference."""
    if not_attempted(func):
        return None
    if not callable(func):
        return feedback(False, f"Expected a function, got {type(func).__name__}. {hint}")
    for args in cases:
        expected = reference(*args)
        try:
            got = np.asarray(func(*args), dtype=float)
        except Exception as exc:  # the learner's code failed: report it, do not raise
            return feedback(False, f"Your function raised {type(exc).__name__} for arguments "
                                   f"({', '.join(map(_describe, args))}): {exc}. {hint}")
        if got.shape != np.shape(expected) or not np.allclose(got, expected, rtol=rtol, atol=atol):
            shown_got = np.array2string(got, precision=6, threshold=12)
            shown_expected = np.array2string(np.asarray(expected, dtype=float), precision=6, threshold=12)
            return feedback(False, f"Wrong result for arguments ({', '.join(map(_describe, args))}): "
                                   f"{shown_got} instead of {shown_expected}. {hint}")
    return feedback(True, f"Correct on all {len(cases)} test cases.")
