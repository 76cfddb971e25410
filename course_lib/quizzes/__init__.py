"""Concept quizzes: a few questions per lesson, written once, asked in the notebook and on the website.

Each lesson's questions live in ``course_lib/quizzes/lessonNN.py`` as a list ``QUESTIONS`` of
:class:`Choice` (one right option among several) and :class:`Number` questions. Every wrong option
carries its own explanation, and so does the right one. Questions test understanding, not the recall
of a printed value; their text is plain Unicode (λ, ‖w‖₁), no TeX, so that it reads the same in a
notebook's output and on a web page.

In a notebook, a quiz cell (placed by ``tools/quizzes.py`` at the end of the section named by the
question's ``after``) reads::

    answer = None  # your choice: "a", "b", ...
    quiz("01", 1, answer)

With ``answer = None`` it prints the question; with an answer it prints ✓ or ✗ and the explanation
of the option chosen. Like every checker of :mod:`course_lib.checks`, it never raises on what a
learner writes. The website renders the same questions as a form answered in the page
(``docs/_ext/normreg_site.py`` and ``docs/_static/normreg.js``), offline.
"""

from __future__ import annotations

import importlib
import math
import re
from dataclasses import dataclass
from typing import Any

from ..checks import FAIL, PASS, TODO, Result, _say, _shorten, as_real_number, exercise
from ..i18n import gettext as _
from ..i18n import gettext_format as _f
from ..i18n import pgettext, sentence_gap

LESSONS = ("01", "02", "03", "04", "05", "06", "07", "08")
LETTERS = "abcdefgh"


@dataclass(frozen=True)
class Option:
    """One answer of a multiple-choice question, and why it is right or wrong."""

    text: str
    why: str
    correct: bool = False


@dataclass(frozen=True)
class Choice:
    """A question with one right option; ``after`` is the heading of the section it follows."""

    after: str
    prompt: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Number:
    """A question answered with a number, right within ``rel_tol``; ``wrong`` holds typical wrong
    values, each with the explanation of the mistake that gives it."""

    after: str
    prompt: str
    answer: float
    why: str
    rel_tol: float = 0.01
    hint: str = ""
    wrong: tuple[tuple[float, str], ...] = ()


Question = Choice | Number


def questions(lesson: str) -> list[Question]:
    """The quiz questions of a lesson ("01" … "08"), in the order the lesson asks them."""
    if lesson not in LESSONS:
        raise ValueError(f"lesson must be one of {', '.join(LESSONS)}, got {lesson!r}"[:200])
    return list(importlib.import_module(f"{__name__}.lesson{lesson}").QUESTIONS)


def problems(question: Question) -> list[str]:
    """What is wrong with a question's data (empty when it can be asked): the tests run this on every one."""
    found = []
    texts = [question.after, question.prompt]
    if isinstance(question, Choice):
        right = [option for option in question.options if option.correct]
        if len(right) != 1:
            found.append(f"{len(right)} right options (one is needed)")
        if not 3 <= len(question.options) <= len(LETTERS):
            found.append(f"{len(question.options)} options (3 to {len(LETTERS)})")
        whys = [option.why.strip() for option in question.options]
        if any(len(why.split()) < 6 for why in whys) or len(set(whys)) != len(whys):
            found.append("every option needs its own explanation (6 words or more)")
        texts += [text for option in question.options for text in (option.text, option.why)]
    elif isinstance(question, Number):
        if not (math.isfinite(question.answer) and 0 < question.rel_tol < 0.5):
            found.append("the answer must be finite and rel_tol in (0, 0.5)")
        if len(question.why.split()) < 6:
            found.append("the answer needs an explanation (6 words or more)")
        for value, why in question.wrong:
            if _close(value, question.answer, question.rel_tol):
                found.append(f"the wrong value {value:g} would be accepted as right")
            if len(why.split()) < 6:
                found.append(f"the wrong value {value:g} needs an explanation")
        texts += [question.why, question.hint, *(why for _, why in question.wrong)]
    else:
        found.append(f"not a Choice or a Number: {type(question).__name__}")
    if any("$" in text or "\\(" in text for text in texts):
        found.append("TeX in the text: write plain Unicode (λ, ‖w‖₁), it is shown as it is")
    return found


def _close(value: float, expected: float, rel_tol: float) -> bool:
    return math.isclose(value, expected, rel_tol=rel_tol, abs_tol=rel_tol * 1e-9)


def question_text(lesson: str, number: int, question: Question) -> str:
    """The question as a notebook prints it, options lettered a), b), … (in the feedback's language)."""
    lines = [_f("Quiz {lesson}.{number}.", lesson=int(lesson), number=number) + " " + _quiz(question.prompt)]
    if isinstance(question, Choice):
        lines += [f"  {LETTERS[i]}) {_quiz(option.text)}" for i, option in enumerate(question.options)]
    return "\n".join(lines)


def _quiz(text: str) -> str:
    """A question's text in the feedback's language (from the lesson's catalog, context "quiz")."""
    return pgettext("quiz", text) if text else text


def _say_lines(text: str) -> None:
    for line in text.splitlines():
        _say(line)


@exercise  # never raises: a failure of the quiz itself is reported as ✗
def quiz(lesson: Any, number: Any, answer: Any = None) -> Result:
    """Ask question ``number`` of ``lesson``; with an answer, say whether it is right and why.

    A choice is answered with its letter ("b"), a number question with a number. Never raises.
    """
    asked = questions(lesson) if isinstance(lesson, str) and lesson in LESSONS else None
    index = number - 1 if type(number) is int else -1
    if asked is None or not 0 <= index < len(asked):
        _say(f"{FAIL} " + _f("No quiz {lesson}, {number}: call it as in the lesson, e.g. quiz(\"01\", 1, answer).",
                             lesson=_shorten(repr(lesson), 40), number=_shorten(repr(number), 40)))
        return Result("wrong")
    question = asked[index]
    _say_lines(question_text(lesson, number, question))
    if answer is None or answer is Ellipsis:
        if isinstance(question, Choice):
            _say(f"{TODO} " + _("Set answer to a letter, e.g. \"b\" and run the cell again."))
        else:
            _say(f"{TODO} " + _("Set answer to a number and run the cell again."))
        return Result("not attempted")
    if isinstance(question, Choice):
        return _check_choice(question, answer)
    return _check_number(question, answer)


def _check_choice(question: Choice, answer: Any) -> Result:
    letters = LETTERS[: len(question.options)]
    given = answer.strip().casefold().rstrip(")") if issubclass(type(answer), str) else None
    if given is None or len(given) != 1 or given not in letters:
        shown = _shorten(repr(answer), 60) if issubclass(type(answer), str) else type(answer).__name__
        _say(f"{FAIL} " + _f("Answer with one of the letters {letters} in quotes, e.g. \"{first}\" (got {shown}).",
                             letters=", ".join(letters), first=letters[0], shown=shown))
        return Result("wrong")
    option = question.options[letters.index(given)]
    _say(f"{PASS if option.correct else FAIL} {given}) {_quiz(option.why)}")
    return Result("correct" if option.correct else "wrong")


def _check_number(question: Number, answer: Any) -> Result:
    value, problem = as_real_number(answer)
    if value is None:
        _say(f"{FAIL} {problem}")
        return Result("wrong")
    if _close(value, question.answer, question.rel_tol):
        _say(f"{PASS} {value:g}: {_quiz(question.why)}")
        return Result("correct")
    for wrong_value, why in question.wrong:
        if _close(value, wrong_value, question.rel_tol):
            _say(f"{FAIL} {value:g}: {_quiz(why)}")
            return Result("wrong")
    verdict = _f("{value:g} is not right.", value=value) + sentence_gap() + _quiz(question.hint)
    _say(f"{FAIL} " + verdict.rstrip())
    return Result("wrong")


CELL = re.compile(r'^quiz\("(\d\d)", (\d+), answer\)$', re.M)


def quiz_cell_source(lesson: str, number: int, question: Question) -> str:
    """The code of the notebook cell that asks a question (tools/quizzes.py writes it)."""
    kind = '"a", "b", ...' if isinstance(question, Choice) else "a number"
    return f"answer = None  # your answer: {kind}\nquiz(\"{lesson}\", {number}, answer)"


def as_data(lesson: str, number: int, question: Question) -> dict:
    """A question as the website renders it (every explanation included; the page's script picks one)."""
    data: dict[str, Any] = {"id": f"quiz-{lesson}-{number}", "title": f"Quiz {int(lesson)}.{number}",
                            "prompt": question.prompt}
    if isinstance(question, Choice):
        data["options"] = [{"letter": LETTERS[i], "text": option.text, "why": option.why,
                            "correct": option.correct} for i, option in enumerate(question.options)]
    else:
        data.update(answer=question.answer, rel_tol=question.rel_tol, why=question.why, hint=question.hint,
                    wrong=[{"value": value, "why": why} for value, why in question.wrong])
    return data
