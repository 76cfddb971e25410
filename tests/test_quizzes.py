"""course_lib.quizzes: every lesson's concept quiz, in the notebook (a checker) and on the website (a form)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from browser_support import Visit
from scripts import load_script

from course_lib import quizzes
from course_lib.quizzes import Choice, Number, Option, quiz

placer = load_script("tools/quizzes.py")
ALL = [(lesson, number, question) for lesson in quizzes.LESSONS
       for number, question in enumerate(quizzes.questions(lesson), start=1)]


def test_every_lesson_has_three_to_five_questions_that_can_be_asked():
    for lesson in quizzes.LESSONS:
        asked = quizzes.questions(lesson)
        assert 3 <= len(asked) <= 5, lesson
        assert [problem for q in asked for problem in quizzes.problems(q)] == [], lesson
    with pytest.raises(ValueError, match="lesson"):
        quizzes.questions("09")


def test_the_problems_check_catches_a_bad_question():
    why = "an explanation of six words or more"
    options = (Option("a", why, True), Option("b", why + ".", True), Option("c", why + "!"))
    two_right = Choice("1. x", "p?", options)
    assert any("right options" in p for p in quizzes.problems(two_right))
    same_why = Choice("1. x", "p?", (Option("a", why, True), Option("b", why), Option("c", why)))
    assert any("own explanation" in p for p in quizzes.problems(same_why))
    tex = Number("1. x", "What is $x$?", 1.0, why)
    assert any("TeX" in p for p in quizzes.problems(tex))
    accepted = Number("1. x", "p?", 1.0, why, wrong=((1.001, why),))
    assert any("accepted as right" in p for p in quizzes.problems(accepted))


@pytest.mark.parametrize(("lesson", "number", "question"), ALL, ids=lambda v: v if isinstance(v, str) else None)
def test_each_answer_gets_its_own_verdict_and_explanation(lesson, number, question, capsys):
    if isinstance(question, Choice):
        for letter, option in zip(quizzes.LETTERS, question.options, strict=False):
            result = quiz(lesson, number, letter.upper() + ")")
            out = capsys.readouterr().out
            assert result.correct is option.correct
            assert out.splitlines()[-1] == f"{'✓' if option.correct else '✗'} {letter}) {option.why}"[:800]
    else:
        assert quiz(lesson, number, question.answer * (1 + question.rel_tol / 2)).correct
        assert question.why in capsys.readouterr().out
        for value, why in question.wrong:
            assert quiz(lesson, number, value).correct is False
            assert why in capsys.readouterr().out


def test_the_notebooks_ask_every_question_where_it_belongs():
    sources = placer.lesson_sources()
    assert sorted(sources) == list(quizzes.LESSONS)
    for lesson, path in sources.items():
        text = path.read_text(encoding="utf-8")
        assert placer.quizzed_source(lesson, text) == text, f"run `python tools/quizzes.py` ({path.name})"
        asked = [(int(m.group(2))) for m in quizzes.CELL.finditer(text) if m.group(1) == lesson]
        assert asked == list(range(1, len(quizzes.questions(lesson)) + 1)), path.name


def test_placing_splits_a_section_and_is_idempotent():
    text = "\n".join([
        "# %%", "from course_lib import notebook", "", "# %% [markdown]", "# ## 1. First", "#", "# text",
        "# ### 1.1 Sub", "# more", "", "# %%", "x = 1", "", "# %% [markdown]", "# more text", "#",
        "# ## 2. Second", "# end", ""])

    class Stub:
        LESSONS = ("01",)
        CELL = quizzes.CELL
        quiz_cell_source = staticmethod(quizzes.quiz_cell_source)

        @staticmethod
        def questions(lesson):
            return [Number("1. First", "p?", 1.0, "an explanation of six words"),
                    Number("1.1 Sub", "q?", 2.0, "an explanation of six words")]

    real, placer.quizzes = placer.quizzes, Stub
    try:
        once = placer.quizzed_source("01", text)
        assert placer.quizzed_source("01", once) == once
    finally:
        placer.quizzes = real
    # subsection 1.1 and section 1 both end where section 2 begins: the quizzes go there in order, and
    # the heading of section 2, which shared a cell with text of section 1, now starts a cell of its own;
    # the import joins the set-up cell
    assert once.index("# more text") < once.index('quiz("01", 1') < once.index('quiz("01", 2') \
        < once.index("# ## 2. Second")
    assert "# %% [markdown]\n# ## 2. Second" in once
    assert once.index("from course_lib.quizzes import quiz") < once.index("# ## 1. First")


@pytest.mark.parametrize("answer", [None, ..., "", "zz", 3, True, np.array(["a"]), ["a"], {"a": 1}, "a" * 10_000,
                                    float("nan"), object()])
def test_a_quiz_never_raises_whatever_the_answer(answer, capsys):
    for lesson, number in (("01", 2), ("01", 1)):
        result = quiz(lesson, number, answer)
        assert result.status in ("wrong", "not attempted", "correct")
        assert all(len(line) <= 800 for line in capsys.readouterr().out.splitlines())


def test_a_quiz_reports_an_unknown_question_instead_of_raising(capsys):
    for lesson, number in (("1", 1), ("01", 0), ("01", 99), (None, None), ("01", 1.0)):
        assert quiz(lesson, number, "a").correct is False
    assert "No quiz" in capsys.readouterr().out


def test_a_broken_answer_object_does_not_break_the_quiz(capsys):
    class Evil(str):
        def strip(self, *args):
            raise SystemExit("no")

    class Number_:
        def __float__(self):
            raise RuntimeError("boom")

    assert quiz("01", 2, Evil("b")).status in ("wrong", "correct")
    assert quiz("01", 1, Number_()).correct is False


def test_every_lesson_page_renders_its_questions_as_forms(site):
    for lesson in quizzes.LESSONS:
        page = next((site / "notebooks").glob(f"{lesson}_*.html")).read_text(encoding="utf-8")
        ids = re.findall(r'<form class="normreg-quiz" id="quiz-(\d\d)-(\d+)"', page)
        assert ids == [(lesson, str(n)) for n in range(1, len(quizzes.questions(lesson)) + 1)], lesson
        assert 'quiz("' not in page, "the quiz cell's code is replaced by the form"


def test_a_quiz_on_the_website_answers_in_the_page(browser, base_url):
    visit = Visit(browser, base_url + "notebooks/01_norms.html")
    try:
        forms = visit.page.locator("form.normreg-quiz")
        choice, number = forms.nth(1), forms.nth(0)
        feedback = choice.locator(".normreg-quiz-feedback")
        choice.locator("button").click()
        assert feedback.inner_text() == "Choose an answer first."
        for letter, option in zip(quizzes.LETTERS, quizzes.questions("01")[1].options, strict=False):
            choice.locator(f"input[value={letter}]").check()
            choice.locator("button").click()
            assert feedback.inner_text() == f"{'✓' if option.correct else '✗'} {letter}) {option.why}"
        question = quizzes.questions("01")[0]
        for value, why in [(question.answer, question.why), *question.wrong]:
            number.locator("input").fill(f"{value:g}")
            number.locator("input").press("Enter")  # the keyboard works too
            verdict = number.locator(".normreg-quiz-feedback").inner_text()
            assert verdict.startswith("✓" if value == question.answer else "✗") and why in verdict
        assert visit.errors == [] and visit.outside == []
    finally:
        visit.close()
