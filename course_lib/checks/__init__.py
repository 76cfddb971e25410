"""Exercise checkers: each prints ✓ or ✗ with a hint and returns a :class:`Result`.

A checker never raises, hangs or is corrupted by the learner's code, so a notebook always runs top
to bottom, whatever the learner wrote:

* An answer left as ``None`` (or ``...``) prints a reminder and gives ``Result("not attempted")``.
* Every piece of the learner's code that a check runs goes through :func:`run_learner_code`: their
  function, and also what an answer object does when it is read (its ``__float__``, ``__iter__``,
  ``__array__``, ``__str__``…). Any exception raised there, ``SystemExit`` included, becomes a ✗ with
  the error's type and its (shortened) text, or the type alone when even the text fails;
  ``KeyboardInterrupt`` is never caught, so the notebook's interrupt button keeps working.
* That code runs under a time limit, :data:`TIME_LIMIT_S` seconds per call and twice that for all the
  calls of one check; code that runs over gets ✗ "took longer than … s". The limit uses POSIX
  ``signal.setitimer(ITIMER_REAL)``: the SIGALRM handler raises a private ``BaseException`` (so that
  ``except Exception:`` cannot swallow it), the timer re-fires every few tens of milliseconds and, once
  the limit is passed, a trace function raises again on every line of the learner's code, so that even
  a loop around a bare ``except:`` is left. The previous handler, timer and trace function are restored
  afterwards. **On Windows (no SIGALRM), or when a check runs outside the main thread, the learner's
  code runs without a time limit.** Code that stays inside one long C call (a huge numpy operation) is
  stopped only when that call returns, and ``os._exit`` cannot be caught at all.
* A learner's function gets deep copies of each case's arguments, made just before each call, and the
  expected result is computed first from another copy: what the function does to its arguments
  cannot change its verdict, nor a later check's. Module-level exercise data (``lesson02.EXERCISE_X``…)
  is read-only, and the checkers compute from private copies of it.
* Answers are taken for what they are, never cast: a number is an int, a float, a numpy integer or
  float scalar, a 0-d numeric array, or another object that ``float()`` accepts; a bool, a complex
  number, text, and a list or array (even of one number) are not numbers. A function's result must be
  real numbers: None, complex values, True/False, text and other objects are rejected. Messages are
  short: large arrays, long text and big collections are summarised by type and size.

Feedback comes in two steps: the first wrong answer gets a hint that points the way without giving the
answer; from the second wrong answer on, the hint is explicit, and the line ends with where the reference
answer and its explanation are: ``solutions/lessonNN.py`` and the website's solutions page, at the
exercise's anchor ``solutions.html#lesson-NN-exercise-N`` (:func:`solution_pointer`; only for the checkers
of ``course_lib.checks.lessonNN``). An answer that is only close ("give more digits") does not count as a
wrong answer; one that a checker recognises as a typical mistake does. Numbers are accepted when right to 3
significant digits; an answer within 2 % that is not gets "close: give more digits". Text answers
ignore case and surrounding spaces; a set of choices may be given as any collection (or a generator), and
the numbers in it are compared to 6 significant digits.

The feedback is in English, or in Chinese when :mod:`course_lib.i18n` says so (``notebook.setup(language=
"zh_CN")``, as the Chinese lessons call it, or ``NORMREG_LANGUAGE=zh_CN``). Every message is written
``_("...")`` or ``_f("... {field} ...", field=...)`` so that ``course.py translate`` finds it.
"""

from __future__ import annotations

import copy
import functools
import itertools
import math
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..i18n import gettext as _
from ..i18n import gettext_format as _f
from ..i18n import sentence_gap

PASS, FAIL, TODO = "✓", "✗", "…"
TIME_LIMIT_S = 3.0  # per call of the learner's code; a check's calls together get at most twice this
_REFIRE_S = 0.02  # the alarm fires again this often after the limit, until the learner's code has stopped
_MAX_PART = 300  # characters of a message that describe the learner's answer
_MAX_LINE = 800  # characters of a printed line, hint included
_MAX_CHOICES = 1000  # items read from a collection of choices
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


# --------------------------------------------------------------------------- running the learner's code


class _TimeUp(BaseException):
    """Raised into the learner's code when it runs past the time limit (not an Exception: not swallowed)."""


def _is_own(frame: Any) -> bool:
    """True for a frame of the time limit's own bookkeeping, which the alarm never interrupts."""
    return frame is not None and frame.f_code in _BOOKKEEPING


class _Alarm:
    """SIGALRM-based time limit for one call of the learner's code (main thread of a POSIX system only)."""

    def __init__(self) -> None:
        self.active = False  # raise into the learner's code when the timer fires
        self.fired = False  # the limit was reached
        self.tracing = False  # a trace function was installed to leave loops around `except:`
        self.previous_handler: Any = None
        self.previous_timer = (0.0, 0.0)
        self.previous_trace: Any = None
        self.start = 0.0

    @classmethod
    def start_for(cls, limit: float) -> _Alarm | None:
        """Arm the timer; None (no limit) where signals cannot be used."""
        if not (limit > 0 and hasattr(signal, "SIGALRM") and hasattr(signal, "setitimer")):
            return None
        if threading.current_thread() is not threading.main_thread():
            return None
        alarm = cls()
        try:
            alarm.previous_handler = signal.signal(signal.SIGALRM, alarm._on_alarm)
        except (ValueError, OSError, RuntimeError):  # not the main interpreter, or signals unavailable
            return None
        alarm.previous_trace = sys.gettrace()
        alarm.start = time.monotonic()
        alarm.active = True
        alarm.previous_timer = signal.setitimer(signal.ITIMER_REAL, limit, _REFIRE_S)
        if alarm.previous_timer[0] > 0 and alarm.previous_timer[0] < limit:  # an outer limit comes first
            signal.setitimer(signal.ITIMER_REAL, alarm.previous_timer[0], _REFIRE_S)
        return alarm

    def _on_alarm(self, signum: int, frame: Any) -> None:
        if not self.active or _is_own(frame):
            return  # the learner's code has finished, or the checker itself is running: fire again later
        self.fired = True
        # From now on every new line or call of the learner's code raises again (a raise from a trace
        # function switches tracing off, so it is switched on again at every firing).
        self.tracing = True
        while frame is not None and not _is_own(frame):
            frame.f_trace = self._trace
            frame = frame.f_back
        sys.settrace(self._trace)  # last: from here on, a call in this handler would be traced too
        raise _TimeUp

    def _trace(self, frame: Any, event: str, arg: Any) -> Any:
        if not self.active or _is_own(frame):
            return None
        if event in ("call", "line"):  # not on "exception": the next line, inside an `except:`, raises
            raise _TimeUp
        return self._trace

    def stop(self) -> None:
        """Disarm the timer; restore the previous handler, timer and trace function."""
        self.active = False  # first: a signal still pending finds nothing to interrupt
        if self.tracing:
            sys.settrace(self.previous_trace)
        signal.setitimer(signal.ITIMER_REAL, 0)
        previous = self.previous_handler
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
        delay, interval = self.previous_timer
        if delay > 0:  # an outer timer was running: let it go on, or fire at once if its time has come
            remaining = delay - (time.monotonic() - self.start)
            signal.setitimer(signal.ITIMER_REAL, max(remaining, 1e-4), interval)


@dataclass
class Outcome:
    """What running the learner's code gave: a value, or the exception it raised, or a time-out."""

    value: Any = None
    error: BaseException | None = None
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None and not self.timed_out


def run_learner_code(func: Callable, *args: Any, limit: float | None = None) -> Outcome:
    """Call func(*args) as the learner's code: catch what it raises (not KeyboardInterrupt), under a time limit.

    ``limit`` defaults to :data:`TIME_LIMIT_S`; there is no limit outside the main thread or without SIGALRM.
    """
    alarm = _Alarm.start_for(TIME_LIMIT_S if limit is None else limit)
    try:
        try:
            value = func(*args)
        finally:
            if alarm is not None:
                alarm.stop()
    except KeyboardInterrupt:
        raise
    except _TimeUp:
        return Outcome(timed_out=True)
    except BaseException as exc:  # SystemExit, GeneratorExit and every Exception of the learner's code
        return Outcome(error=exc, timed_out=alarm is not None and alarm.fired)
    if alarm is not None and alarm.fired:  # the learner's code caught the time-out and returned anyway
        return Outcome(value=value, timed_out=True)
    return Outcome(value=value)


# Where the alarm only fires again later: arming, disarming, and run_learner_code around the call. Everything
# else that runs under the limit (the learner's code, and this module's helpers reading an answer) is stopped.
_BOOKKEEPING = frozenset(f.__code__ for f in (run_learner_code, _is_own, _Alarm.start_for.__func__, _Alarm.stop,
                                              _Alarm._on_alarm, _Alarm._trace))


# --------------------------------------------------------------------------- short, safe descriptions


def _shorten(text: str, limit: int = _MAX_PART) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _one_line(text: str, limit: int = 150) -> str:
    return _shorten(" ".join(text.split()), limit)


def _array_text(array: np.ndarray, limit: int = 150) -> str:
    """A numeric array on one line: rounded, summarised beyond 12 entries."""
    with np.errstate(all="ignore"):
        text = np.array2string(array, precision=6, threshold=12, edgeitems=3, max_line_width=10**6)
    return _one_line(text, limit)


def _type_name(obj: Any) -> str:
    """The name of obj's type, read without running any of the learner's code."""
    try:
        name = type.__dict__["__name__"].__get__(type(obj))
    except Exception:  # cannot happen for real types; be safe anyway
        name = "object"
    return _shorten(str(name), 60)


def _plain_summary(obj: Any) -> str:
    """A short description of obj by type and size (runs the learner's code: call through run_learner_code)."""
    kind = type(obj)
    if obj is None:
        return "None"
    if issubclass(kind, np.ndarray):
        if obj.ndim == 0 or obj.size <= 8:
            shown = _one_line(np.array2string(obj, precision=6, threshold=8, max_line_width=10**6), 120)
            if obj.dtype.kind not in "iuf":
                return _f("the array {shown} of {dtype}", shown=shown, dtype=obj.dtype)
            return _f("the array {shown}", shown=shown)
        return _f("an array of shape {shape} ({dtype})", shape=obj.shape, dtype=obj.dtype)
    if issubclass(kind, (str, bytes)):
        if len(obj) > 60:
            return _f("a text of {count:,} characters", count=len(obj))
        return _f("the text {text}", text=repr(obj))
    if issubclass(kind, (bool, np.bool_)):
        return f"{bool(obj)} (True/False)"
    if issubclass(kind, (complex, np.complexfloating)):
        return _f("the complex number {number}", number=repr(complex(obj)))
    if issubclass(kind, int) and abs(obj).bit_length() > 64:
        return _f("an integer of about {digits} digits", digits=int(abs(obj).bit_length() * math.log10(2)) + 1)
    if issubclass(kind, (list, tuple, set, frozenset, dict)):
        if _small(obj, depth=2):
            return _one_line(repr(obj), 120)
        size = len(obj)
        name = {list: "list", tuple: "tuple", set: "set", frozenset: "frozenset", dict: "dict"}.get(kind)
        if size == 1:
            return _f("a {kind} of 1 item", kind=name or _type_name(obj))
        return _f("a {kind} of {size:,} items", kind=name or _type_name(obj), size=size)
    if issubclass(kind, (int, float, np.integer, np.floating)):
        return _one_line(repr(obj), 120)
    return _a_type(obj)


def _small(obj: Any, depth: int = 0) -> bool:
    """True when repr(obj) is short and quick: plain scalars, short text, and small collections of them."""
    kind = type(obj)
    if kind in (float, bool, complex, type(None)) or issubclass(kind, (np.number, np.bool_)):
        return True
    if kind is int:
        return obj.bit_length() <= 64
    if kind in (str, bytes):
        return len(obj) <= 40
    if kind is dict and depth > 0:
        return len(obj) <= 8 and all(_small(k, depth - 1) and _small(v, depth - 1) for k, v in obj.items())
    if kind in (list, tuple, set, frozenset) and depth > 0:
        return len(obj) <= 8 and all(_small(item, depth - 1) for item in obj)
    return False


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _a_type(obj: Any) -> str:
    """ "a Foo" or "an Apple": an object named by its type, in the feedback's language."""
    name = _type_name(obj)
    return _f("an {name}", name=name) if _article(name) == "an" else _f("a {name}", name=name)


def describe_answer(obj: Any) -> str:
    """A short description of a learner's object, e.g. "a list of 3 items" or "the text 'abc'"; never fails."""
    outcome = run_learner_code(_plain_summary, obj, limit=min(1.0, TIME_LIMIT_S))
    if outcome.ok and isinstance(outcome.value, str):
        return _shorten(outcome.value, 160)
    return _a_type(obj)


def _error_text(exc: BaseException) -> str:
    """'Type: message' for an exception of the learner's code, the type alone when its text fails."""
    name = _type_name(exc)
    outcome = run_learner_code(str, exc, limit=min(1.0, TIME_LIMIT_S))
    if outcome.ok and isinstance(outcome.value, str) and outcome.value:
        return f"{name}: {_shorten(outcome.value, 200)}"
    return name


# --------------------------------------------------------------------------- printing and hints


def exercise(func: Callable) -> Callable:
    """Decorator for a checker: counts the learner's wrong answers, so that the second hint can be explicit.

    It also keeps the promise that a checker never raises: a failure of the checker itself is reported as ✗.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        _current.append(f"{func.__module__}.{func.__qualname__}")
        try:
            return func(*args, **kwargs)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # a bug of the checker: report it rather than stop the notebook
            return feedback(False, _f("The checker itself failed on this answer ({error}); "
                                      "please report it to the course's authors.", error=_type_name(exc)))
        finally:
            _current.pop()

    return wrapper


def reset_attempts() -> None:
    """Forget every wrong attempt (the first hint is shown again)."""
    _wrong_attempts.clear()


def _say(text: str) -> None:
    try:
        print(_shorten(text, _MAX_LINE))
    except Exception:  # sys.stdout replaced by something broken: the verdict is still returned
        pass


def feedback(ok: bool, message: str) -> Result:
    """Print ✓ or ✗ followed by the message; return the Result."""
    _say(f"{PASS if ok else FAIL} {message}")
    return Result("correct" if ok else "wrong")


_LESSON_CHECKER = re.compile(r"course_lib\.checks\.lesson(\d\d)\.exercise_(\d+)")


def solution_pointer(checker: str) -> str:
    """Where the reference answer of a lesson's checker is explained, or "" for any other checker.

    ``checker`` is the checker's ``module.qualname``, e.g. ``course_lib.checks.lesson01.exercise_3``.
    """
    match = _LESSON_CHECKER.fullmatch(checker)
    if match is None:
        return ""
    lesson, number = match.group(1), int(match.group(2))
    return _f("Reference answer with explanation: solutions/lesson{lesson}.py in the course folder, or the "
              "website's Solutions page (solutions.html#lesson-{lesson}-exercise-{number}).",
              lesson=lesson, number=number)


def _count_wrong() -> tuple[str, int]:
    """Count a wrong answer to the checker now running: (its key, its wrong answers so far)."""
    key = _current[-1] if _current else ""
    _wrong_attempts[key] = _wrong_attempts.get(key, 0) + 1
    return key, _wrong_attempts[key]


def _with_pointer(text: str, key: str, attempts: int) -> str:
    """From the second wrong answer on, end the line with where the solution is (within _MAX_LINE)."""
    pointer = solution_pointer(key) if attempts >= 2 else ""
    if not pointer:
        return text
    # "✗ " before the text, one space before the pointer, and the newline: all within _MAX_LINE
    room = _MAX_LINE - len(FAIL) - 3 - len(pointer)
    return f"{_shorten(text, room)}{sentence_gap()}{pointer}"


def wrong(message: str, hint: str, explicit: str | None = None) -> Result:
    """✗ with the first hint on the first wrong answer, the explicit one (if given) after that.

    From the second wrong answer on, the line also says where the reference answer is explained.
    """
    key, attempts = _count_wrong()
    message, gap = _shorten(message, _MAX_PART + 200), sentence_gap()
    if explicit and attempts >= 2:
        text = f"{message}{gap}{explicit}"
    else:
        text = _f("{message} Hint: {hint}", message=message, hint=hint) if explicit else f"{message}{gap}{hint}"
    return feedback(False, _with_pointer(text, key, attempts))


def _known_mistake(message: str) -> Result:
    """✗ with a message written for one typical wrong answer; counted like any wrong answer."""
    key, attempts = _count_wrong()
    return feedback(False, _with_pointer(message, key, attempts))


def not_attempted(answer: Any) -> bool:
    """True (and a reminder printed) when the answer is still None or ``...``."""
    if answer is None or answer is Ellipsis:
        _say(f"{TODO} " + _("Not attempted yet: replace `None` with your answer and run the cell again."))
        return True
    return False


# --------------------------------------------------------------------------- reading answers


def _same_to_digits(value: float, expected: float, digits: int = 3) -> bool:
    """True when value equals expected to ``digits`` significant digits (half a unit of the last one)."""
    if expected == 0:
        return abs(value) < 10.0 ** -(digits + 6)
    unit = 10.0 ** (math.floor(math.log10(abs(expected))) - digits + 1)
    return abs(value - expected) <= 0.5 * unit * (1 + 1e-9)


def _real_number(answer: Any) -> tuple[float | None, str]:
    """(value, "") for a finite real number, else (None, why not). Runs the learner's code (guard it)."""
    kind = type(answer)
    if issubclass(kind, (bool, np.bool_)):
        return None, _f("Expected a number, got {value} (True/False is not a number here).", value=bool(answer))
    if issubclass(kind, (complex, np.complexfloating)):
        return None, _f("Expected a real number, got the complex number {number}.",
                         number=_shorten(repr(complex(answer)), 80))
    if issubclass(kind, (str, bytes, bytearray)):
        return None, _f("Expected a number, got {what}: write the number itself, without quotes.",
                         what=_plain_summary(answer))
    if issubclass(kind, np.ndarray):
        if answer.ndim > 0:
            tip = _(": take the number out of it, e.g. answer.item()") if answer.size == 1 else ""
            return None, _f("Expected a single number, got an array of shape {shape}{tip}.",
                             shape=answer.shape, tip=tip)
        if answer.dtype.kind not in "iuf":
            return None, _f("Expected a real number, got a 0-d array of {dtype}.", dtype=answer.dtype)
        answer = answer[()]
    elif issubclass(kind, (list, tuple, set, frozenset, dict)) or isinstance(answer, Iterator):
        one = kind in (list, tuple) and len(answer) == 1
        tip = _(": take the number out of it, e.g. answer[0]") if one else ""
        return None, _f("Expected a single number, got {what}{tip}.", what=_plain_summary(answer), tip=tip)
    try:
        value = float(answer)
    except OverflowError:
        return None, _f("Expected a number of a sensible size, got {what} (too large for a float).",
                         what=_plain_summary(answer))
    except (TypeError, ValueError):
        return None, _f("Expected a real number, got {what}.", what=_plain_summary(answer))
    if not math.isfinite(value):
        return None, _f("Expected a finite number, got {value}.", value=repr(value))
    return value, ""


def as_real_number(answer: Any) -> tuple[float | None, str]:
    """The learner's answer as a finite real float, or (None, a message saying why not); never raises."""
    outcome = run_learner_code(_real_number, answer)
    if outcome.timed_out:
        return None, _f("Reading your answer as a number took longer than {limit:g} s.", limit=TIME_LIMIT_S)
    if outcome.error is not None:
        return None, _f("Your answer could not be read as a number ({error}).", error=_error_text(outcome.error))
    return outcome.value


def _as_real(answer: Any) -> float | None:
    """The answer as a finite real float, or None if it is not one."""
    return as_real_number(answer)[0]


def _real_array(answer: Any, shape: tuple[int, ...]) -> tuple[np.ndarray | None, str]:
    """(float array, "") when the answer is finite real numbers of the given shape, else (None, why not)."""
    kind = type(answer)
    if issubclass(kind, (str, bytes, bytearray)):
        return None, _f("got {what}", what=_plain_summary(answer))
    if not issubclass(kind, (list, tuple, np.ndarray)):
        return None, _f("got {what}", what=_plain_summary(answer))
    try:
        raw = np.asarray(answer)
    except (TypeError, ValueError):  # ragged nesting and other shapes numpy refuses
        return None, _("got a ragged nesting of lists")
    if raw.shape != shape:
        return None, _f("got something of shape {got} instead of {shape}", got=raw.shape, shape=shape)
    if raw.dtype.kind == "O":  # e.g. integers too large for int64: read each entry as a number
        values = []
        for item in raw.flat:
            value, problem = _real_number(item)
            if value is None:
                return None, problem[:1].lower() + problem[1:].rstrip(".。")
            values.append(value)
        return np.array(values, dtype=float).reshape(shape), ""
    if raw.dtype.kind == "b":
        return None, _("got True/False values, not numbers")
    if raw.dtype.kind == "c":
        return None, _("got complex numbers")
    if raw.dtype.kind not in "iuf":
        return None, _f("got values of type {dtype}, not numbers", dtype=raw.dtype)
    with np.errstate(all="ignore"):
        values = np.array(raw, dtype=float)
    if not np.all(np.isfinite(values)):
        return None, _("got an entry that is not a finite number")
    return values, ""


def as_real_array(answer: Any, shape: tuple[int, ...]) -> tuple[np.ndarray | None, str]:
    """The learner's answer as a new float array of the given shape, or (None, why not); never raises."""
    outcome = run_learner_code(_real_array, answer, tuple(shape))
    if outcome.timed_out:
        return None, _f("reading your answer took longer than {limit:g} s", limit=TIME_LIMIT_S)
    if outcome.error is not None:
        return None, _f("your answer could not be read ({error})", error=_error_text(outcome.error))
    return outcome.value


# --------------------------------------------------------------------------- the checkers


def check_number(answer: Any, expected: float, *, hint: str, explicit: str | None = None,
                 rtol: float = 1e-6, atol: float = 1e-12) -> Result:
    """Check a numeric answer: right when within rtol, or equal to 3 significant digits."""
    if not_attempted(answer):
        return Result("not attempted")
    value, problem = as_real_number(answer)
    if value is None:
        return wrong(problem, hint, explicit)
    with np.errstate(all="ignore"):
        close = bool(np.isclose(value, expected, rtol=rtol, atol=atol)) or _same_to_digits(value, expected)
    if close:
        return feedback(True, _f("Correct: {value:.6g}.", value=value))
    if expected != 0 and abs(value - expected) <= 0.02 * abs(expected):
        return feedback(False, _f("{value:.6g} is close, but not right to 3 significant digits: give more digits.",
                                  value=value))
    return wrong(_f("{value:.6g} is not right.", value=value), hint, explicit)


def check_count(answer: Any, expected: int, *, hint: str, explicit: str | None = None,
                mistakes: dict[int, str] | None = None) -> Result:
    """Check a count: right only when exactly ``expected``; a count in ``mistakes`` gets its own hint."""
    if not_attempted(answer):
        return Result("not attempted")
    value, problem = as_real_number(answer)
    if value is None:
        return wrong(problem, hint, explicit)
    if not float(value).is_integer():
        return wrong(_f("{value:.6g} is not a whole number, and a count is.", value=value), hint, explicit)
    count = int(value)
    if count == expected:
        return feedback(True, _f("Correct: {count:,}.", count=count))
    if mistakes and count in mistakes:
        return _known_mistake(_f("{count:,} is not right: {why}", count=count, why=mistakes[count]))
    return wrong(_f("{count:,} is not right.", count=count), hint, explicit)


def _choice_key(item: Any) -> tuple[Any, str]:
    """(comparable key, problem): text stripped and case-folded, numbers to 6 significant digits."""
    if issubclass(type(item), str):
        text = item.strip().casefold()
        return text, ""
    value, problem = _real_number(item)
    if value is None:
        return None, problem
    return float(f"{value:.6g}"), ""


def _choices(answer: Any) -> tuple[frozenset | None, str]:
    """The learner's choices as a set of keys, or (None, why not). Runs the learner's code."""
    kind = type(answer)
    if issubclass(kind, str):
        items = [answer]
    elif issubclass(kind, dict):
        return None, _("Expected a set of choices, e.g. {0.5, 0.05}, got a dict.")
    elif issubclass(kind, (set, frozenset, list, tuple)) or isinstance(answer, Iterator):
        items = list(itertools.islice(iter(answer), _MAX_CHOICES + 1))
    elif issubclass(kind, np.ndarray):
        if answer.ndim > 1:
            return None, _f("Expected a set of choices, got an array of shape {shape}.", shape=answer.shape)
        items = [answer[()]] if answer.ndim == 0 else list(answer[: _MAX_CHOICES + 1])
    else:
        items = [answer]
    if len(items) > _MAX_CHOICES:
        return None, _f("Expected a set of a few choices, got more than {count:,}.", count=_MAX_CHOICES)
    keys = set()
    for item in items:
        key, problem = _choice_key(item)
        if key is None:
            return None, _f("Each choice must be a number or a word. {problem}", problem=problem)
        keys.add(key)
    return frozenset(keys), ""


def _show_choices(keys: frozenset) -> str:
    shown = sorted(f"{key:g}" if isinstance(key, float) else repr(_shorten(key, 40)) for key in keys)
    more = _f(", … ({count} in all)", count=len(shown)) if len(shown) > 10 else ""
    return "{" + ", ".join(shown[:10]) + more + "}"


def check_numbers(answer: Any, expected: tuple[float, ...], *, hint: str, explicit: str | None = None,
                  praise: str = "") -> Result:
    """Check a tuple of numbers (e.g. a pair), each right to 3 significant digits; ``praise`` follows a ✓."""
    if not_attempted(answer):
        return Result("not attempted")
    values, problem = as_real_array(answer, (len(expected),))
    example = ", ".join(str(i + 1) for i in range(len(expected)))
    if values is None:
        return wrong(_f("Expected {count} real numbers, e.g. ({example}); {problem}.", count=len(expected),
                        example=example, problem=problem), hint, explicit)
    values = [float(v) for v in values]
    shown = "(" + ", ".join(f"{v:g}" for v in values) + ")"
    if all(_same_to_digits(v, e) for v, e in zip(values, expected, strict=True)):
        return feedback(True, (_f("Correct: {shown}.", shown=shown) + sentence_gap() + praise).rstrip())
    return wrong(_f("{shown} is not right.", shown=shown), hint, explicit)


def check_choice(answer: Any, expected: set | frozenset, *, hint: str, explicit: str | None = None) -> Result:
    """Check a set (or list) of choices against the expected set; order and the case of text are ignored."""
    if not_attempted(answer):
        return Result("not attempted")
    outcome = run_learner_code(_choices, answer)
    if outcome.timed_out:
        return wrong(_f("Reading your answer took longer than {limit:g} s.", limit=TIME_LIMIT_S), hint, explicit)
    if outcome.error is not None:
        return wrong(_f("Your answer could not be read ({error}).", error=_error_text(outcome.error)),
                     hint, explicit)
    given, problem = outcome.value
    if given is None:
        return wrong(problem, hint, explicit)
    expected_keys = frozenset(_choice_key(e)[0] for e in expected)
    if given == expected_keys:
        return feedback(True, _f("Correct: {shown}.", shown=_show_choices(given)))
    if not any(isinstance(key, str) for key in expected_keys) and any(_number_text(key) for key in given):
        return wrong(_f("{shown}: write the numbers without quotes, e.g. 0.1, not '0.1'.",
                        shown=_show_choices(given)),
                     hint, explicit)
    return wrong(_f("{shown} is not right.", shown=_show_choices(given)), hint, explicit)


def _number_text(key: Any) -> bool:
    """Whether a choice is text that reads as a number ('0.1'): a learner's quotes, not a word."""
    if not isinstance(key, str):
        return False
    try:
        float(key)
    except ValueError:
        return False
    return True


def _describe(arg: Any) -> str:
    """Short text for an argument of a test case: small arrays rounded, large ones and lists of arrays by shape."""
    if isinstance(arg, (list, tuple)) and any(np.ndim(a) > 0 for a in arg):
        return _f("arrays of shapes {shapes}", shapes=", ".join(str(np.shape(a)) for a in arg))
    try:
        arr = np.asarray(arg, dtype=float)
    except (TypeError, ValueError):  # objects, ragged nesting
        return _shorten(repr(arg), 80)
    if arr.size > 12:
        return _f("an array of shape {shape}", shape=arr.shape)
    return _one_line(np.array2string(arr, precision=3)) if arr.ndim else f"{float(arr):g}"


def _read_result(result: Any) -> tuple[np.ndarray | None, str]:
    """The result of a learner's function as real numbers: (array, "") or (None, what it returned)."""
    if result is None:
        return None, _("returned None: did you forget `return`?")
    kind = type(result)
    if issubclass(kind, (str, bytes, bytearray, dict, set, frozenset)) or isinstance(result, Iterator):
        return None, _f("returned {what}, not numbers.", what=_plain_summary(result))
    try:
        raw = np.asarray(result)
    except (TypeError, ValueError):
        return None, _f("returned {what}, which is not an array of numbers (ragged?).",
                         what=_plain_summary(result))
    if raw.dtype.kind == "c":
        return None, _("returned complex numbers; the result must be real.")
    if raw.dtype.kind == "b":
        return None, _("returned True/False values, not numbers.")
    if raw.dtype.kind not in "iuf":
        return None, _f("returned {what}, not an array of numbers.", what=_plain_summary(result))
    return np.array(raw, dtype=float), ""


def check_function(func: Any, reference: Callable, cases: list[tuple], *, hint: str, explicit: str | None = None,
                   atol: float = 1e-8, rtol: float = 1e-5) -> Result:
    """Call the learner's func on each case (a tuple of arguments) and compare with reference.

    Each call gets fresh deep copies of the case's arguments; the expected value comes from another copy,
    computed before the learner's function runs.
    """
    if not_attempted(func):
        return Result("not attempted")
    if not callable(func):
        return wrong(_f("Expected a function, got {what}.", what=describe_answer(func)), hint, explicit)
    deadline = time.monotonic() + 2 * TIME_LIMIT_S
    for args in cases:
        expected = np.asarray(reference(*copy.deepcopy(args)), dtype=float)
        described = _shorten(", ".join(map(_describe, args)), 200)
        limit = min(TIME_LIMIT_S, deadline - time.monotonic())
        outcome = run_learner_code(func, *copy.deepcopy(args), limit=max(limit, 1e-3))
        if outcome.timed_out:
            took = (f"{TIME_LIMIT_S:g} s" if limit >= TIME_LIMIT_S
                    else _f("{limit:g} s for all the cases", limit=2 * TIME_LIMIT_S))
            return wrong(_f("Your function took longer than {took} for arguments ({described}) and was stopped: "
                            "look for a loop that never ends or a long wait.", took=took, described=described),
                         hint, explicit)
        if outcome.error is not None:
            return wrong(_f("Your function raised {error} for arguments ({described}).",
                            error=_error_text(outcome.error), described=described),
                         hint, explicit)
        read = run_learner_code(_read_result, outcome.value,
                                limit=max(min(TIME_LIMIT_S, deadline - time.monotonic()), 1e-3))
        if not read.ok:
            why = _("took too long") if read.timed_out else _f("failed: {error}", error=_error_text(read.error))
            return wrong(_f("Your function returned {what}, and reading it as numbers {why} "
                            "(arguments: {described}).", what=_a_type(outcome.value), why=why,
                            described=described), hint, explicit)
        got, problem = read.value
        if got is None:
            return wrong(_f("Your function {problem} (arguments: {described}).",
                            problem=problem, described=described),
                         hint, explicit)
        with np.errstate(all="ignore"):
            same = got.shape == expected.shape and bool(np.allclose(got, expected, rtol=rtol, atol=atol))
        if not same:
            shown_got, shown_expected = _array_text(got), _array_text(expected)
            shapes = (_f(" (shape {got} instead of {expected})", got=got.shape, expected=expected.shape)
                      if got.shape != expected.shape else "")
            return wrong(_f("Wrong result for arguments ({described}): {got} instead of {expected}{shapes}.",
                            described=described, got=shown_got, expected=shown_expected, shapes=shapes),
                         hint, explicit)
    return feedback(True, _f("Correct on all {count} test cases.", count=len(cases)))


def read_only(array: Any) -> np.ndarray:
    """A read-only float copy of array: exercise data that a learner's code cannot change in place."""
    frozen = np.array(array, dtype=float)
    frozen.flags.writeable = False
    return frozen
