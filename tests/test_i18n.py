"""The feedback in Chinese (course_lib.i18n): chosen by setup() or $NORMREG_LANGUAGE, complete, never failing.

Every checker, given its reference answer and its typical wrong answer (twice: hint, then explicit hint
and pointer), and every quiz, answered with each option, prints only lines with Chinese in them when the
language is zh_CN, and the same checks give the same verdicts as in English.
"""

import importlib
import re

import pytest
from test_checks import CASES, SOLUTIONS, _load
from wrong_answers import WRONG

from course_lib import i18n, notebook
from course_lib.checks import reset_attempts
from course_lib.quizzes import LESSONS, LETTERS, Choice, questions, quiz

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese():
    i18n.set_language("zh_CN")
    yield
    i18n.set_language(None)


def english_lines(printed: str) -> list[str]:
    """The printed lines without a Chinese character (a printed vector or number may have none)."""
    return [line for line in printed.splitlines() if line.strip() and not CJK.search(line)
            and re.search(r"[A-Za-z]{4,}", line)]


def test_the_language_comes_from_set_language_then_the_environment(monkeypatch):
    monkeypatch.delenv(i18n.ENVIRONMENT_VARIABLE, raising=False)
    assert i18n.language() == "en"
    monkeypatch.setenv(i18n.ENVIRONMENT_VARIABLE, "zh_CN")
    assert i18n.language() == "zh_CN"
    monkeypatch.setenv(i18n.ENVIRONMENT_VARIABLE, "klingon")  # not a language of the course: English
    assert i18n.language() == "en"
    i18n.set_language("zh_CN")
    try:
        assert i18n.language() == "zh_CN"
        i18n.set_language("en")
        assert i18n.gettext("Correct: {value:.6g}.") == "Correct: {value:.6g}."
    finally:
        i18n.set_language(None)


@pytest.mark.parametrize("bad", ["fr", "zh", "", 3])
def test_a_language_the_course_does_not_have_is_rejected(bad):
    with pytest.raises(ValueError, match="language"):
        i18n.set_language(bad)
    with pytest.raises(ValueError, match="language"):
        notebook.setup(seed=0, language=bad)


def test_a_missing_catalog_or_a_broken_translation_falls_back_to_english(monkeypatch, tmp_path, chinese):
    assert i18n.gettext("Correct: {value:.6g}.") != "Correct: {value:.6g}."
    assert i18n.gettext("a message the catalog does not have") == "a message the catalog does not have"
    monkeypatch.setattr(i18n, "gettext", lambda message: "{no_such_field}")
    assert i18n.gettext_format("Correct: {value:.6g}.", value=0.5) == "Correct: 0.5."
    monkeypatch.undo()
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n._catalog.cache_clear()
    try:
        assert i18n.gettext("Correct: {value:.6g}.") == "Correct: {value:.6g}."
    finally:
        monkeypatch.undo()
        i18n._catalog.cache_clear()


def test_setup_switches_the_feedback_to_chinese(capsys):
    try:
        notebook.setup(seed=0, language="zh_CN")
        quiz("01", 1, 7.0)
        printed = capsys.readouterr().out
        assert printed.startswith("小测验 1.1.") and "✗ 7: " in printed and english_lines(printed) == []
    finally:
        i18n.set_language(None)


@pytest.mark.parametrize(("lesson", "name"), CASES)
def test_every_checker_speaks_chinese_and_judges_as_in_english(lesson, name, capsys, chinese):
    checker = getattr(importlib.import_module(f"course_lib.checks.{lesson}"), name)
    reference = getattr(_load(SOLUTIONS / f"{lesson}.py"), name)
    reset_attempts()
    verdicts = [checker(None).correct, checker(reference).correct,
                checker(WRONG[lesson][name]).correct, checker(WRONG[lesson][name]).correct]
    assert verdicts == [None, True, False, False]
    printed = capsys.readouterr().out
    assert english_lines(printed) == [], printed
    assert f"solutions.html#lesson-{lesson[-2:]}-exercise-{name.split('_')[1]}" in printed  # the pointer


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_quiz_answer_is_explained_in_chinese(lesson, capsys, chinese):
    for number, question in enumerate(questions(lesson), start=1):
        answers = LETTERS[: len(question.options)] if isinstance(question, Choice) else [
            question.answer, 12345.0, *(value for value, _why in question.wrong)]
        for answer in [None, *answers]:
            quiz(lesson, number, answer)
        printed = capsys.readouterr().out
        assert english_lines(printed) == [], printed
