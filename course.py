#!/usr/bin/env python3
"""Set up the course in ./.venv and open it, check a laptop, run every test, build its website or slides.

    python3 course.py lab      # install (first time), then open JupyterLab on the lessons
    python3 course.py check    # install (first time), then check that this laptop is ready (about 20 s)
    python3 course.py test     # install (first time), then lint and run all tests and notebooks
    python3 course.py test notebooks/01_norms.ipynb   # extra arguments go to pytest
    python3 course.py site     # install (first time), then build the course website into build/site/
    python3 course.py site --serve [--port 8000]   # ... and serve it on http://127.0.0.1:8000/
    python3 course.py site --zip   # ... and write build/normreg-site.zip, to use with no network
    python3 course.py slides   # one reveal.js slide deck per lesson in build/slides/ (works offline)
    python3 course.py translate   # refresh the Chinese catalogs (locale/zh_CN/) after editing English text
    python3 course.py lab --lang zh_CN   # the lessons translated so far, in Chinese (generated into build/zh_CN/)
    python3 course.py install  # only install

How to install (an option of lab, check, test, site, slides and install):
    --locked         the exact versions of requirements.lock, which CI tests (the default where
                     the lock was made for this Python and system, see its header)
    --unlocked       the newest versions that pyproject.toml's ranges allow
    --offline DIR    from a wheelhouse made by `course.py wheelhouse`, with no network at all

For teachers and maintainers:
    python3 course.py wheelhouse DIR [--platform linux|macos-arm64|macos-x86_64|windows] [--python 3.11]
                               # download every wheel the course needs, for offline installs
    python3 course.py lock     # resolve pyproject.toml's ranges anew into requirements.lock
    python3 course.py test --oldest [--keep] [pytest args]
                               # every test and lesson with the lowest versions pyproject.toml allows,
                               # in .venv-oldest/ (tools/oldest.py)
    python3 course.py hub-links --hub URL [--branch B] [--repo R]
                               # one nbgitpuller link per lesson, for a class's JupyterHub
    python3 course.py hub-config PREFIX   # the tidy JupyterLab settings, into a hub's environment

Uses only the standard library, so it starts with any Python >= 3.10, and says so when the course
needs another one (3.11 to 3.13). The install is skipped when
pyproject.toml (and, for a locked install, requirements.lock) have not changed since the last one.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".normreg-installed"
PYPROJECT = ROOT / "pyproject.toml"
LOCK = ROOT / "requirements.lock"
NOTEBOOKS = ROOT / "notebooks"
WHEELHOUSE_MANIFEST = "normreg-wheelhouse.json"
PLATFORMS = ("linux", "macos-arm64", "macos-x86_64", "windows")
# TensorFlow 2.21 has wheels for CPython 3.10 to 3.13 (Linux x86_64, Windows, macOS arm64); Keras >= 3.13
# and scikit-learn >= 1.8 (the course's floors, see pyproject.toml) need Python 3.11.
PYTHON_MIN, PYTHON_MAX = (3, 11), (3, 13)
# `course.py test` with no arguments: two worker processes (pytest-xdist), each test file in one of
# them (nbval runs a notebook's cells in order in one kernel), and the slowest tests listed.
TEST_ARGUMENTS = ["-n", "2", "--dist", "loadfile", "-v", "--durations=10"]

# JupyterLab as `course.py lab` opens it: the lessons only (their .py twins are hidden, the
# configuration files are dotfiles or live outside notebooks/), the start page open, no pop-ups.
LAB_HIDE_GLOBS = ["__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*.so", "*.dylib", "*~", "[0-9][0-9]_*.py"]
LAB_FIRST_PAGE = "00_start_here.md"  # the lesson list, how to run a lesson, where the answers are
# Installed into .venv/share/jupyter/lab/settings/overrides.json (JupyterLab's defaults for this venv):
# no news pop-up, and Markdown files (the start page) open rendered, not in the text editor.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Markdown Preview"}},
}


# ------------------------------------------------------------------------------------------------
# Small helpers


def venv_python(venv_dir: Path = VENV) -> Path:
    """Path of a virtual environment's interpreter (POSIX or Windows layout); .venv by default."""
    unix, windows = venv_dir / "bin" / "python", venv_dir / "Scripts" / "python.exe"
    return windows if os.name == "nt" else unix


def run(*args: str | Path) -> None:
    """Run a command in the repository root; exit with its status if it fails."""
    print("$", " ".join(str(a) for a in args), flush=True)
    code = subprocess.call([str(a) for a in args], cwd=ROOT)
    if code:
        sys.exit(code)


def current_platform() -> str:
    """This computer as one of PLATFORMS, or e.g. 'linux-aarch64' when it is none of them."""
    system, machine = platform.system(), platform.machine().lower()
    machine = {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    if system == "Linux":
        return "linux" if machine == "x86_64" else f"linux-{machine}"
    if system == "Darwin":
        return f"macos-{machine}"
    if system == "Windows":
        return "windows" if machine == "x86_64" else f"windows-{machine}"
    return f"{system.lower()}-{machine}"


def python_version() -> str:
    return f"{sys.version_info[0]}.{sys.version_info[1]}"


def pyproject(path: Path = PYPROJECT) -> dict:
    """pyproject.toml, parsed (tomllib, or pip's copy of tomli on Python 3.10)."""
    try:
        import tomllib
    except ImportError:  # Python 3.10: pip's own copy of tomli
        from pip._vendor import tomli as tomllib
    return tomllib.loads(path.read_text(encoding="utf-8"))


def pyproject_settings(path: Path = PYPROJECT) -> dict:
    """pyproject.toml's [tool.normreg] table (the repository's URL and branch)."""
    return pyproject(path).get("tool", {}).get("normreg", {})


def repository_url() -> str:
    """The course's public repository (no trailing /), or "" while unpublished: $NORMREG_REPOSITORY_URL,
    else pyproject.toml's [tool.normreg] repository-url."""
    url = os.environ.get("NORMREG_REPOSITORY_URL") or pyproject_settings().get("repository-url", "")
    return url.strip().rstrip("/")


def repository_branch() -> str:
    """The branch the launch buttons, install cell and hub links use: $NORMREG_REPOSITORY_BRANCH, else
    pyproject.toml's [tool.normreg] repository-branch (default main)."""
    branch = os.environ.get("NORMREG_REPOSITORY_BRANCH") or pyproject_settings().get("repository-branch", "")
    return branch.strip() or "main"


def course_version() -> str:
    """The course's version, from its one place: course_lib/__init__.py's __version__ (read, not imported)."""
    text = (ROOT / "course_lib" / "__init__.py").read_text(encoding="utf-8")
    return next(line.split("=", 1)[1].strip().strip("\"'") for line in text.splitlines()
                if line.startswith("__version__"))


# What the website's footer and each slide deck's title slide say of the course's licenses (LICENSE).
LICENSE_NOTICE = ("Text and figures: CC BY 4.0. Code: MIT. MNIST: CC BY-SA 3.0 (Y. LeCun and C. Cortes). "
                  "See the file LICENSE.")
LICENSE_LINKS = {"CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
                 "MIT": "https://opensource.org/license/mit",
                 "CC BY-SA 3.0": "https://creativecommons.org/licenses/by-sa/3.0/"}


def license_notice_html() -> str:
    """LICENSE_NOTICE with each license linked to its text."""
    notice = LICENSE_NOTICE
    for name in sorted(LICENSE_LINKS, key=len, reverse=True):
        notice = notice.replace(f" {name}", f' <a href="{LICENSE_LINKS[name]}">{name}</a>', 1)
    return notice


def file_digest(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def python_problem(version: tuple[int, int] = sys.version_info[:2]) -> str | None:
    """Why this Python cannot run the course, or None."""
    if tuple(version) < PYTHON_MIN:
        return f"Python >= {PYTHON_MIN[0]}.{PYTHON_MIN[1]} is needed"
    if tuple(version) > PYTHON_MAX:
        return (f"TensorFlow has no release for Python {version[0]}.{version[1]} yet "
                f"(the course runs on {PYTHON_MIN[0]}.{PYTHON_MIN[1]} to {PYTHON_MAX[0]}.{PYTHON_MAX[1]})")
    return None


# ------------------------------------------------------------------------------------------------
# The lock file


def lock_header(path: Path | None = None) -> dict[str, str]:
    """The `# key: value` lines at the top of requirements.lock (python, platforms, ...)."""
    header, path = {}, path or LOCK
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                break
            key, sep, value = line[1:].partition(":")
            if sep and key.strip() and " " not in key.strip():
                header[key.strip()] = value.strip()
    return header


def lock_applies(python: str | None = None, system: str | None = None) -> bool:
    """Whether requirements.lock was made (and tested) for this Python version and system."""
    header = lock_header()
    python, system = python or python_version(), system or current_platform()
    if header.get("python") != python or system not in header.get("platforms", "").split():
        return False
    oldest = header.get("python-min", python)  # e.g. 3.11.5: a pin may need a recent X.Y.Z
    return python != python_version() or sys.version_info[:3] >= tuple(int(n) for n in oldest.split("."))


def oldest_patch_release(resolved: list[dict]) -> str:
    """The oldest X.Y.Z of this X.Y that every resolved package's Requires-Python allows."""
    try:
        from packaging.specifiers import SpecifierSet
    except ImportError:  # a bare venv: pip's own copy
        from pip._vendor.packaging.specifiers import SpecifierSet
    specifiers = [SpecifierSet(item["metadata"]["requires_python"]) for item in resolved
                  if item["metadata"].get("requires_python")]
    for patch in range(100):
        candidate = f"{python_version()}.{patch}"
        if all(candidate in specifier for specifier in specifiers):
            return candidate
    return f"{python_version()}.{sys.version_info[2]}"


def lock(python: Path) -> None:
    """Resolve pyproject.toml's ranges (the newest versions they allow) into requirements.lock."""
    report = VENV / "normreg-lock-report.json"
    print("Resolving pyproject.toml's ranges (about 30 s) ...", flush=True)
    run(python, "-m", "pip", "install", "--disable-pip-version-check", "-q", "--dry-run", "--ignore-installed",
        "--report", report, "-e", ".[dev]")
    resolved = json.loads(report.read_text(encoding="utf-8"))
    report.unlink()
    pins = sorted((item["metadata"]["name"].lower().replace("_", "-"), item["metadata"]["version"])
                  for item in resolved["install"] if item["metadata"]["name"].lower() != "normreg")
    old = lock_header()
    platforms = old.get("platforms") or current_platform()
    if current_platform() not in platforms.split():
        platforms = f"{current_platform()} {platforms}"
    text = [
        "# Exact versions of everything `python3 course.py install` puts into .venv: pyproject.toml's",
        "# ranges resolved by pip. CI installs these (`course.py install --locked`), and so does every",
        "# install with the Python X.Y (python-min or newer) and on a system listed below, unless",
        "# --unlocked is given; other Pythons and systems install from the ranges. CI runs on the",
        "# first system; for the others,",
        "# `course.py wheelhouse DIR --platform P` found a wheel for every pin. Refresh with",
        "# `python3 course.py lock`, then run `python3 course.py test` (and the wheelhouses).",
        f"# python: {python_version()}",
        f"# python-min: {oldest_patch_release(resolved['install'])}",
        f"# platforms: {platforms}",
        f"# resolved-on: {current_platform()} with pip {resolved.get('pip_version', '?')}",
        "",
    ]
    text += [f"{name}=={version}" for name, version in pins]
    LOCK.write_text("\n".join(text) + "\n", encoding="utf-8")
    print(f"Wrote {LOCK.name}: {len(pins)} packages. Install them with `python3 course.py install --locked`.")


# ------------------------------------------------------------------------------------------------
# Installing


class InstallOptions:
    """--locked / --unlocked / --offline DIR, taken out of a command line."""

    def __init__(self, mode: str | None = None, offline: Path | None = None):
        self.mode, self.offline = mode, offline

    @classmethod
    def split(cls, argv: list[str]) -> tuple[InstallOptions, list[str]]:
        """The install options anywhere in argv, and the arguments left for JupyterLab, pytest, ..."""
        options, rest = cls(), []
        args = iter(argv)
        for arg in args:
            if arg in ("--locked", "--unlocked"):
                options.mode = arg[2:]
            elif arg == "--offline" or arg.startswith("--offline="):
                value = arg.partition("=")[2] or next(args, "")
                if not value:
                    sys.exit("--offline needs a folder: --offline DIR (made by `course.py wheelhouse DIR`)")
                options.offline = Path(value).expanduser().resolve()
            else:
                rest.append(arg)
        return options, rest


def read_stamp() -> dict:
    try:
        stamp = json.loads(STAMP.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamp if isinstance(stamp, dict) else {}


def wanted_digest(mode: str) -> str:
    """What an up-to-date install of this mode was made from."""
    return file_digest(PYPROJECT, LOCK) if mode == "locked" else file_digest(PYPROJECT)


def install_is_current(mode: str | None = None) -> bool:
    """True when .venv holds an install of the current pyproject.toml (and lock, if it was locked),
    made in this mode ("locked" or "unlocked"; None: whichever the last install used)."""
    stamp = read_stamp()
    mode = mode or stamp.get("mode")
    return (venv_python().exists() and mode in ("locked", "unlocked") and stamp.get("mode") == mode
            and stamp.get("digest") == wanted_digest(mode))


def wheelhouse_manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / WHEELHOUSE_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def ensure_venv() -> Path:
    """Create .venv with pip (nothing else installed) if there is none."""
    problem = python_problem()
    if problem:
        sys.exit(f"{problem}; this is Python {sys.version.split()[0]}. Install a Python from "
                 f"{PYTHON_MIN[0]}.{PYTHON_MIN[1]} to {PYTHON_MAX[0]}.{PYTHON_MAX[1]} and run this with it.")
    python = venv_python()
    if not python.exists():
        print(f"Creating the virtual environment {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    return python


def install_lab_settings(venv_dir: Path = VENV) -> None:
    """JupyterLab's settings for a venv (.venv by default): no "get notified about Jupyter news?" pop-up."""
    prefix = venv_dir / "share" / "jupyter" / "lab" / "settings"
    target = prefix / "overrides.json"
    text = json.dumps(LAB_SETTINGS, indent=2) + "\n"
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        prefix.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def install(options: InstallOptions | None = None) -> Path:
    """Create .venv and install the course with its test tools, unless already up to date."""
    options = options or InstallOptions()
    stamp = read_stamp()
    offline = options.offline
    if offline is None and stamp.get("offline") and options.mode is None:
        offline = Path(stamp["offline"])  # installed from a wheelhouse before: stay offline
        offline = offline if offline.is_dir() else None
    if offline and not offline.is_dir():
        sys.exit(f"--offline {offline}: no such folder. Make one with `python3 course.py wheelhouse {offline}`.")
    manifest = wheelhouse_manifest(offline) if offline else {}
    mode = options.mode or stamp.get("mode")
    if mode not in ("locked", "unlocked"):
        if offline:
            mode = "locked" if manifest.get("locked") else "unlocked"
        else:
            mode = "locked" if lock_applies() else "unlocked"
    if mode == "locked" and not LOCK.exists():
        sys.exit(f"{LOCK.name} is missing: restore it (git checkout -- {LOCK.name}) or install with --unlocked.")
    if mode == "locked" and offline and manifest.get("lock_sha256") not in (None, file_digest(LOCK)):
        sys.exit(f"The wheelhouse {offline} was made from another requirements.lock: make it again with "
                 f"`python3 course.py wheelhouse {offline}`, or install with --unlocked --offline {offline}.")
    if install_is_current(mode):
        install_lab_settings()
        return venv_python()
    python = ensure_venv()
    source = f"the wheelhouse {offline}" if offline else "the package index"
    versions = "requirements.lock" if mode == "locked" else "pyproject.toml's ranges"
    print(f"Installing the course and its dependencies from {source}, versions from {versions} "
          "(first time: a few minutes) ...", flush=True)
    args: list[str | Path] = [python, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    if offline:
        args += ["--no-index", "--find-links", offline]
    if mode == "locked":
        args += ["-c", LOCK]
    run(*args, "-e", ".[dev]")
    install_lab_settings()
    stamp = {"mode": mode, "digest": wanted_digest(mode), "offline": str(offline) if offline else None}
    STAMP.write_text(json.dumps(stamp) + "\n", encoding="utf-8")
    return python


# ------------------------------------------------------------------------------------------------
# JupyterLab


def lab_language(args: list[str]) -> tuple[str, list[str]]:
    """`lab`'s --lang (en, the default, or zh_CN) and the arguments left for JupyterLab."""
    import argparse

    parser = argparse.ArgumentParser(prog="course.py lab", add_help=False, allow_abbrev=False)
    parser.add_argument("--lang", choices=("en", "zh_CN"), default="en")
    options, rest = parser.parse_known_args(args)
    return options.lang, rest


def lab_arguments(root: Path = NOTEBOOKS, first_page: str = LAB_FIRST_PAGE) -> list[str]:
    """JupyterLab's command-line settings: the lessons folder, tidy, opening the start page."""
    arguments = [
        f"--ServerApp.root_dir={root}",
        "--ContentsManager.hide_globs=" + json.dumps(LAB_HIDE_GLOBS),
        f"--LabApp.default_url=/lab/tree/{first_page}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        arguments.append("--allow-root")  # containers and CI; JupyterLab refuses root otherwise
    return arguments


# ------------------------------------------------------------------------------------------------
# check


def disk_problem(free_bytes: int, installed: bool) -> tuple[str, str | None]:
    """(what was found, what to do or None): free disk space against what the course needs."""
    need_gb = 1.0 if installed else 4.5
    found = f"{free_bytes / 1e9:.1f} GB free in {ROOT}"
    if free_bytes >= need_gb * 1e9:
        return found, None
    why = "for the notebooks' outputs and checkpoints" if installed else (
        "the course's environment takes about 3.2 GB, and pip needs room to unpack TensorFlow")
    return found, (f"free at least {need_gb:g} GB ({why}): empty the recycle bin or the Downloads folder, or "
                   "clone the course onto another drive")


def mark(ok: bool) -> str:
    """✓ or ✗, or a plain-text mark where the console cannot show them (an old Windows code page)."""
    symbol = "✓" if ok else "✗"
    try:
        symbol.encode(sys.stdout.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        symbol = "OK" if ok else "XX"
    return symbol


def tolerant_output() -> None:
    """Print what the console cannot show as '?' instead of failing (an old Windows code page)."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")


def report(ok: bool, name: str, detail: str, advice: str | None = None) -> bool:
    """One line of `course.py check`: ✓ or ✗, the check's name and what it found; advice under a ✗."""
    print(f"{mark(ok)} {name}: {detail}" + ("" if ok or not advice else f"\n    -> {advice}"), flush=True)
    return ok


def check(options: InstallOptions, args: list[str]) -> None:
    """Is this laptop ready for the workshop? One ✓ or ✗ line per check; exit status 1 if any fails."""
    tolerant_output()
    print(f"Checking this computer for the course (normreg), {platform.platform()}:", flush=True)
    problem = python_problem()
    ok = report(problem is None, "Python", f"{sys.version.split()[0]} at {sys.executable}",
                f"{problem}: install Python {PYTHON_MIN[0]}.{PYTHON_MIN[1]}–{PYTHON_MAX[0]}.{PYTHON_MAX[1]} "
                "(python.org, or Anaconda/Miniforge) and run `python3 course.py check` with it")
    found, advice = disk_problem(shutil.disk_usage(ROOT).free, installed=install_is_current())
    ok = report(advice is None, "Disk", found, advice) and ok
    if not ok:
        sys.exit(1)
    if not install_is_current():
        print("The course is not installed yet: installing it first (a few minutes) ...", flush=True)
    try:
        python = install(options)
    except SystemExit as failure:
        report(False, "Install", f"the install failed ({failure.code})",
               "read pip's message above. No network or a proxy: see the instructor guide's troubleshooting, "
               "or install from a wheelhouse with `python3 course.py check --offline DIR`")
        sys.exit(1)
    code = subprocess.call([str(python), str(ROOT / "tools" / "check.py"), *args], cwd=ROOT)
    sys.exit(code)


# ------------------------------------------------------------------------------------------------
# wheelhouse


def wheelhouse(args: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(
        prog="course.py wheelhouse",
        description="Download every wheel the course needs into DIR, for installs with no network: "
                    "`python3 course.py install --offline DIR` on a computer of that platform.")
    parser.add_argument("dir", type=Path, help="folder for the wheels (created; reused if it exists)")
    parser.add_argument("--platform", choices=PLATFORMS, default=None,
                        help=f"the participants' system (default: this one, {current_platform()})")
    parser.add_argument("--python", default=python_version(),
                        help=f"the participants' Python version X.Y (default: this one, {python_version()})")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--locked", dest="locked", action="store_true", default=None,
                       help="the exact versions of requirements.lock (the default where they were tested)")
    group.add_argument("--unlocked", dest="locked", action="store_false",
                       help="the newest versions that pyproject.toml's ranges allow")
    options = parser.parse_args(args)
    system = options.platform or current_platform()
    if system not in PLATFORMS and options.platform is None:
        sys.exit(f"This computer ({system}) is none of {', '.join(PLATFORMS)}: pass --platform.")
    locked = options.locked if options.locked is not None else lock_applies(options.python, system)
    if options.locked is None and not locked:
        print(f"Note: requirements.lock was not made for {system} with Python {options.python}; "
              "downloading the newest versions that pyproject.toml's ranges allow (--unlocked).", flush=True)
    python = ensure_venv()  # only pip is needed, not the course
    command = [str(python), str(ROOT / "tools" / "wheelhouse.py"), str(options.dir.expanduser().resolve()),
               "--platform", system, "--python", options.python]
    command += ["--lock", str(LOCK)] if locked else []
    sys.exit(subprocess.call(command, cwd=ROOT))


# ------------------------------------------------------------------------------------------------
# site


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


# ------------------------------------------------------------------------------------------------


COMMANDS = ("lab", "check", "test", "install", "site", "slides", "translate", "wheelhouse", "lock", "hub-links",
            "hub-config")


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in COMMANDS:
        sys.exit(__doc__)
    command, argv = argv[0], argv[1:]
    if command == "wheelhouse":
        wheelhouse(argv)
        return
    if command == "lock":
        lock(ensure_venv())  # needs pip only: the lock is resolved from the ranges, not from .venv
        return
    if command in ("hub-links", "hub-config"):  # standard library only: no install needed
        sys.path.insert(0, str(ROOT / "tools"))
        import hub

        sys.exit(hub.links_main(argv) if command == "hub-links" else hub.config_main(argv))
    if command == "test" and "--oldest" in argv:  # maintainers: the lowest versions pyproject.toml allows
        rest = [a for a in argv if a != "--oldest"]
        sys.exit(subprocess.call([sys.executable, str(ROOT / "tools" / "oldest.py"), *rest], cwd=ROOT))
    options, rest = InstallOptions.split(argv)
    if command == "check":
        check(options, rest)
        return
    python = install(options)
    if command == "lab":
        language, rest = lab_language(rest)
        if language == "en":
            run(python, "-m", "jupyter", "lab", *lab_arguments(), *rest)
        else:  # the lessons in another language, generated from the catalogs
            folder = ROOT / "build" / language / "notebooks"
            run(python, ROOT / "tools" / "translate.py", "--notebooks", folder)
            os.environ["NORMREG_LANGUAGE"] = language  # course_lib.i18n: the feedback in Chinese in every kernel
            run(python, "-m", "jupyter", "lab", *lab_arguments(folder, "01_norms.ipynb"), *rest)
    elif command == "test":
        run(python, "-m", "ruff", "check", ".")
        run(python, "-m", "pytest", *(rest or TEST_ARGUMENTS))
    elif command == "site":
        site(python, rest)
    elif command == "slides":
        run(python, ROOT / "tools" / "slides.py", *rest)
    elif command == "translate":
        run(python, ROOT / "tools" / "translate.py", *rest)


if __name__ == "__main__":
    main(sys.argv[1:])
