#!/usr/bin/env python3
"""Set up the course in ./.venv and open it, or run every test.

    python3 course.py lab      # install (first time), then open JupyterLab on notebooks/
    python3 course.py test     # install (first time), then lint and run all tests and notebooks
    python3 course.py test notebooks/01_norms.ipynb   # extra arguments go to pytest

Uses only the standard library, so it works with any Python >= 3.10.
The install is skipped when pyproject.toml has not changed since the last one.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".normreg-installed"


def venv_python() -> Path:
    """Path of the virtual environment's interpreter (POSIX or Windows layout)."""
    unix, windows = VENV / "bin" / "python", VENV / "Scripts" / "python.exe"
    return windows if os.name == "nt" else unix


def run(*args: str | Path) -> None:
    """Run a command in the repository root; exit with its status if it fails."""
    print("$", " ".join(str(a) for a in args), flush=True)
    code = subprocess.call([str(a) for a in args], cwd=ROOT)
    if code:
        sys.exit(code)


def install() -> Path:
    """Create .venv and install the course with its test tools, unless already up to date."""
    if sys.version_info < (3, 10):  # noqa: UP036 (this script may be started by an older Python)
        sys.exit(f"Python >= 3.10 is needed, this is {sys.version.split()[0]}")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    python = venv_python()
    if python.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return python
    if not python.exists():
        print(f"Creating the virtual environment {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Installing the course and its dependencies (first time: a few minutes) ...", flush=True)
    run(python, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", ".[dev]")
    STAMP.write_text(wanted)
    return python


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in ("lab", "test", "install"):
        sys.exit(__doc__)
    python = install()
    if argv[0] == "lab":
        run(python, "-m", "jupyter", "lab", "--notebook-dir", ROOT / "notebooks", *argv[1:])
    elif argv[0] == "test":
        run(python, "-m", "ruff", "check", ".")
        run(python, "-m", "pytest", *(argv[1:] or ["-v", "--durations=10"]))


if __name__ == "__main__":
    main(sys.argv[1:])
