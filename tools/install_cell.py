"""The lessons' first code cell, which installs the course where it is missing (Colab, a hub).

    python tools/install_cell.py          # write the cell into every notebooks/NN_name.py
    python tools/install_cell.py --check  # exit 1 if a lesson's cell differs from the template

The cell is the same in every lesson and is made here from one template and the course's one
repository setting (pyproject.toml's [tool.normreg] repository-url and repository-branch). After
writing, pair the notebooks (`jupytext --sync notebooks/[0-9][0-9]_*.py`); the cell prints
nothing where the course is installed, so the executed outputs stay valid.
tests/test_install.py runs the cell in a fresh virtual environment.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
from lessons import lesson_notebooks

from course import pyproject_settings

FIRST_LINE = "# Run this cell first: it installs the course where it is missing (Colab, a"
FIRST_WORDS = "# Run this cell first:"  # how with_install_cell knows the cell, in any version, to replace it
# The cell is formatted as `ruff format notebooks/` formats it (notebooks/.ruff.toml: 88 columns).
WIDTH = 88
# Hidden on the website (remove-cell) and in the slides (skip-slide): it concerns running, not reading.
HEADER = '# %% tags=["remove-cell", "skip-slide"]'
TEMPLATE = '''{first_line}
# JupyterHub). Where the course is installed it does nothing. NORMREG_SOURCE, if set,
# names what to install: any pip requirement, URL, folder or wheel of the course.
import importlib.util
import os
import site
import subprocess
import sys

{course_source}
if importlib.util.find_spec("course_lib") is None:
    if COURSE_SOURCE:
        print(
            f"Installing the course from {{COURSE_SOURCE}} "
            "(the first time takes a few minutes) ..."
        )
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", COURSE_SOURCE], check=True
        )
        # pip's fallback when the environment is read-only
        if os.path.isdir(site.getusersitepackages()):
            site.addsitedir(site.getusersitepackages())
        importlib.invalidate_caches()
    else:
        print(
            "course_lib is not installed: install the course as its README says, "
            "or set NORMREG_SOURCE to the course's pip requirement, URL or folder, "
            "restart the kernel and run this cell again."
        )'''


def default_source(settings: dict | None = None) -> str:
    """What the cell installs when NORMREG_SOURCE is unset: git+URL@BRANCH, or "" while unpublished."""
    settings = pyproject_settings() if settings is None else settings
    url = str(settings.get("repository-url", "")).strip().rstrip("/")
    branch = str(settings.get("repository-branch", "") or "main").strip()
    return f"git+{url}@{branch}" if url else ""


def cell_source(settings: dict | None = None) -> str:
    """The install cell's code (without jupytext's `# %%` header line), as `ruff format` formats it."""
    getter, default = 'os.environ.get("NORMREG_SOURCE")', f'"{default_source(settings)}"'
    assignment = f"COURSE_SOURCE = {getter} or {default}"
    if len(assignment) > WIDTH:  # a long repository URL: in parentheses, then split at `or`
        inside = f"    {getter} or {default}"
        inside = inside if len(inside) <= WIDTH else f"    {getter}\n    or {default}"
        assignment = f"COURSE_SOURCE = (\n{inside}\n)"
    return TEMPLATE.format(first_line=FIRST_LINE, course_source=assignment)


def with_install_cell(text: str, cell: str) -> str:
    """A percent-format notebook's text with the install cell as its first code cell (replaced if present)."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith("# %%")]
    first_code = next(i for i in starts if "[markdown]" not in lines[i])
    if lines[first_code + 1].startswith(FIRST_WORDS):  # already there: replace it up to the next cell
        end = next(i for i in starts if i > first_code)
        del lines[first_code:end]
    block = [HEADER, *cell.split("\n"), ""]
    return "\n".join(lines[:first_code] + block + lines[first_code:])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if a lesson differs")
    options = parser.parse_args(argv)
    cell, stale = cell_source(), []
    for notebook in lesson_notebooks():
        script = notebook.with_suffix(".py")
        text = script.read_text(encoding="utf-8")
        wanted = with_install_cell(text, cell)
        if wanted != text:
            stale.append(script.name)
            if not options.check:
                script.write_text(wanted, encoding="utf-8")
    if options.check and stale:
        print(f"The install cell differs from tools/install_cell.py in: {', '.join(stale)}. Run "
              "`python tools/install_cell.py`, then `jupytext --sync notebooks/[0-9][0-9]_*.py`.")
        return 1
    print(f"{'Stale' if options.check else 'Updated'}: {', '.join(stale) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
