"""A checker never raises, hangs, floods the output or is corrupted by a learner's code (issue 8).

Every ``exercise_*`` of every lesson gets a battery of hostile answers and functions; each call must
return a Result quickly, print one short line, and leave the checker able to accept the reference
solution (from ``solutions/``) right after. The time limit is lowered for the hostile calls so that the
whole file stays fast; one test runs the real limit.
"""

import contextlib
import decimal
import fractions
import functools
import importlib
import importlib.util
import itertools
import signal
import sys
import threading
import time
import warnings
from pathlib import Path

import numpy as np
import pytest

import course_lib.checks as checks
from course_lib.checks import Result, check_choice, check_function, check_number, exercise, reset_attempts

SOLUTIONS = Path(__file__).resolve().parent.parent / "solutions"
LESSONS = ("lesson01", "lesson02", "lesson03", "lesson04", "lesson05", "lesson06", "lesson08")
HOSTILE_LIMIT_S = 0.1  # the time limit during the hostile calls
MAX_SECONDS = 10.0  # what the course promises for one check
MAX_OUTPUT = 800  # characters a check may print, hint included


@functools.cache
def _solutions(lesson: str):
    spec = importlib.util.spec_from_file_location(f"robust_solutions_{lesson}", SOLUTIONS / f"{lesson}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _checker(lesson: str, name: str):
    return getattr(importlib.import_module(f"course_lib.checks.{lesson}"), name)


EXERCISES = [(lesson, name) for lesson in LESSONS
             for name in sorted(vars(importlib.import_module(f"course_lib.checks.{lesson}")))
             if name.startswith("exercise_")]
FUNCTION_EXERCISES = [(lesson, name) for lesson, name in EXERCISES if callable(getattr(_solutions(lesson), name))]
ANSWER_EXERCISES = [case for case in EXERCISES if case not in FUNCTION_EXERCISES]


# --------------------------------------------------------------------------- hostile objects


class Boom(Exception):
    pass


class Hostile:
    """Every special method a checker might touch raises."""

    def _boom(self, *args, **kwargs):
        raise Boom("hostile")

    __float__ = __int__ = __index__ = __complex__ = __str__ = __repr__ = __format__ = _boom
    __eq__ = __ne__ = __lt__ = __hash__ = __len__ = __iter__ = __bool__ = __array__ = _boom
    __getitem__ = __abs__ = __neg__ = _boom

    def __getattr__(self, name):
        raise Boom(name)

    @property
    def __class__(self):
        raise Boom("__class__")


def _exit(*args, **kwargs):
    sys.exit(1)


def _loop(*args, **kwargs):
    while True:
        pass


def _sleep(*args, **kwargs):
    time.sleep(100)


def _bare_except_loop(*args, **kwargs):
    while True:
        try:
            time.sleep(100)
        except:  # noqa: E722 - the point of the test
            pass


def _bare_except_nested_loop(*args, **kwargs):
    while True:
        try:
            while True:
                pass
        except BaseException:
            continue


def _swallow_and_return(*args, **kwargs):
    try:
        while True:
            pass
    except BaseException:
        return 0.5


class Exiting:
    __float__ = __index__ = __str__ = __repr__ = __iter__ = __len__ = __array__ = __hash__ = _exit


class Looping:
    __float__ = __index__ = __str__ = __repr__ = __iter__ = __len__ = __array__ = __hash__ = _loop


class Sleeping:
    __float__ = __index__ = __str__ = __repr__ = __iter__ = __len__ = __array__ = __hash__ = _sleep


class BareExceptLooping:
    __float__ = __index__ = __str__ = __repr__ = __iter__ = __len__ = __array__ = __hash__ = _bare_except_loop


class HugeText:
    def __repr__(self):
        return "x" * 10_000_000

    __str__ = __repr__


class FloatReturnsText:
    def __float__(self):
        return "4.5"


class NamelessMeta(type):
    @property
    def __name__(cls):
        raise Boom("__name__")


class Nameless(metaclass=NamelessMeta):
    pass


def _looping_generator():
    while True:
        pass
    yield 1


def _recursive_list():
    items = [1.0]
    items.append(items)
    return items


def _deep_list(depth=100):
    items = [1.0]
    for _ in range(depth):
        items = [items]
    return items


def hostile_answers():
    """(id, answer) pairs: none of them is right for any exercise, and none may break a checker."""
    return [
        ("10**400", 10**400), ("-10**400", -10**400), ("10**30", 10**30), ("10**5000", 10**5000),
        ("nan", float("nan")), ("inf", float("inf")), ("-inf", -float("inf")), ("np.nan", np.float64("nan")),
        ("complex", 1 + 2j), ("complex-real", complex(4.5, 0)), ("np.complex", np.complex128(0.25 + 1j)),
        ("true", True), ("false", False), ("np.bool", np.bool_(True)),
        ("empty-text", ""), ("text", "yes-ish"), ("number-text", "4.5e400"), ("10MB-text", "7" * 10_000_000),
        ("bytes", b"\x00\xff" * 1000), ("bytearray", bytearray(10)),
        ("empty-list", []), ("list-1", [3.5]), ("ragged", [[1, 2], [3]]), ("deep-list", _deep_list()),
        ("recursive-list", _recursive_list()), ("tuple-3", (1, 2, 3)), ("pair-of-text", ("a", "b")),
        ("pair-complex", (1j, 2.0)), ("pair-huge", (10**400, 1.0)), ("pair-nan", (float("nan"), 1.0)),
        ("pair-bool", (True, False)), ("pair-hostile", (Hostile(), 1.0)),
        ("pair-pairs-huge", ((10**400, 1), (1, 1))),
        ("pair-pairs-objects", ((Hostile(), 1), (1, 1))), ("pair-pairs-looping", ((Looping(), 1), (1, 1))),
        ("dict", {"a": 1}), ("empty-dict", {}), ("set", {1, 2}), ("empty-set", set()),
        ("set-of-text", {"no", "YES"}), ("frozenset", frozenset({0.5})), ("set-hostile", [Hostile(), Hostile()]),
        ("list-of-lists", [[5e-05], [0.5]]), ("list-of-dicts", [{}]), ("list-of-sets", [{0.5}, set()]),
        ("set-of-tuples", {(1, 2), (3,)}), ("set-of-nan", {float("nan")}), ("set-huge-int", {10**400}),
        ("big-set", set(range(100_000))), ("big-lists", [[0.5] * 1_000_000] * 2),
        ("empty-array", np.array([])), ("array-0x2", np.zeros((0, 2))), ("array-1", np.array([3.5])),
        ("array-10**6", np.ones(10**6)), ("array-text", np.array(["a", "b"])), ("array-0d-text", np.array("x")),
        ("array-object", np.array([1, None], dtype=object)), ("array-0d-complex", np.array(1j)),
        ("array-3d", np.ones((2, 2, 2))), ("array-bool", np.array([True, False])),
        ("datetime", np.datetime64("2020-01-01")), ("timedelta", np.timedelta64(5, "s")),
        ("longdouble-huge", _huge_longdouble()),
        ("decimal-nan", decimal.Decimal("NaN")), ("decimal-huge", decimal.Decimal("1e400")),
        ("fraction", fractions.Fraction(1, 3)), ("object", object()), ("exception", ValueError("x")),
        ("type", int), ("module", np), ("builtin", len), ("not-implemented", NotImplemented),
        ("range-huge", range(10**12)), ("generator", (x for x in range(3))), ("count", itertools.count()),
        ("repeat", itertools.repeat(0.5)), ("empty-iterator", iter([])),
        ("looping-generator", _looping_generator()),
        ("hostile", Hostile()), ("exiting", Exiting()), ("looping", Looping()), ("sleeping", Sleeping()),
        ("bare-except-looping", BareExceptLooping()), ("huge-repr", HugeText()),
        ("float-returns-text", FloatReturnsText()), ("nameless-type", Nameless()),
        ("class-with-long-name", type("C" * 100_000, (), {})()),
    ]


def _huge_longdouble():
    """Larger than any float where long double has a wider range, else the largest float."""
    huge = np.longdouble("1e400")
    return huge if np.isfinite(huge) else np.longdouble(np.finfo(float).max)


def _solution(lesson, name):
    return getattr(_solutions(lesson), name)


class BadStrError(Exception):
    def __str__(self):
        raise Boom("no text")

    __repr__ = __str__


class LoopingStrError(Exception):
    def __str__(self):
        while True:
            pass


class HugeStrError(Exception):
    def __str__(self):
        return "e" * 10_000_000


def _raise(exc):
    def func(*args, **kwargs):
        raise exc

    return func


def _mutate(value):
    """Write NaN (or garbage) into value in place, recursively."""
    if isinstance(value, np.ndarray) and value.flags.writeable:
        if value.dtype.kind == "f":
            value[...] = np.nan
        else:
            value[...] = 0
    elif isinstance(value, list):
        for item in value:
            _mutate(item)
        value.append(np.ones(3))


def hostile_functions(lesson, name):
    """(id, function) pairs for a function exercise."""
    right = _solution(lesson, name)

    def mutate_then_compute(*args):
        for arg in args:
            _mutate(arg)
        return right(*args)

    def normalise_in_place(*args):  # the ista_step: normalises every array argument in place
        for arg in args:
            if isinstance(arg, np.ndarray) and arg.dtype.kind == "f":
                arg /= np.linalg.norm(arg) or 1.0
        return right(*args)

    def compute_then_mutate(*args):  # right result, then garbage in the arguments: may pass
        result = right(*args)
        for arg in args:
            _mutate(arg)
        return result

    def scribble_on_module_data(*args):
        module = importlib.import_module(f"course_lib.checks.{lesson}")
        for value in vars(module).values():
            if isinstance(value, np.ndarray):
                value[...] = np.nan  # read-only: raises ValueError
        return right(*args)

    def answer_as(kind):
        def func(*args):
            value = np.asarray(right(*args))
            return {"complex": value + 1j, "text": str(value.tolist()), "object": value.astype(object),
                    "bool": value > 0, "list-of-1": [value.tolist()], "nan": value * np.nan,
                    "huge": np.zeros(10**7), "wrong-shape": np.zeros((3, 3, 3)), "dict": {"value": value},
                    "set": {1.0}, "generator": (v for v in value.ravel()), "hostile": Hostile(),
                    "looping": Looping(), "exiting": Exiting(), "huge-text": "x" * 10_000_000,
                    "ragged": [[1.0], [1.0, 2.0]], "string-array": value.astype(str)}[kind]
        return func

    kinds = ["complex", "text", "object", "bool", "list-of-1", "nan", "huge", "wrong-shape", "dict", "set",
             "generator", "hostile", "looping", "exiting", "huge-text", "ragged", "string-array"]
    return [
        ("raises", _raise(ValueError("boom"))), ("raises-bad-str", _raise(BadStrError())),
        ("raises-looping-str", _raise(LoopingStrError())), ("raises-huge-str", _raise(HugeStrError())),
        ("raises-system-exit", _exit), ("raises-system-exit-0", _raise(SystemExit(0))),
        ("raises-generator-exit", _raise(GeneratorExit())), ("raises-stop-iteration", _raise(StopIteration())),
        ("raises-memory-error", _raise(MemoryError())), ("recursion", lambda *a: hostile_recursion(*a)),
        ("loops", _loop), ("sleeps", _sleep), ("bare-except-loop", _bare_except_loop),
        ("bare-except-nested-loop", _bare_except_nested_loop), ("swallows-time-out", _swallow_and_return),
        ("returns-none", lambda *a: None), ("no-arguments", lambda: 1.0), ("class", dict),
        ("mutates-arguments", mutate_then_compute), ("normalises-in-place", normalise_in_place),
        ("right-then-mutates", compute_then_mutate), ("scribbles-on-module-data", scribble_on_module_data),
        *((f"returns-{kind}", answer_as(kind)) for kind in kinds),
    ]


def hostile_recursion(*args):
    return hostile_recursion(*args)


# --------------------------------------------------------------------------- the battery


def _state():
    return signal.getsignal(signal.SIGALRM), sys.gettrace(), signal.getitimer(signal.ITIMER_REAL)


def _call_hostile(checker, answer, capsys, monkeypatch):
    """Call checker(answer) under the short limit; check the promises; return (result, printed text, warnings)."""
    monkeypatch.setattr(checks, "TIME_LIMIT_S", HOSTILE_LIMIT_S)
    before = _state()
    capsys.readouterr()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        start = time.monotonic()
        result = checker(answer)
        elapsed = time.monotonic() - start
    out = capsys.readouterr().out
    assert _state() == before, "the checker did not restore the signal handler, timer or trace function"
    assert isinstance(result, Result)
    assert elapsed < MAX_SECONDS and elapsed < 40 * HOSTILE_LIMIT_S, f"took {elapsed:.2f} s"
    assert len(out) <= MAX_OUTPUT and out.count("\n") == 1, f"printed {len(out)} characters: {out[:200]!r}"
    assert "checker itself failed" not in out, out
    monkeypatch.setattr(checks, "TIME_LIMIT_S", 3.0)
    return result, out, caught


def _reference_still_passes(lesson, name, capsys):
    capsys.readouterr()
    result = _checker(lesson, name)(_solution(lesson, name))
    out = capsys.readouterr().out
    assert result.correct is True, f"the reference solution failed after a hostile answer: {out}"
    assert out.startswith("✓")


def test_every_exercise_is_covered():
    assert len(EXERCISES) == 24 and len(FUNCTION_EXERCISES) == 6
    for lesson, name in EXERCISES:
        assert hasattr(_solutions(lesson), name), f"no reference solution for {lesson}.{name}"


ANSWERS = dict(hostile_answers())  # looked up by id: pytest itself must not touch the hostile objects


@pytest.mark.parametrize(("lesson", "name"), EXERCISES)
@pytest.mark.parametrize("answer_id", list(ANSWERS))
def test_hostile_answer(lesson, name, answer_id, capsys, monkeypatch):
    reset_attempts()
    result, out, caught = _call_hostile(_checker(lesson, name), ANSWERS[answer_id], capsys, monkeypatch)
    assert result.correct is False and out.startswith("✗"), out
    assert not [w for w in caught if "course_lib" in str(w.filename)], [str(w.message) for w in caught]
    _reference_still_passes(lesson, name, capsys)


# Functions that may well be right: garbage written into their own copies after computing, arrays normalised
# that are not there (lesson03's list of arrays), module arrays that the lesson does not have.
MAY_PASS = {"right-then-mutates", "normalises-in-place", "scribbles-on-module-data"}
FUNCTION_IDS = [fid for fid, _ in hostile_functions("lesson01", "exercise_4")]


@pytest.mark.parametrize(("lesson", "name"), FUNCTION_EXERCISES)
@pytest.mark.parametrize("function_id", FUNCTION_IDS)
def test_hostile_function(lesson, name, function_id, capsys, monkeypatch):
    reset_attempts()
    func = dict(hostile_functions(lesson, name))[function_id]
    result, out, _ = _call_hostile(_checker(lesson, name), func, capsys, monkeypatch)
    if function_id not in MAY_PASS:
        assert result.correct is False and out.startswith("✗"), out
    _reference_still_passes(lesson, name, capsys)


@pytest.mark.parametrize(("lesson", "name"), ANSWER_EXERCISES)
def test_functions_given_for_answers_are_rejected(lesson, name, capsys, monkeypatch):
    for _, func in hostile_functions("lesson01", "exercise_4")[:12]:
        result, out, _ = _call_hostile(_checker(lesson, name), func, capsys, monkeypatch)
        assert result.correct is False, out
    _reference_still_passes(lesson, name, capsys)


# --------------------------------------------------------------------------- the reports, one by one


@pytest.mark.parametrize(("lesson", "name"), ANSWER_EXERCISES)
def test_huge_integer_is_a_wrong_answer_not_an_overflow(lesson, name, capsys):
    assert _checker(lesson, name)(10**400).correct is False
    assert "an integer of about 401 digits" in capsys.readouterr().out


def test_sys_exit_and_unprintable_exceptions_are_reported(capsys):
    from course_lib.checks import lesson01

    assert lesson01.exercise_4(_exit).correct is False
    assert "SystemExit" in capsys.readouterr().out
    assert lesson01.exercise_4(_raise(BadStrError())).correct is False
    assert "raised BadStrError for arguments" in capsys.readouterr().out


def test_keyboard_interrupt_is_never_caught(capsys):
    from course_lib.checks import lesson01, lesson04

    before = _state()
    with pytest.raises(KeyboardInterrupt):
        lesson01.exercise_4(_raise(KeyboardInterrupt()))

    class Interrupting:
        def __float__(self):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        lesson04.exercise_1(Interrupting())
    assert _state() == before


def test_endless_loop_is_stopped_at_the_real_time_limit(capsys):
    from course_lib.checks import lesson02

    assert checks.TIME_LIMIT_S == 3.0
    start = time.monotonic()
    result = lesson02.exercise_3(_bare_except_loop)
    elapsed = time.monotonic() - start
    out = capsys.readouterr().out
    assert result.correct is False and "took longer than 3 s" in out and "Hint:" in out
    assert 2.9 < elapsed < 6.0
    assert lesson02.exercise_3(_solution("lesson02", "exercise_3")).correct


def test_all_cases_together_get_twice_the_limit(capsys, monkeypatch):
    from course_lib.checks import lesson01

    monkeypatch.setattr(checks, "TIME_LIMIT_S", 0.3)
    right = _solution("lesson01", "exercise_4")

    def slow(x, t):
        time.sleep(0.25)  # under the limit per call, but 4 cases take longer than 0.6 s together
        return right(x, t)

    start = time.monotonic()
    result = lesson01.exercise_4(slow)
    elapsed = time.monotonic() - start
    assert result.correct is False and "0.6 s for all the cases" in capsys.readouterr().out
    assert elapsed < 1.5  # 0.6 s, and some slack for a busy machine


@pytest.mark.parametrize(("lesson", "name"), EXERCISES)
def test_right_plus_1j_is_rejected(lesson, name, capsys):
    right = _solution(lesson, name)
    if callable(right):
        answer = lambda *args: np.asarray(right(*args)) + 1j  # noqa: E731
    elif isinstance(right, (set, frozenset)):
        answer = {complex(v, 1) for v in right}
    else:
        answer = np.asarray(right) + 1j
    assert _checker(lesson, name)(answer).correct is False
    assert "complex" in capsys.readouterr().out


@pytest.mark.parametrize(("lesson", "name"), FUNCTION_EXERCISES)
def test_returning_none_is_reported_as_a_missing_return(lesson, name, capsys):
    assert _checker(lesson, name)(lambda *args: None).correct is False
    out = capsys.readouterr().out
    assert "returned None: did you forget `return`?" in out and "nan" not in out


def test_ista_step_normalising_x_in_place_does_not_corrupt_later_checks(capsys):
    from course_lib.checks import lesson02

    right_lambda_max = _solution("lesson02", "exercise_1")
    right_step = _solution("lesson02", "exercise_3")
    x_before, y_before = lesson02.EXERCISE_X.copy(), lesson02.EXERCISE_Y.copy()

    def ista_step(w, X, y, lam, step):
        X -= X.mean(axis=0)
        X /= X.std(axis=0)
        return right_step(w, X, y, lam, step)

    def ista_step_nan(w, X, y, lam, step):
        X[0, 0] = np.nan
        y[:] = np.nan
        return right_step(w, X, y, lam, step)

    for bad in (ista_step, ista_step_nan):
        capsys.readouterr()
        result = lesson02.exercise_3(bad)
        assert result.correct is False and capsys.readouterr().out.startswith("✗")
        assert lesson02.exercise_1(right_lambda_max).correct
        assert lesson02.exercise_3(right_step).correct
        assert lesson02.exercise_4(30.0).correct
    np.testing.assert_array_equal(lesson02.EXERCISE_X, x_before)
    np.testing.assert_array_equal(lesson02.EXERCISE_Y, y_before)


def test_learner_functions_get_writeable_copies(capsys):
    from course_lib.checks import lesson02

    seen = []

    def spy(w, X, y, lam, step):
        seen.append((X is lesson02.EXERCISE_X, X.flags.writeable, y.flags.writeable, w.flags.writeable))
        return _solution("lesson02", "exercise_3")(w, X, y, lam, step)

    assert lesson02.exercise_3(spy).correct
    assert seen and all(entry == (False, True, True, True) for entry in seen)


MODULE_DATA = [("lesson01", "EXERCISE_VECTOR"), ("lesson01", "EXERCISE_MATRIX"), ("lesson02", "EXERCISE_X"),
               ("lesson02", "EXERCISE_Y"), ("lesson05", "EXERCISE_CODES"), ("lesson06", "METHOD_A"),
               ("lesson06", "METHOD_B")]


@pytest.mark.parametrize(("lesson", "attribute"), MODULE_DATA)
def test_module_data_is_read_only_and_checks_survive_edits(lesson, attribute, capsys):
    module = importlib.import_module(f"course_lib.checks.{lesson}")
    array = getattr(module, attribute)
    with pytest.raises(ValueError, match="read-only"):
        array[(0,) * array.ndim] = np.nan
    names = sorted(n for n in vars(module) if n.startswith("exercise_"))
    answers = {name: _solution(lesson, name) for name in names}  # (some solutions read the arrays on import)
    saved = array.copy()
    try:  # a determined learner can switch the flag back: the checkers compute from private copies
        array.flags.writeable = True
        array[...] = np.nan
        for name in names:
            assert getattr(module, name)(answers[name]).correct, capsys.readouterr().out
    finally:
        array[...] = saved
        array.flags.writeable = False


def test_choice_sets_cannot_be_edited():
    from course_lib.checks import lesson06

    with pytest.raises(AttributeError):
        lesson06.DEMO_KEEPS_HALF.add(0.5)


# --------------------------------------------------------------------------- what is accepted, and how


def test_numpy_scalars_and_0d_arrays_are_numbers_but_lists_and_1_element_arrays_are_not(capsys):
    for good in (0.72387, np.float64(0.72387), np.float32(0.72387), np.array(0.72387), np.longdouble(0.72387),
                 fractions.Fraction(72387, 100000), decimal.Decimal("0.72387")):
        assert check_number(good, 0.72387, hint="h").correct, good
    assert check_number(np.int64(14344), 14344, hint="h").correct
    assert check_number(np.array(14344, dtype=np.uint16), 14344, hint="h").correct
    capsys.readouterr()
    for bad in ([0.72387], (0.72387,), np.array([0.72387]), np.array([[0.72387]])):
        assert check_number(bad, 0.72387, hint="h").correct is False
        assert "Expected a single number" in capsys.readouterr().out
    assert check_number("0.72387", 0.72387, hint="h").correct is False
    assert "without quotes" in capsys.readouterr().out


def test_pairs_accept_tuples_lists_and_arrays():
    from course_lib.checks import lesson01, lesson05

    for pair in ((0.25, 1.0), [0.25, 1], np.array([0.25, 1.0]), (np.float32(0.25), np.array(1.0))):
        assert lesson05.exercise_4(pair).correct, pair
    assert lesson05.exercise_4((1, 1)).correct is False
    assert lesson01.exercise_2(np.array([[1.0, 0.1], [0.1, 1.0]])).correct
    assert lesson01.exercise_2([[10**300, 10**299], [10**299, 10**300]]).correct  # too large for int64, not floats


def test_choices_accept_any_collection_and_ignore_float_noise(capsys):
    expected = {0.00005}
    for good in ({0.00005}, [5e-05, 5e-05], (5e-05,), frozenset({5e-05}), np.array([5e-05]),
                 (lam for lam in (0.5, 0.00005) if lam < 0.001), {np.float32(5e-05)}, 0.00005):
        assert check_choice(good, expected, hint="h").correct, good
    assert check_choice({"Yes "}, {"yes"}, hint="h").correct
    capsys.readouterr()
    assert check_choice([[5e-05]], expected, hint="h").correct is False
    assert "Each choice must be a number or a word" in capsys.readouterr().out


def test_not_attempted_is_unchanged(capsys):
    for lesson, name in EXERCISES:
        for answer in (None, ...):
            assert _checker(lesson, name)(answer).correct is None
            assert capsys.readouterr().out.startswith("… Not attempted yet")


def test_large_answers_are_summarised(capsys):
    check_number("7" * 10_000_000, 2.0, hint="h")
    out = capsys.readouterr().out
    assert "a text of 10,000,000 characters" in out and len(out) < 200
    check_function(lambda x: np.arange(10**6), lambda x: x, [(np.ones(3),)], hint="h")
    out = capsys.readouterr().out
    assert "shape (1000000,) instead of (3,)" in out and len(out) < 400


# --------------------------------------------------------------------------- the time limit's manners


def test_outer_timer_and_handler_are_restored(capsys, monkeypatch):
    from course_lib.checks import lesson01

    monkeypatch.setattr(checks, "TIME_LIMIT_S", 0.1)
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(time.monotonic()))
    try:
        start = time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        assert lesson01.exercise_4(_loop).correct is False
        delay, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0.05 < delay < 0.45 and not fired  # the outer timer goes on where it was
        while not fired and time.monotonic() - start < 2:
            time.sleep(0.01)
        assert fired and 0.45 < fired[0] - start < 1.0

        fired.clear()  # an outer timer that expires first: the learner's code is cut at its time, then it fires
        monkeypatch.setattr(checks, "TIME_LIMIT_S", 1.0)
        start = time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, 0.1)
        assert lesson01.exercise_4(_loop).correct is False
        time.sleep(0.05)
        assert fired and time.monotonic() - start < 0.5
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_checks_work_outside_the_main_thread(capsys):
    from course_lib.checks import lesson01

    results = []

    def work():
        results.append(lesson01.exercise_4(_solution("lesson01", "exercise_4")))
        results.append(lesson01.exercise_4(_raise(SystemExit(2))))
        results.append(lesson01.exercise_1(10**400))

    before = _state()
    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert [r.correct for r in results] == [True, False, False]
    assert _state() == before


def test_a_broken_stdout_does_not_make_a_checker_raise():
    class Broken:
        def write(self, text):
            raise OSError("broken pipe")

        def flush(self):
            raise OSError("broken pipe")

    with contextlib.redirect_stdout(Broken()):
        assert check_number(2.0, 2.0, hint="h").correct
        assert check_number(Hostile(), 2.0, hint="h").correct is False


def test_a_failing_checker_reports_instead_of_raising(capsys):
    @exercise
    def buggy(answer):
        raise RuntimeError("bug")

    assert buggy(1.0).correct is False
    assert "checker itself failed" in capsys.readouterr().out
