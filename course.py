#!/usr/bin/env python3
"""Set up the course in ./.venv and open it, run every test, or build its website.

    python3 course.py lab      # install (first time), then open JupyterLab on notebooks/
    python3 course.py test     # install (first time), then lint and run all tests and notebooks
    python3 course.py test notebooks/01_norms.ipynb   # extra arguments go to pytest
    python3 course.py site     # install (first time), then build the course website into build/site/
    python3 course.py site --serve [--port 8000]   # ... and serve it on http://127.0.0.1:8000/
    python3 course.py site --zip   # ... and write build/normreg-site.zip, to use with no network

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


def serve(directory: Path, port: int) -> None:
    """Serve a folder on 127.0.0.1 only (not the local network) until Ctrl+C."""
    import functools
    import http.server

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):
            pass

    handler = functools.partial(QuietHandler, directory=str(directory))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"Serving the course website at http://127.0.0.1:{server.server_address[1]}/"
              " (only on this computer; Ctrl+C to stop)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("Stopped.")


def site(python: Path, args: list[str]) -> None:
    """Build the website from the committed notebooks; optionally zip it and serve it."""
    import argparse

    parser = argparse.ArgumentParser(prog="course.py site", description="Build the course website.")
    parser.add_argument("--serve", action="store_true", help="serve build/site/ on 127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="port for --serve (default 8000; 0: any)")
    parser.add_argument("--zip", action="store_true", help="also write build/normreg-site.zip")
    options = parser.parse_args(args)
    run(python, ROOT / "docs" / "build.py", *(["--zip"] if options.zip else []))
    if options.serve:
        serve(ROOT / "build" / "site", options.port)


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in ("lab", "test", "install", "site"):
        sys.exit(__doc__)
    python = install()
    if argv[0] == "lab":
        run(python, "-m", "jupyter", "lab", "--notebook-dir", ROOT / "notebooks", *argv[1:])
    elif argv[0] == "test":
        run(python, "-m", "ruff", "check", ".")
        run(python, "-m", "pytest", *(argv[1:] or ["-v", "--durations=10"]))
    elif argv[0] == "site":
        site(python, argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
