"""The lesson notebooks as the build scripts see them (the website, the slides, the guide's timings).

Standard library only: docs/build.py and tools/timings.py run with any Python.
"""

from __future__ import annotations

import json
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def lesson_notebooks() -> list[Path]:
    """Every committed lesson, notebooks/NN_name.ipynb, in order."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def notebook_title(notebook: dict, fallback: str) -> str:
    """The text of the notebook's first level-1 heading ("# ..."), or fallback if it has none."""
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def lesson_title(ipynb: Path) -> str:
    """The title of a lesson notebook file (its stem if it has no level-1 heading)."""
    return notebook_title(json.loads(ipynb.read_text(encoding="utf-8")), ipynb.stem)
