"""Every exercise checker accepts its reference solution and rejects a typical wrong answer."""

import importlib
import importlib.util
from pathlib import Path

import numpy as np
import pytest

from course_lib.checks import Result, check_choice, check_number, reset_attempts

SOLUTIONS = Path(__file__).resolve().parent.parent / "solutions"


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(f"solutions_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CASES = []
for path in sorted(SOLUTIONS.glob("lesson*.py")):
    solutions = _load(path)
    for name in sorted(n for n in vars(solutions) if n.startswith("exercise_")):
        CASES.append((path.stem, name))


def test_every_lesson_has_solutions():
    assert len({lesson for lesson, _ in CASES}) >= 1
    assert len(CASES) >= 2


@pytest.mark.parametrize(("lesson", "name"), CASES)
def test_checker_accepts_reference(lesson, name, capsys):
    solutions = _load(SOLUTIONS / f"{lesson}.py")
    checker = getattr(importlib.import_module(f"course_lib.checks.{lesson}"), name)
    result = checker(getattr(solutions, name))
    assert result.correct is True and bool(result)
    assert capsys.readouterr().out.startswith("✓")


@pytest.mark.parametrize(("lesson", "name"), CASES)
def test_checker_rejects_wrong_answer_with_hint(lesson, name, capsys):
    solutions = _load(SOLUTIONS / f"{lesson}.py")
    checker = getattr(importlib.import_module(f"course_lib.checks.{lesson}"), name)
    reset_attempts()
    first = checker(solutions.WRONG[name])
    out = capsys.readouterr().out
    assert first.correct is False and not first
    assert out.startswith("✗") and len(out) > 30  # a hint, not just the mark
    checker(solutions.WRONG[name])
    second = capsys.readouterr().out
    assert second.startswith("✗") and len(second) > 30


@pytest.mark.parametrize(("lesson", "name"), CASES)
def test_checker_does_not_raise_when_not_attempted(lesson, name, capsys):
    checker = getattr(importlib.import_module(f"course_lib.checks.{lesson}"), name)
    assert checker(None).correct is None
    assert "Not attempted" in capsys.readouterr().out


def test_check_function_reports_ragged_arguments_without_raising(capsys):
    from course_lib.checks import check_function

    cases = [([np.ones(2), np.ones(3)], 0.5)]
    ok = check_function(lambda ws, t: 0.0, lambda ws, t: 1.0, cases, hint="hint")
    assert ok.correct is False and "hint" in capsys.readouterr().out


def test_result_displays_nothing_in_a_notebook():
    result = Result("correct")
    assert result._ipython_display_() is None and bool(result) and result.correct


def test_numbers_right_to_three_significant_digits_pass(capsys):
    assert check_number(0.724, 0.72387, hint="h").correct
    assert check_number(-0.00698, -0.006979, hint="h").correct
    assert check_number(14344, 14344, hint="h").correct
    result = check_number(0.72, 0.72387, hint="h")
    assert result.correct is False and "close" in capsys.readouterr().out.splitlines()[-1]
    assert check_number(0.73, 0.72387, hint="h").correct is False


def test_first_hint_guides_second_is_explicit(capsys):
    from course_lib.checks import exercise

    @exercise
    def checker(answer):
        return check_number(answer, 2.0, hint="think about it", explicit="the answer is 2")

    reset_attempts()
    checker(3.0)
    first = capsys.readouterr().out
    checker(3.0)
    second = capsys.readouterr().out
    assert "think about it" in first and "the answer is 2" not in first
    assert "the answer is 2" in second


def test_text_choices_ignore_case_and_spaces():
    assert check_choice({" ISTA", "fista "}, {"ISTA", "FISTA"}, hint="h").correct
    assert check_choice("Yes", {"yes"}, hint="h").correct
    assert not check_choice({"ista"}, {"ISTA", "FISTA"}, hint="h")


def test_non_real_answers_are_rejected(capsys):
    for bad in (1 + 2j, "two", [1, 2], float("inf"), 10**400, True):
        assert check_number(bad, 2.0, hint="h").correct is False
