"""Put each lesson's quiz cells where its questions say: at the end of the section named by `after`.

    python tools/quizzes.py           # rewrite the quiz cells of notebooks/NN_name.py, then run
                                      # `jupytext --sync` and execute the lessons it names
    python tools/quizzes.py --check   # exit 1 when a lesson's quiz cells differ from course_lib.quizzes

The questions live in course_lib/quizzes/lessonNN.py (one source for the notebooks and the website).
A quiz cell is a code cell tagged "quiz" whose code is `quizzes.quiz_cell_source()`; the lesson imports
`quiz` from course_lib.quizzes in its set-up cell. A question goes before the next heading of the same
or a higher level than its section's (a markdown cell that holds more is split there).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from course_lib import quizzes

sys.path.insert(0, str(ROOT / "tools"))
from lessons import script_heading

MARKER = '# %% tags=["quiz"]'
IMPORT = "from course_lib.quizzes import quiz"


def split_cells(lines: list[str]) -> list[list[str]]:
    """A jupytext percent script as its cells (the header before the first `# %%` is cell 0)."""
    cells: list[list[str]] = [[]]
    for line in lines:
        if line.startswith("# %%"):
            cells.append([])
        cells[-1].append(line)
    return cells


def is_quiz(cell: list[str]) -> bool:
    return bool(cell) and cell[0] == MARKER


def heading_of(line: str, markdown: bool) -> tuple[int, str] | None:
    """(level, text) of a heading line of a markdown cell; None for any other line."""
    return script_heading(line) if markdown else None


def quizzed_source(lesson: str, text: str) -> str:
    """The lesson's jupytext source with its quiz cells (and the import) as course_lib.quizzes says."""
    cells = [cell for cell in split_cells(text.splitlines()) if not is_quiz(cell)]
    found = [(c, i, *h) for c, cell in enumerate(cells) for i, line in enumerate(cell)
             if (h := heading_of(line, bool(cell) and cell[0].startswith("# %% [markdown]")))]
    places: dict[tuple[int, int], list[int]] = {}
    asked = quizzes.questions(lesson)
    for number, question in enumerate(asked, start=1):
        own = [k for k, (_, _, _, title) in enumerate(found) if title == question.after]
        if len(own) != 1:
            raise ValueError(f"lesson {lesson}, quiz {number}: {len(own)} headings {question.after!r}")
        level = found[own[0]][2]
        following = next(((c, i) for c, i, lv, _ in found[own[0] + 1:] if lv <= level), (len(cells), 0))
        places.setdefault(following, []).append(number)
    for (c, i), numbers in sorted(places.items(), reverse=True):
        if c < len(cells) and any(row.strip() not in ("#", "") for row in cells[c][1:i]):
            top = cells[c][:i]  # the markdown before the heading stays a cell of its own
            while top[-1].strip() in ("#", ""):
                top.pop()
            cells[c:c + 1] = [[*top, ""], ["# %% [markdown]", *cells[c][i:]]]
            c += 1
        for number in sorted(numbers, reverse=True):
            source = quizzes.quiz_cell_source(lesson, number, asked[number - 1]).splitlines()
            cells.insert(c, [MARKER, *source, ""])
    if not any(IMPORT in cell for cell in cells):  # into the set-up cell, after its course_lib imports
        setup = next(cell for cell in cells if "from course_lib import notebook" in cell)
        position = max(i for i, line in enumerate(setup) if line.startswith("from course_lib"))
        if setup[position].endswith("("):
            position = setup.index(")", position)
        setup.insert(position + 1, IMPORT)
    lines = [line for cell in cells for line in cell]
    return "\n".join(lines).rstrip("\n") + "\n"


def lesson_sources() -> dict[str, Path]:
    """The lessons that have questions: {"01": notebooks/01_norms.py, ...}."""
    written = {path.stem[-2:] for path in (ROOT / "course_lib" / "quizzes").glob("lesson[0-9][0-9].py")}
    return {path.name[:2]: path for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.py"))
            if path.name[:2] in written}


def main(argv: list[str]) -> int:
    stale = []
    for lesson, path in lesson_sources().items():
        text = path.read_text(encoding="utf-8")
        new = quizzed_source(lesson, text)
        if new != text:
            stale.append(path)
            if "--check" not in argv:
                path.write_text(new, encoding="utf-8")
    names = " ".join(str(p.relative_to(ROOT)) for p in stale)
    if "--check" in argv:
        if stale:
            print(f"quiz cells out of date in {names}: run `python tools/quizzes.py`", file=sys.stderr)
            return 1
        print("Every lesson's quiz cells match course_lib.quizzes.")
        return 0
    print(f"Rewrote {names}; now run `ruff format notebooks/`, `jupytext --sync` and execute them." if stale
          else "Every lesson's quiz cells were up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
