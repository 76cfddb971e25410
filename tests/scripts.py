"""The repository's scripts (course.py, docs/build.py, tools/*.py) as modules, for the tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def load_script(relative_path: str) -> ModuleType:
    """Import a script of the repository by its path, e.g. load_script("tools/slides.py")."""
    path = ROOT / relative_path
    spec = importlib.util.spec_from_file_location(f"normreg_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
