"""Every exercise checker accepts its reference solution and rejects a typical wrong answer."""

import importlib
import importlib.util
from pathlib import Path

import numpy as np
import pytest

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
    assert checker(getattr(solutions, name)) is True
    assert capsys.readouterr().out.startswith("✓")


@pytest.mark.parametrize(("lesson", "name"), CASES)
def test_checker_rejects_wrong_answer_with_hint(lesson, name, capsys):
    solutions = _load(SOLUTIONS / f"{lesson}.py")
    checker = getattr(importlib.import_module(f"course_lib.checks.{lesson}"), name)
    assert checker(solutions.WRONG[name]) is False
    out = capsys.readouterr().out
    assert out.startswith("✗") and len(out) > 30  # a hint, not just the mark


@pytest.mark.parametrize(("lesson", "name"), CASES)
def test_checker_does_not_raise_when_not_attempted(lesson, name, capsys):
    checker = getattr(importlib.import_module(f"course_lib.checks.{lesson}"), name)
    assert checker(None) is None
    assert "Not attempted" in capsys.readouterr().out


def test_check_function_reports_ragged_arguments_without_raising(capsys):
    from course_lib.checks import check_function

    cases = [([np.ones(2), np.ones(3)], 0.5)]
    ok = check_function(lambda ws, t: 0.0, lambda ws, t: 1.0, cases, hint="hint")
    assert ok is False and "hint" in capsys.readouterr().out
