"""The website's solutions page (docs/build.py's solutions_page) and the links to it (docs/_ext/normreg_site.py).

Each exercise of each lesson gets a section with a stable anchor, lesson-NN-exercise-N: its question from
the notebook, then a "Show solution" toggle with the answer's code and its explanation from
solutions/lessonNN.py. The tests without a browser read the sources only; the browser test opens the
built site (built first when build/site is missing or stale) in headless Chromium.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from browser_support import Visit
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from scripts import load_script

ROOT = Path(__file__).resolve().parent.parent
builder = load_script("docs/build.py")
normreg_site = load_script("docs/_ext/normreg_site.py")  # the Sphinx extension that links the lessons
LESSONS = builder.lesson_notebooks()
LABEL = re.compile(r"^\(([\w-]+)\)=$", re.M)  # a MyST label line: the id of the heading below it
MARKDOWN = MarkdownIt("commonmark").enable("table").use(dollarmath_plugin, double_inline=True)


@pytest.fixture(scope="module")
def page() -> str:
    return builder.solutions_page()


def lesson_number(ipynb: Path) -> str:
    return ipynb.stem[:2]


def solutions_file(ipynb: Path) -> Path:
    return ROOT / "solutions" / f"lesson{lesson_number(ipynb)}.py"


def linked_exercises(ipynb: Path) -> list[int]:
    """The exercise numbers that normreg_site links, found as it finds them: a paragraph opening in bold."""
    import json

    numbers = []
    for cell in json.loads(ipynb.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        for paragraph in re.split(r"\n\s*\n", "".join(cell["source"])):
            bold = re.match(r"\*\*(.+?)\*\*", paragraph.strip())
            match = normreg_site.EXERCISE_LABEL.fullmatch(bold.group(1)) if bold else None
            numbers += [int(match.group(1))] if match else []
    return numbers


@pytest.mark.parametrize("ipynb", LESSONS, ids=lambda p: p.stem)
def test_each_lesson_numbers_its_exercises_one_to_n(ipynb):
    numbers = [number for number, _, _ in builder.notebook_exercises(ipynb)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 2, numbers
    assert linked_exercises(ipynb) == numbers  # the site links exactly the exercises the page shows


def test_the_page_has_one_section_per_exercise_in_lesson_order(page):
    expected = [builder.exercise_anchor(lesson_number(ipynb), number)
                for ipynb in LESSONS for number, _, _ in builder.notebook_exercises(ipynb)]
    assert LABEL.findall(page) == expected
    assert len(expected) == len(set(expected)) >= 2 * len(LESSONS)


@pytest.mark.parametrize("ipynb", LESSONS, ids=lambda p: p.stem)
def test_every_link_from_a_lesson_page_lands_on_an_anchor_of_the_page(ipynb, page):
    anchors = set(LABEL.findall(page))
    for number in linked_exercises(ipynb):
        href = normreg_site.solution_href(lesson_number(ipynb), number)
        assert href.startswith("../solutions.html#") and href.split("#", 1)[1] in anchors, href


@pytest.mark.parametrize("ipynb", LESSONS, ids=lambda p: p.stem)
def test_every_exercise_has_an_explanation_and_every_answer_is_shown(ipynb, page):
    code, explanations = builder.solution_parts(solutions_file(ipynb))
    names = [f"exercise_{number}" for number, _, _ in builder.notebook_exercises(ipynb)]
    assert sorted(explanations) == sorted(names), "one explanation per exercise of the notebook, no other"
    for name, text in explanations.items():
        assert text == text.strip() and len(re.findall(r"[.!?](\s|$)", text)) >= 2, f"{name}: {text!r}"
        assert "WRONG" not in text and "tests/" not in text
    assert set(code) <= set(names), "an answer for an exercise the notebook does not have"
    for name, source in code.items():
        ast.parse(source)  # the code shown is valid Python
        assert f"```python\n{source}\n```" in page
        assert re.search(rf"^(def {name}\(|{name} = )", source, re.M), f"{name}'s block lacks its answer"


def test_every_checked_exercise_shows_its_answer():
    """The answers the tests check (tests/test_checks.py) are the code the page shows."""
    for ipynb in LESSONS:
        code, _ = builder.solution_parts(solutions_file(ipynb))
        tree = ast.parse(solutions_file(ipynb).read_text(encoding="utf-8"))
        defined = {target.id for node in tree.body if isinstance(node, ast.Assign) for target in node.targets
                   if isinstance(target, ast.Name)} | {node.name for node in tree.body
                                                        if isinstance(node, ast.FunctionDef)}
        assert sorted(n for n in defined if re.fullmatch(r"exercise_\d+", n)) == sorted(code)


def test_explanations_are_plain_paragraphs_of_markdown():
    """No line of an explanation turns into a list, a heading or a quote by accident (a line opening with -)."""
    allowed = {"paragraph_open", "paragraph_close", "inline", "fence", "math_block", "math_block_eqno"}
    for ipynb in LESSONS:
        for name, text in builder.solution_parts(solutions_file(ipynb))[1].items():
            kinds = {token.type for token in MARKDOWN.parse(text)}
            assert kinds <= allowed, f"{ipynb.stem} {name}: {sorted(kinds - allowed)}"


def test_the_page_shows_no_test_fixtures_and_hides_each_solution_behind_a_toggle(page):
    assert "WRONG" not in page and "used by tests" not in page and "test_checks" not in page
    assert "literalinclude" not in page  # no raw file dumped on the page
    exercises = len(LABEL.findall(page))
    opening = '<details class="normreg-solution">\n<summary>Show solution</summary>\n\n'
    assert page.count(opening) == page.count("\n\n</details>\n") == page.count("<details") == exercises
    for ipynb in LESSONS:  # the downloads stay
        name = solutions_file(ipynb).name
        assert f'<a href="downloads/{name}" download>{name}</a>' in page


def test_the_solutions_files_speak_to_learners():
    for ipynb in LESSONS:
        text = solutions_file(ipynb).read_text(encoding="utf-8")
        docstring = ast.get_docstring(ast.parse(text))
        assert docstring.startswith(f"Reference answers of lesson {lesson_number(ipynb)}, ")
        assert "Try the exercise first." in docstring
        assert "used by tests" not in text and "WRONG" not in text


# ------------------------------------------------------------------------------------------
# In the browser: the toggle hides the answer, shows it with its math typeset, and a lesson's link lands on it


def test_a_lesson_link_opens_the_exercise_and_its_toggle_shows_answer_and_math(browser, base_url):
    visit = Visit(browser, base_url + "notebooks/07_image_restoration.html")
    try:
        links = visit.page.locator("a.normreg-solution-link")
        assert links.count() == len(builder.notebook_exercises(LESSONS[6]))
        links.nth(4).click()  # exercise 5, whose explanation has formulas
        visit.page.wait_for_url("**/solutions.html#lesson-07-exercise-5")
        visit.page.wait_for_load_state("load")
        visit.page.wait_for_function("() => document.querySelectorAll('.math').length > 0 && "
                                     "document.querySelectorAll('.math mjx-container').length === "
                                     "document.querySelectorAll('.math').length", timeout=10_000)
        section = visit.page.locator("section#lesson-07-exercise-5")
        assert section.locator("h3").inner_text().startswith("Exercise 5")
        assert "SURE" in section.locator("p").first.inner_text()  # the question, visible
        toggle = section.locator("details.normreg-solution")
        assert toggle.evaluate("d => d.open") is False
        assert not toggle.locator("p").first.is_visible()  # the answer is hidden at first
        toggle.locator("summary").click()
        assert toggle.evaluate("d => d.open") is True and toggle.locator("p").first.is_visible()
        math = toggle.evaluate("""d => ({spans: d.querySelectorAll('.math').length,
                                          typeset: d.querySelectorAll('.math mjx-container').length,
                                          errors: d.querySelectorAll('mjx-merror').length})""")
        assert math["spans"] >= 3 and math["typeset"] == math["spans"] and math["errors"] == 0, math
        code = visit.page.locator("section#lesson-07-exercise-3 details pre").text_content(timeout=2000)
        assert "def exercise_3(y, t, sigma):" in code
        assert visit.errors == [] and visit.failed == [] and visit.outside == []
    finally:
        visit.close()
