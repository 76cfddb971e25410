#!/usr/bin/env python3
"""Run the course's tests with the oldest versions pyproject.toml allows ("lowest-direct").

    python3 tools/oldest.py [--keep] [--pip-config] [pytest args ...]

Every lower bound in pyproject.toml must be a version the course was actually run with. This
tool checks that:

1. It reads pyproject.toml and collects every direct requirement: `[project].dependencies`, the
   `dev` and `docs` extras (the self-reference `normreg[docs]` is skipped) and the build
   backend of `[build-system].requires` (setuptools: tests/test_install.py builds the wheel
   with the environment's own setuptools, without build isolation).
2. Each lower bound becomes an exact pin: `>=X` and `~=X` give `==V`, where V is the lowest
   release at or above X that pip can install here, `==X` stays, upper bounds are dropped.
   V is found with `pip index versions NAME`, run by the new environment's pip: it lists only
   final releases that have a file for this Python and platform, so a floor that names no
   release (TensorFlow `>=2.16`: there is no 2.16.0, the first is 2.16.1) or only files for
   other Pythons resolves to the first one that would really install. The table of floors is
   printed and written to .venv-oldest/floors.txt.
3. It creates a fresh virtual environment .venv-oldest/ in the repository root (kept, and
   reused, with --keep) and installs the course into it, editable, with its dev extra:
   `pip install -c .venv-oldest/floors.txt -e .[dev]`. The direct requirements get their
   floors; everything else is whatever pip resolves. Like `course.py install` for .venv, it
   writes JupyterLab's settings (course.py's LAB_SETTINGS) into the environment. pip's
   configuration files and a global PIP_CONSTRAINT are ignored (they may pin versions that
   conflict with the floors) unless --pip-config is given; the package index stays PyPI.
4. It runs `.venv-oldest/bin/python -m pytest -rfEs [pytest args]` (default: the whole suite,
   the tests and every lesson under nbval, as [tool.pytest.ini_options] says) and prints a
   summary: the Python version, the installed version of each direct requirement, pytest's
   counts and how long the install and the tests took. The exit status is pytest's (pip's, if
   the install fails). pytest's output is also kept in .venv-oldest/pytest.log, pip's in pip.log.
   With a new environment or other floors it first removes build/site-inputs.sha256 and
   build/slides/, so that the tests build the website and the slides again with these versions
   (they reuse a build whose inputs did not change, whatever the versions that made it).

Where a floor fails (an install conflict, an import error, a failing test or lesson cell),
raise it in pyproject.toml to the lowest version that passes and run this again.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import venv
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import course  # course.py: pyproject.toml's reader, the venv layout and JupyterLab's settings

PYPROJECT = ROOT / "pyproject.toml"
VENV = ROOT / ".venv-oldest"
FLOORS = VENV / "floors.txt"
LOG = VENV / "pytest.log"
PIP_LOG = VENV / "pip.log"
# What the tests would otherwise reuse from a run with other versions (the site is rebuilt when its stamp differs).
STALE_BUILDS = (ROOT / "build" / "site-inputs.sha256", ROOT / "build" / "slides")
EXTRAS = ("dev", "docs")
TOOL_OPTIONS = ("--keep", "--pip-config")

SUMMARY = re.compile(r"^=* ?(\d+ (passed|failed|errors?|skipped|deselected|xfailed|xpassed)\b.* in [\d.]+s"
                     r"|no tests ran)")
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*([^;]*?)\s*(;.*)?$")
SPECIFIER = re.compile(r"^\s*(===|==|~=|>=|<=|!=|>|<)\s*([^\s,]+)\s*$")
RELEASE = re.compile(r"^v?(\d+(?:\.\d+)*)(?:[-_.]?post[-_.]?(\d+))?$")


class ToolError(Exception):
    """A problem this tool explains in one message and stops on."""


@dataclass
class Floor:
    """One direct requirement and the exact version it is pinned to."""

    name: str
    source: str  # where pyproject.toml lists it: dependencies, dev, docs or build-system
    spec: str  # the requirement as written there
    bound: str  # the version of its lower bound (or exact pin)
    exact: bool  # `==X` in pyproject.toml: installed as is
    pin: str = ""  # the version installed: bound, or the lowest release at or above it


def normalize(name: str) -> str:
    """A project name in PEP 503's normal form (lowercase, runs of -_. as one -)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def version_key(version: str) -> tuple[int, ...] | None:
    """A sort key of a final release X.Y.Z[.postN] (None for pre-, dev- and other releases)."""
    match = RELEASE.match(version.strip().lower())
    if not match:
        return None
    release = [int(part) for part in match.group(1).split(".")]
    release += [0] * (8 - len(release))
    return (*release[:8], int(match.group(2) or -1) + 1)


def parse_requirement(spec: str, source: str) -> Floor:
    """The name and lower bound of one requirement string; an error if it has none."""
    match = REQUIREMENT.match(spec)
    if not match:
        raise ToolError(f"pyproject.toml ({source}): cannot read the requirement {spec!r}")
    name, specifiers = match.group(1), [s for s in match.group(3).split(",") if s.strip()]
    exact = lower = None
    for item in specifiers:
        operator = SPECIFIER.match(item)
        if not operator:
            raise ToolError(f"pyproject.toml ({source}): cannot read {item.strip()!r} in {spec!r}")
        op, version = operator.groups()
        if op in ("==", "==="):
            exact = version
        elif op in (">=", "~="):
            lower = version
    if exact and "*" in exact:
        raise ToolError(f"pyproject.toml ({source}): {spec!r}: a wildcard pin has no single oldest version")
    if not (exact or lower):
        raise ToolError(f"pyproject.toml ({source}): {spec!r} has no lower bound (>=X, ~=X or ==X); add one")
    return Floor(normalize(name), source, spec.strip(), exact or lower, exact is not None)


def read_requirements(pyproject: Path = PYPROJECT) -> list[Floor]:
    """Every direct requirement of pyproject.toml, the self-reference skipped."""
    try:
        data = course.pyproject(pyproject)
    except (OSError, ValueError) as error:  # tomllib.TOMLDecodeError is a ValueError
        raise ToolError(f"cannot read {pyproject}: {error}") from error
    project = data.get("project", {})
    own = normalize(project.get("name", ""))
    listed = [(spec, "dependencies") for spec in project.get("dependencies", [])]
    for extra in EXTRAS:
        listed += [(spec, extra) for spec in project.get("optional-dependencies", {}).get(extra, [])]
    listed += [(spec, "build-system") for spec in data.get("build-system", {}).get("requires", [])]
    floors, seen = [], set()
    for spec, source in listed:
        name = REQUIREMENT.match(spec)
        if name and normalize(name.group(1)) == own:
            continue  # normreg[docs]: the docs extra, read above
        floor = parse_requirement(spec, source)
        if floor.name in seen:
            raise ToolError(f"pyproject.toml lists {floor.name} twice: give it one lower bound")
        seen.add(floor.name)
        floors.append(floor)
    return floors


def pip_env(use_config: bool) -> dict[str, str]:
    """The environment for pip: without pip's configuration files and global constraints."""
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")
    if not use_config:
        env.update(PIP_CONFIG_FILE=os.devnull, PIP_CONSTRAINT="")
    return env


def make_venv(keep: bool) -> Path:
    """Create .venv-oldest (anew unless keep and it exists); its Python."""
    python = course.venv_python(VENV)
    if keep and python.exists():
        print(f"Reusing {VENV.name}/ (--keep)", flush=True)
        return python
    if VENV.exists():
        shutil.rmtree(VENV)
    print(f"Creating {VENV.name}/ with {sys.executable} (Python {sys.version.split()[0]}) ...", flush=True)
    venv.EnvBuilder(with_pip=True).create(VENV)
    return python


def available_versions(python: Path, name: str, env: dict[str, str]) -> list[str]:
    """The final releases of a project that pip can install into this environment."""
    done = subprocess.run([python, "-m", "pip", "index", "versions", name], capture_output=True, text=True,
                          env=env, timeout=300)
    for line in done.stdout.splitlines():
        if line.startswith("Available versions:"):
            return [v.strip() for v in line.split(":", 1)[1].split(",") if v.strip()]
    raise ToolError(f"`pip index versions {name}` found no release of {name} for this Python and platform:\n"
                    f"{(done.stderr or done.stdout).strip()[-1500:]}")


def lowest_release(floor: Floor, versions: list[str]) -> str:
    """The lowest of versions at or above floor.bound (the bound itself if it is a release)."""
    wanted = version_key(floor.bound)
    if wanted is None:
        raise ToolError(f"{floor.spec}: the lower bound {floor.bound!r} is not a plain release X.Y[.Z]")
    keyed = [(key, v) for v in versions if (key := version_key(v)) is not None and key >= wanted]
    if not keyed:
        raise ToolError(f"{floor.spec}: no release at or above {floor.bound} installs here "
                        f"(available: {', '.join(versions[:10])} ...)")
    return min(keyed)[1]


def resolve_floors(python: Path, floors: list[Floor], env: dict[str, str]) -> None:
    """Set each floor's pin: an exact pin as is, a lower bound to its lowest existing release."""
    open_bounds = [f for f in floors if not f.exact]
    with ThreadPoolExecutor(max_workers=4) as pool:
        listings = list(pool.map(lambda f: available_versions(python, f.name, env), open_bounds))
    for floor, versions in zip(open_bounds, listings, strict=True):
        floor.pin = lowest_release(floor, versions)
    for floor in floors:
        floor.pin = floor.pin or floor.bound


def print_floors(floors: list[Floor]) -> None:
    """The table of floors: requirement, where it is listed, its bound and the pin used."""
    rows = [("requirement", "listed in", "bound", "pinned")]
    for f in floors:
        note = "" if version_key(f.pin) == version_key(f.bound) else "  (lowest release above)"
        rows.append((f.spec, f.source, f.bound, f"=={f.pin}{note}"))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  " + "  ".join(cells) + "  " + row[3])


def forget_builds() -> None:
    """Remove the site's freshness stamp and the slides, so that the tests rebuild them with these versions."""
    for path in STALE_BUILDS:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
        else:
            continue
        print(f"Removed {path.relative_to(ROOT)} (built with other versions: the tests rebuild it)")


def install(python: Path, floors: list[Floor], env: dict[str, str]) -> float:
    """Write floors.txt and `pip install -c floors.txt -e .[dev]`; the seconds it took."""
    text = "".join(f"{f.name}=={f.pin}\n" for f in floors)
    if not FLOORS.exists() or FLOORS.read_text(encoding="utf-8") != text:
        forget_builds()  # a new environment, or other floors
    FLOORS.write_text(text, encoding="utf-8")
    print(f"\nInstalling the course with its dev extra, floors from {FLOORS.relative_to(ROOT)} ...", flush=True)
    start = time.monotonic()
    with PIP_LOG.open("w", encoding="utf-8") as log:
        done = subprocess.run([python, "-m", "pip", "install", "-c", FLOORS, "-e", ".[dev]"], cwd=ROOT, env=env,
                              stdout=log, stderr=subprocess.STDOUT)
    seconds = time.monotonic() - start
    if done.returncode:
        print("".join(PIP_LOG.read_text(encoding="utf-8").splitlines(keepends=True)[-40:]), file=sys.stderr)
        print(f"pip could not install the floors (exit {done.returncode}, after {seconds:.0f} s; its output is in "
              f"{PIP_LOG.relative_to(ROOT)}): raise the floor it names in pyproject.toml and run this again.",
              file=sys.stderr)
        sys.exit(done.returncode)
    print(f"Installed in {seconds:.0f} s (pip's output: {PIP_LOG.relative_to(ROOT)}).", flush=True)
    return seconds


def run_tests(python: Path, pytest_args: list[str]) -> tuple[int, float, str]:
    """Run pytest with the venv's Python; (exit status, seconds, its summary line)."""
    path = str(python.parent) + os.pathsep + os.environ.get("PATH", "")
    env = dict(os.environ, VIRTUAL_ENV=str(VENV), PATH=path)
    command = [str(python), "-m", "pytest", "-rfEs", *pytest_args]
    print(f"\nRunning {' '.join(command[1:])} ...", flush=True)
    start = time.monotonic()
    summary = ""
    with LOG.open("w", encoding="utf-8") as log, subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as tests:
        for line in tests.stdout:
            sys.stdout.write(line)
            log.write(line)
            if SUMMARY.match(line):
                summary = line.strip("= \n")
    status = tests.returncode if tests.returncode >= 0 else 128 - tests.returncode  # killed by a signal
    return status, time.monotonic() - start, summary


def installed_versions(python: Path, names: list[str]) -> dict[str, str]:
    """The installed version of each name in the venv (importlib.metadata there)."""
    script = ("import importlib.metadata as m, sys\n"
              "for n in sys.argv[1:]:\n"
              "    try: print(n, m.version(n))\n"
              "    except m.PackageNotFoundError: print(n, 'missing')\n")
    done = subprocess.run([python, "-c", script, *names], capture_output=True, text=True, check=True)
    return dict(line.split(" ", 1) for line in done.stdout.splitlines())


def print_summary(python: Path, floors: list[Floor], install_s: float, test_s: float, summary: str) -> None:
    """Python, the installed direct requirements (against their pins), counts and durations."""
    version = subprocess.run([python, "-c", "import sys; print(sys.version.split()[0])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    installed = installed_versions(python, [f.name for f in floors])
    print(f"\n{'=' * 30} oldest versions: summary {'=' * 30}")
    print(f"Python {version} ({VENV.name}/)")
    width = max(len(f.name) for f in floors)
    for floor in floors:
        got = installed[floor.name]
        note = "" if version_key(got) == version_key(floor.pin) else f"   <-- pinned {floor.pin}"
        print(f"  {floor.name.ljust(width)}  {got}{note}")
    print(f"pytest: {summary or 'no summary line (see ' + str(LOG.relative_to(ROOT)) + ')'}")
    print(f"install {install_s:.0f} s, tests {test_s:.0f} s")


def split_args(argv: list[str]) -> tuple[set[str], list[str]]:
    """This tool's options (anywhere) and the arguments left for pytest."""
    return {a for a in argv if a in TOOL_OPTIONS}, [a for a in argv if a not in TOOL_OPTIONS]


def main(argv: list[str]) -> int:
    """Pin the floors, install them into .venv-oldest, run pytest there; pytest's exit status."""
    if argv[:1] in (["-h"], ["--help"]):
        print(__doc__)
        return 0
    options, pytest_args = split_args(argv)
    env = pip_env("--pip-config" in options)
    floors = read_requirements()
    python = make_venv("--keep" in options)
    print("Finding the lowest release of each lower bound (pip index versions) ...", flush=True)
    resolve_floors(python, floors, env)
    print_floors(floors)
    install_s = install(python, floors, env)
    course.install_lab_settings(VENV)  # as `course.py install` writes them for .venv
    status, test_s, summary = run_tests(python, pytest_args)
    print_summary(python, floors, install_s, test_s, summary)
    return status


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except ToolError as error:
        sys.exit(f"tools/oldest.py: {error}")
    except KeyboardInterrupt:
        sys.exit(130)
