"""Every exercise checker accepts its reference solution and rejects a typical wrong answer.

The reference answers are in solutions/lessonNN.py, the typical wrong answers in tests/wrong_answers.py.
"""

import importlib
import importlib.util
import re
from pathlib import Path

import numpy as np
import pytest
from wrong_answers import WRONG

from course_lib.checks import Result, check_choice, check_number, reset_attempts

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"


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


def test_every_checked_exercise_has_a_typical_wrong_answer_and_solutions_have_none():
    assert sorted((lesson, name) for lesson, answers in WRONG.items() for name in answers) == sorted(CASES)
    for path in sorted(SOLUTIONS.glob("lesson*.py")):
        assert "WRONG" not in vars(_load(path)), f"{path.name}: the wrong answers belong in tests/wrong_answers.py"


@pytest.mark.parametrize(("lesson", "name"), CASES)
def test_checker_accepts_reference(lesson, name, capsys):
    solutions = _load(SOLUTIONS / f"{lesson}.py")
    checker = getattr(importlib.import_module(f"course_lib.checks.{lesson}"), name)
    result = checker(getattr(solutions, name))
    assert result.correct is True and bool(result)
    assert capsys.readouterr().out.startswith("✓")


@pytest.mark.parametrize(("lesson", "name"), CASES)
def test_checker_rejects_wrong_answer_with_hint(lesson, name, capsys):
    checker = getattr(importlib.import_module(f"course_lib.checks.{lesson}"), name)
    reset_attempts()
    first = checker(WRONG[lesson][name])
    out = capsys.readouterr().out
    assert first.correct is False and not first
    assert out.startswith("✗") and len(out) > 30  # a hint, not just the mark
    assert "Reference answer" not in out  # the first wrong try gets a hint only
    checker(WRONG[lesson][name])
    second = capsys.readouterr().out
    assert second.startswith("✗") and len(second) > 30
    number = int(name.split("_")[1])
    pointer = (f"solutions/{lesson}.py in the course folder, or the website's Solutions page "
               f"(solutions.html#lesson-{lesson[-2:]}-exercise-{number}).")
    assert second.rstrip("\n").endswith(pointer), second  # the second points to the explained answer
    assert second.count("\n") == 1 and len(second) <= 800


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


def test_the_second_wrong_answer_points_to_the_explained_solution(capsys):
    """Issue 18: from the second wrong answer on, the line ends with where the answer is explained."""
    from course_lib.checks import lesson01, solution_pointer

    reset_attempts()
    lesson01.exercise_3(1.0)
    first = capsys.readouterr().out
    lesson01.exercise_3(1.0)
    second = capsys.readouterr().out
    lesson01.exercise_3(1.0)
    third = capsys.readouterr().out
    assert "solutions/" not in first and "solutions.html" not in first
    assert third == second
    found = re.search(r"(solutions/lesson\d\d\.py) in the course folder, .*"
                      r"solutions\.html#(lesson-\d\d-exercise-\d+)\)", second)
    assert found, second
    assert (ROOT / found.group(1)).is_file() and found.group(2) == "lesson-01-exercise-3"
    assert solution_pointer("tests.test_checks.checker") == ""  # only the lessons' checkers point
    assert solution_pointer("course_lib.checks.lesson07.exercise_4").endswith(
        "solutions/lesson07.py in the course folder, or the website's Solutions page "
        "(solutions.html#lesson-07-exercise-4).")


def test_the_pointer_survives_a_long_hint_within_one_line(capsys):
    from course_lib.checks import exercise

    def long_checker(answer):
        return check_number(answer, 2.0, hint="h", explicit="x" * 2000)

    long_checker.__module__, long_checker.__qualname__ = "course_lib.checks.lesson01", "exercise_2"
    checker = exercise(long_checker)
    reset_attempts()
    checker(3.0)
    capsys.readouterr()
    checker(3.0)
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and len(out) <= 800
    assert out.rstrip("\n").endswith("(solutions.html#lesson-01-exercise-2).") and "x…" in out


def test_a_recognised_mistake_counts_as_a_wrong_answer(capsys):
    """lesson 06's count_params() answer gets its own message; the next wrong answer is the second one."""
    from course_lib.checks import lesson06

    reset_attempts()
    lesson06.exercise_1(14_410)
    first = capsys.readouterr().out
    lesson06.exercise_1(14_345)
    second = capsys.readouterr().out
    assert "biases" in first and "solutions.html" not in first
    assert "5·5·16" in second and second.rstrip("\n").endswith("(solutions.html#lesson-06-exercise-1).")


def test_text_choices_ignore_case_and_spaces():
    assert check_choice({" ISTA", "fista "}, {"ISTA", "FISTA"}, hint="h").correct
    assert check_choice("Yes", {"yes"}, hint="h").correct
    assert not check_choice({"ista"}, {"ISTA", "FISTA"}, hint="h")


def test_non_real_answers_are_rejected(capsys):
    for bad in (1 + 2j, "two", [1, 2], float("inf"), 10**400, True):
        assert check_number(bad, 2.0, hint="h").correct is False


def test_lesson05_loophole_praise_does_not_claim_the_constraint_closes_it(capsys):
    """With a deeper ReLU decoder the unit-norm constraint blocks one rescaling path, not all (lesson 05)."""
    from course_lib.checks import lesson05

    reset_attempts()
    lesson05.exercise_4((0.25, 1.0))
    praise = capsys.readouterr().out
    assert praise.startswith("✓") and "loophole" in praise
    assert "closes" not in praise and "not the one through a deeper ReLU layer" in praise


def test_lesson02_lambda_max_without_the_absolute_value_fails(capsys):
    """2·max(Xᵀy) without np.abs once passed exercise 1 by luck (the largest |entry| was positive)."""
    from course_lib.checks import lesson02

    X, y = lesson02.EXERCISE_X, lesson02.EXERCISE_Y
    reset_attempts()
    assert not lesson02.exercise_1(2 * np.max(X.T @ y)).correct
    assert lesson02.exercise_1(2 * np.max(np.abs(X.T @ y))).correct


def test_lesson06_count_params_gets_the_bias_hint_not_more_digits(capsys):
    """model.count_params() (biases counted) once got "close ... give more digits"; counts match exactly."""
    from course_lib.checks import lesson06

    reset_attempts()
    assert not lesson06.exercise_1(14_410).correct
    out = capsys.readouterr().out
    assert "biases" in out and "more digits" not in out
    assert not lesson06.exercise_1(14_344.5).correct and not lesson06.exercise_1(14_345).correct
    assert lesson06.exercise_1(14_344).correct and lesson06.exercise_1(14_344.0).correct


def test_lesson04_about_answers_within_five_percent_pass(capsys):
    """Exercise 2 asks "about": 0.78 and 0.8 for c·√n0 = 0.775 pass; c·√2000 = 0.894 does not."""
    from course_lib.checks import lesson04

    reset_attempts()
    assert lesson04.exercise_2(0.78).correct and lesson04.exercise_2(0.8).correct
    assert not lesson04.exercise_2(0.02 * np.sqrt(2000)).correct


def test_lesson05_per_digit_mse_over_two_axes_only_fails_on_the_sources_layout(capsys):
    """np.mean(..., axis=(1, 2)) once passed exercise 2; it returns (N, 1) for images of shape (N, 28, 28, 1)."""
    from course_lib.checks import lesson05

    reset_attempts()
    assert not lesson05.exercise_2(lambda x, x_hat: np.mean((x - x_hat) ** 2, axis=(1, 2))).correct
    assert lesson05.exercise_2(lambda x, x_hat: ((x - x_hat) ** 2).reshape(len(x), -1).mean(axis=1)).correct


def test_lesson01_explicit_hint_does_not_give_the_answer(capsys):
    """Exercise 2's second hint once printed the reference pair (1, 0.1), (0.1, 1)."""
    from course_lib.checks import lesson01

    reset_attempts()
    for _ in range(2):  # the second wrong try shows the explicit hint
        lesson01.exercise_2(((1.0, 2.0), (2.0, 4.0)))
    out = capsys.readouterr().out
    assert "ε" in out and "0.1" not in out


def test_lesson07_hints_name_the_right_quantity_and_default(capsys):
    """Exercise 3's hint described what remains instead of what thresholding removed; exercise 4 named seed=1."""
    from course_lib.checks import lesson07

    reset_attempts()
    for _ in range(2):
        lesson07.exercise_3(lambda y, t, sigma: 0.0)
        lesson07.exercise_4(0.05)
    out = capsys.readouterr().out
    assert "removed" in out and "what remains" not in out
    assert "seed=0" in out and "seed=1" not in out
    import inspect

    from course_lib import restoration
    assert inspect.signature(restoration.tv_sure).parameters["seed"].default == 0


def test_lesson05_exercise_1_is_not_a_number_printed_in_the_lesson(capsys):
    """Exercise 1 once asked for 100,352, printed in section 1; it now asks for another image shape."""
    from course_lib.checks import lesson05

    reset_attempts()
    assert not lesson05.exercise_1(28 * 28 * 128).correct
    assert not lesson05.exercise_1(32 * 32 * 3 * 16).correct
    assert "colours" in capsys.readouterr().out
    assert lesson05.exercise_1(16_384).correct


def test_lesson02_count_message_is_grammatical_for_one_weight(capsys):
    """Review 0102 N14: "1 non-zero weights"."""
    from course_lib.checks import lesson02

    reset_attempts()
    lesson02.exercise_4(100.0)  # λ = 100 leaves one feature
    out = capsys.readouterr().out
    assert "1 non-zero weight," in out and "1 non-zero weights" not in out


def test_a_number_in_quotes_is_told_to_drop_the_quotes(capsys):
    """Review 06 N13: '0.1' (a string) got "{'0.1'} is not right", which reads as a wrong value."""
    from course_lib.checks import lesson07

    reset_attempts()
    assert not lesson07.exercise_4("0.1").correct
    assert "without quotes" in capsys.readouterr().out
    assert not check_choice({"a"}, {"b"}, hint="h").correct  # words stay words
    assert "without quotes" not in capsys.readouterr().out
