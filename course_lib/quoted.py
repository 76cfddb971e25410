"""Numbers a lesson quotes from another lesson's executed notebook, for lessons run side by side or alone."""

from __future__ import annotations

import json
import re
from pathlib import Path

# Values as the committed notebooks print them (tests/test_install.py keeps each equal to its source), for a
# lesson opened alone (Colab, a hub, a copied file) where the other lesson's notebook is not beside it.
RECORDED = {
    ("03_mlp_regularization", "L2: chosen c ="): 0.01,
    ("03_mlp_regularization", "L1: chosen c ="): 0.01,
    ("05_autoencoder_mnist", "denoising autoencoder, first 200 test digits"): 0.01722,
}


def printed_number(notebook: dict, label: str) -> float | None:
    """The first number printed after ``label`` (then spaces) in an executed notebook's text outputs, or None."""
    printed = "".join("".join(out.get("text", "")) for cell in notebook.get("cells", [])
                      for out in cell.get("outputs", []))
    match = re.search(re.escape(label) + r"\s+([0-9]+(?:\.[0-9]+)?(?:e-?[0-9]+)?)", printed)
    return float(match.group(1)) if match else None


def quoted_number(lesson: str, label: str, folder: str | Path = ".") -> tuple[float, str]:
    """(value, where from): the number printed after ``label`` by ``folder/lesson.ipynb`` when that executed
    notebook is there, else the value recorded from the course's committed copy of it."""
    if (lesson, label) not in RECORDED:
        raise ValueError(f"(lesson, label) must be one of {sorted(RECORDED)}, got {(lesson, label)!r}")
    path = Path(folder) / f"{lesson}.ipynb"
    try:
        value = printed_number(json.loads(path.read_text(encoding="utf-8")), label)
    except (OSError, ValueError):
        value = None
    if value is not None:
        return value, f"read from {path.name}"
    return RECORDED[lesson, label], f"recorded from the course's copy ({path.name} is not beside this one)"
