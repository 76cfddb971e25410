"""Exercise checkers: each prints ✓ or ✗ with a hint and returns a :class:`Result`.

A checker never raises on the learner's answer: an answer left as ``None``
prints a reminder, and an exception inside a learner's function is reported
as ✗ with the error, so a notebook always runs top to bottom.

Feedback comes in two steps: the first wrong answer gets a hint that points the
way without giving the answer; from the second wrong answer on, the hint is
explicit. Numbers are accepted when right to 3 significant digits; an answer
within 2 % that is not gets "close: give more digits". Text answers ignore case.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

import numpy as np

PASS, FAIL, TODO = "✓", "✗", "…"
_wrong_attempts: dict[str, int] = {}
_current: list[str] = []


class Result:
    """What a checker returns: true when the answer is right. Shows nothing as a cell's last value."""

    def __init__(self, status: str):
        self.status = status  # "correct", "wrong" or "not attempted"

    @property
    def correct(self) -> bool | None:
        """True, False, or None when not attempted."""
        return None if self.status == "not attempted" else self.status == "correct"

    def __bool__(self) -> bool:
        return self.status == "correct"

    def __repr__(self) -> str:
        return f"Result({self.status!r})"

    def _ipython_display_(self) -> None:
        """The ✓/✗ line was printed already: display nothing (no stray True/False under it)."""


def exercise(func: Callable) -> Callable:
    """Decorator for a checker: counts the learner's wrong answers, so that the second hint can be explicit."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        _current.append(f"{func.__module__}.{func.__qualname__}")
        try:
            return func(*args, **kwargs)
        finally:
            _current.pop()

    return wrapper


def reset_attempts() -> None:
    """Forget every wrong attempt (the first hint is shown again)."""
    _wrong_attempts.clear()


def feedback(ok: bool, message: str) -> Result:
    """Print ✓ or ✗ followed by the message; return the Result."""
    print(f"{PASS if ok else FAIL} {message}")
    return Result("correct" if ok else "wrong")


def wrong(message: str, hint: str, explicit: str | None = None) -> Result:
    """✗ with the first hint on the first wrong answer, the explicit one (if given) after that."""
    key = _current[-1] if _current else ""
    _wrong_attempts[key] = _wrong_attempts.get(key, 0) + 1
    if explicit and _wrong_attempts[key] >= 2:
        return feedback(False, f"{message} {explicit}")
    return feedback(False, f"{message} Hint: {hint}" if explicit else f"{message} {hint}")


def not_attempted(answer: Any) -> bool:
    """True (and a reminder printed) when the answer is still None or ``...``."""
    if answer is None or answer is Ellipsis:
        print(f"{TODO} Not attempted yet: replace `None` with your answer and run the cell again.")
        return True
    return False


def _same_to_digits(value: float, expected: float, digits: int = 3) -> bool:
    """True when value equals expected to ``digits`` significant digits (half a unit of the last one)."""
    if expected == 0:
        return abs(value) < 10.0 ** -(digits + 6)
    unit = 10.0 ** (math.floor(math.log10(abs(expected))) - digits + 1)
    return abs(value - expected) <= 0.5 * unit * (1 + 1e-9)


def _as_real(answer: Any) -> float | None:
    """The answer as a finite real float, or None if it is not one."""
    if isinstance(answer, (bool, np.bool_)) or isinstance(answer, (complex, np.complexfloating)):
        return None
    try:
        value = float(answer)
    except (TypeError, ValueError, OverflowError):
        return None
    return value if math.isfinite(value) else None


def check_number(answer: Any, expected: float, *, hint: str, explicit: str | None = None,
                 rtol: float = 1e-6, atol: float = 1e-12) -> Result:
    """Check a numeric answer: right when within rtol, or equal to 3 significant digits."""
    if not_attempted(answer):
        return Result("not attempted")
    value = _as_real(answer)
    if value is None:
        return wrong(f"Expected a real number, got {type(answer).__name__}.", hint, explicit)
    if np.isclose(value, expected, rtol=rtol, atol=atol) or _same_to_digits(value, expected):
        return feedback(True, f"Correct: {value:.6g}.")
    if expected != 0 and abs(value - expected) <= 0.02 * abs(expected):
        return feedback(False, f"{value:.6g} is close, but not right to 3 significant digits: give more digits.")
    return wrong(f"{value:.6g} is not right.", hint, explicit)


def _normalize(choice: Any) -> Any:
    return choice.strip().casefold() if isinstance(choice, str) else choice


def check_choice(answer: Any, expected: set, *, hint: str, explicit: str | None = None) -> Result:
    """Check a set (or list) of choices against the expected set; order and the case of text are ignored."""
    if not_attempted(answer):
        return Result("not attempted")
    if isinstance(answer, (set, list, tuple, frozenset)):
        items = list(answer)
    else:
        items = [answer]
    try:
        given = {_normalize(a) for a in items}
    except TypeError:
        return wrong("Expected a set of choices.", hint, explicit)
    if given == {_normalize(e) for e in expected}:
        return feedback(True, f"Correct: {sorted(map(str, items))}.")
    return wrong(f"{sorted(map(str, items))} is not right.", hint, explicit)


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


def check_function(func: Any, reference: Callable, cases: list[tuple], *, hint: str, explicit: str | None = None,
                   atol: float = 1e-8, rtol: float = 1e-5) -> Result:
    """Call the learner's func on each case (a tuple of arguments) and compare with reference."""
    if not_attempted(func):
        return Result("not attempted")
    if not callable(func):
        return wrong(f"Expected a function, got {type(func).__name__}.", hint, explicit)
    for args in cases:
        expected = reference(*args)
        described = ", ".join(map(_describe, args))
        try:
            result = func(*args)
        except Exception as exc:  # the learner's code failed: report it, do not raise
            return wrong(f"Your function raised {type(exc).__name__} for arguments ({described}): {exc}.",
                         hint, explicit)
        if result is None:
            return wrong(f"Your function returned None for arguments ({described}): did you forget `return`?",
                         hint, explicit)
        try:
            got = np.asarray(result, dtype=float)
        except (TypeError, ValueError):
            return wrong(f"Your function returned {type(result).__name__}, not numbers, for arguments "
                         f"({described}).", hint, explicit)
        if got.shape != np.shape(expected) or not np.allclose(got, expected, rtol=rtol, atol=atol):
            shown_got = np.array2string(got, precision=6, threshold=12)
            shown_expected = np.array2string(np.asarray(expected, dtype=float), precision=6, threshold=12)
            return wrong(f"Wrong result for arguments ({described}): {shown_got} instead of {shown_expected}.",
                         hint, explicit)
    return feedback(True, f"Correct on all {len(cases)} test cases.")
