"""Check binder/ the way repo2docker (mybinder.org, a BinderHub, Zero to JupyterHub) uses it.

    python3 tools/binder_check.py --wheelhouse build/wheelhouse   # what .ci/run does
    python3 tools/binder_check.py --recipe-only                   # step 1 only

1. The recipe. `repo2docker --no-build --debug` prints the Dockerfile it would build, with no
   container engine: it must pick Python 3.11, install binder/requirements.txt (which names
   requirements.lock) and run binder/postBuild, with binder/start as the entrypoint.
2. A simulated build, without a container: a fresh venv gets binder/requirements.txt (from the
   wheelhouse, no index), then binder/postBuild runs in a copy of the repository, as repo2docker
   runs it in the image. Then, from an empty folder: MNIST is found inside the installed package,
   JupyterLab's settings are in place, binder/start limits the threads, lesson 01 copied alone
   runs top to bottom, and a `course.py hub-links` link, followed on a Jupyter server of that venv
   with nbgitpuller, clones a repository and opens the lesson.

Each step prints a ✓ or ✗ line; the exit status is 1 if any failed. repo2docker is installed
into build/r2d-venv (from PyPI) the first time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import hub
from check import free_port  # course.py check's

BUILD = ROOT / "build"
R2D_VENV = BUILD / "r2d-venv"
R2D_VERSION = "2026.4.0"
SIM = BUILD / "binder-sim"
LESSON = "01_norms.ipynb"
THREAD_VARIABLES = ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                    "TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS"]


class Failed(Exception):
    """A check that failed, with what was found."""


def report(ok: bool, name: str, detail: str) -> bool:
    print(f"{'✓' if ok else '✗'} {name}: {detail}", flush=True)
    return ok


def bin_path(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / name


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    """A command whose failure is a Failed with the end of its output."""
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        tail = (result.stdout + result.stderr).strip().splitlines()[-15:]
        raise Failed(f"`{' '.join(str(a) for a in args[:4])} ...` exited with {result.returncode}:\n    "
                     + "\n    ".join(tail))
    return result


# ---------------------------------------------------------------------------------------------
# 1. The recipe


def repo2docker() -> Path:
    """build/r2d-venv/bin/repo2docker, installed from PyPI the first time."""
    executable = bin_path(R2D_VENV, "repo2docker")
    if not executable.exists():
        run(sys.executable, "-m", "venv", R2D_VENV)
        run(bin_path(R2D_VENV, "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
            f"jupyter-repo2docker=={R2D_VERSION}")
    return executable


def recipe() -> str:
    """The Dockerfile repo2docker would build for this repository, as mybinder.org's user (uid 1000)."""
    result = run(repo2docker(), "--no-build", "--debug", "--user-id", "1000", "--user-name", "jovyan", ROOT,
                 cwd=ROOT)
    return result.stdout + result.stderr


def check_recipe(text: str) -> str:
    """The recipe's Python, requirements, postBuild and entrypoint, or Failed."""
    wanted = {
        "Python 3.11": "Building conda environment for python=3.11",
        "the lock": 'pip install --no-cache-dir -r "binder/requirements.txt"',
        "the post-build step": "RUN ./binder/postBuild",
        "the start script": 'ENV R2D_ENTRYPOINT="${REPO_DIR}/binder/start"',
    }
    missing = [name for name, line in wanted.items() if line not in text]
    requirements = (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    if "-r ../requirements.lock" not in requirements:
        missing.append("binder/requirements.txt naming -r ../requirements.lock")
    if missing:
        raise Failed("the recipe lacks " + ", ".join(missing))
    return "repo2docker " + R2D_VERSION + " picks " + ", ".join(wanted)


# ---------------------------------------------------------------------------------------------
# 2. The simulated build


def extra_wheels(wheelhouse: Path) -> None:
    """Download what binder/requirements.txt adds to the lock (nbgitpuller) into the wheelhouse."""
    for line in (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            name = line.split("==")[0].lower().replace("-", "_")
            if not list(wheelhouse.glob(f"{name}-*.whl")):
                run(sys.executable, "-m", "pip", "download", "-q", "--disable-pip-version-check", "--no-deps",
                    "-d", wheelhouse, line)


def repository_copy(target: Path) -> Path:
    """The repository's files (tracked and untracked, not ignored), as repo2docker copies them."""
    names = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).stdout
    for name in filter(None, names.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def simulated_build(wheelhouse: Path) -> tuple[Path, float]:
    """A fresh venv with binder/requirements.txt and the post-build step, offline; its python and seconds."""
    start = time.perf_counter()
    shutil.rmtree(SIM, ignore_errors=True)
    run(sys.executable, "-m", "venv", SIM / "env")
    python = bin_path(SIM / "env", "python")
    offline = {**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheelhouse),
               "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    source = repository_copy(SIM / "repo")
    requirements = source / "binder" / "requirements.txt"
    # --no-compile: skip writing .pyc files for ~180 packages, a cache that proves nothing here (75 s -> 30 s)
    run(python, "-m", "pip", "install", "-q", "--no-compile", "-r", requirements, cwd=source, env=offline)
    path = f"{bin_path(SIM / 'env', '')}{os.pathsep}{os.environ.get('PATH', '')}"
    run("bash", source / "binder" / "postBuild", cwd=source, env={**offline, "PATH": path})
    return python, time.perf_counter() - start


def smoke_test(python: Path, folder: Path) -> str:
    """From an empty folder: MNIST inside the package, the lab settings, the thread limits, lesson 01."""
    probe = ("import json, os, sys, course_lib; from course_lib import data; "
             "print(json.dumps({'mnist': str(data.mnist_path()), 'prefix': sys.prefix, "
             f"'threads': [os.environ.get(v) for v in {THREAD_VARIABLES!r}]}}))")
    start = SIM / "repo" / "binder" / "start"
    env = {k: v for k, v in os.environ.items() if k not in THREAD_VARIABLES and k != "COURSE_LIB_DATA_DIR"}
    found = json.loads(run("bash", start, python, "-c", probe, cwd=folder, env=env).stdout)
    if "site-packages" not in found["mnist"] or not found["mnist"].endswith("course_lib/_data/mnist.npz"):
        raise Failed(f"MNIST was found at {found['mnist']}, not inside the installed package")
    if found["threads"] != ["2"] * len(THREAD_VARIABLES):
        raise Failed(f"binder/start set the thread variables to {found['threads']}")
    prefix = Path(found["prefix"])
    overrides = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    server = prefix / "etc" / "jupyter" / "jupyter_server_config.json"
    if not overrides.exists() or not server.exists():
        raise Failed("postBuild did not write JupyterLab's settings (course.py hub-config)")
    shutil.copy2(ROOT / "notebooks" / LESSON, folder / LESSON)
    run("bash", start, python, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", "--output",
        "executed.ipynb", LESSON, cwd=folder, env=env, timeout=300)
    return f"MNIST from the package, lab settings, {len(THREAD_VARIABLES)} thread limits of 2, {LESSON} ran alone"


def get(url: str, timeout: float = 60) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8", "replace")


def hub_link_test(python: Path, folder: Path) -> str:
    """A hub-links link, followed on a Jupyter server of the simulated image: clone, then the lesson opens."""
    source = folder / "normreg"  # nbgitpuller clones into the repository URL's last part
    (source / "notebooks").mkdir(parents=True)
    shutil.copy2(ROOT / "notebooks" / LESSON, source / "notebooks" / LESSON)
    twin = Path(LESSON).with_suffix(".py").name
    shutil.copy2(ROOT / "notebooks" / twin, source / "notebooks" / twin)
    git = ["git", "-c", "user.name=ci", "-c", "user.email=ci@localhost", "-C", source]
    run(*git, "init", "-q", "-b", "main")
    run(*git, "add", ".")
    run(*git, "commit", "-q", "-m", "lessons")
    home = folder / "home"
    home.mkdir()
    port = free_port()
    repo = f"file://{source}"
    link = hub.hub_link(f"http://127.0.0.1:{port}", repo, "main", LESSON).replace(
        f"http://127.0.0.1:{port}/hub/user-redirect/", f"http://127.0.0.1:{port}/")
    query = link.split("?", 1)[1]
    root = ["--allow-root"] if os.name != "nt" and os.geteuid() == 0 else []  # containers and CI
    server = subprocess.Popen(
        [str(python), "-m", "jupyter", "server", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--ServerApp.root_dir={home}", "--IdentityProvider.token=", "--ServerApp.password=",
         "--ServerApp.disable_check_xsrf=True", *root],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=home)
    try:
        for _ in range(120):
            try:
                get(f"http://127.0.0.1:{port}/api/status", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        page = get(link)
        if "git-pull" not in page and "nbgitpuller" not in page.lower():
            raise Failed("the link did not answer with nbgitpuller's page")
        events = get(f"http://127.0.0.1:{port}/git-pull/api?{query}", timeout=120)
        if '"phase": "finished"' not in events:
            raise Failed(f"nbgitpuller did not finish: {events[-300:]}")
        folder_name = hub.clone_folder(repo)
        if not (home / folder_name / "notebooks" / LESSON).exists():
            raise Failed(f"nbgitpuller did not clone into {folder_name}/notebooks/")
        urlpath = f"lab/tree/{folder_name}/notebooks/{LESSON}"
        if urlpath not in link:
            raise Failed(f"the link's urlpath is not {urlpath}")
        get(f"http://127.0.0.1:{port}/{urlpath}")
        listing = json.loads(get(f"http://127.0.0.1:{port}/api/contents/{folder_name}/notebooks"))
        shown = sorted(item["name"] for item in listing["content"])
        if shown != [LESSON]:
            raise Failed(f"JupyterLab lists {shown} in the lessons' folder, not only {LESSON} (.py twin hidden)")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return (f"the {LESSON[:-6]} link cloned the course into ~/{folder_name} and opened the lesson in "
            "JupyterLab, its .py twin hidden")


# ---------------------------------------------------------------------------------------------


def check(name: str, function, *args):
    """Run one step; print its line; return its value, or None if it failed."""
    try:
        value = function(*args)
    except (Failed, OSError, subprocess.SubprocessError, ValueError, KeyError) as err:
        report(False, name, str(err))
        return None
    return value


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="binder_check.py", description=__doc__.splitlines()[0])
    parser.add_argument("--wheelhouse", type=Path, help="folder of wheels with the lock's versions "
                        "(`course.py wheelhouse DIR --locked`); needed for step 2")
    parser.add_argument("--recipe-only", action="store_true", help="check the recipe only (step 1)")
    options = parser.parse_args(argv)
    if not options.recipe_only and (options.wheelhouse is None or not options.wheelhouse.is_dir()):
        parser.error("--wheelhouse DIR is needed (an existing folder) unless --recipe-only")
    start = time.perf_counter()
    ok = True
    text = check("Recipe", recipe)
    detail = check("Recipe", check_recipe, text) if text is not None else None
    ok &= detail is not None and report(True, "Recipe", detail)
    if not options.recipe_only:
        wheelhouse = options.wheelhouse.resolve()
        built = check("Simulated build", lambda: (extra_wheels(wheelhouse), simulated_build(wheelhouse))[1])
        ok &= built is not None and report(True, "Simulated build", f"fresh venv, binder/requirements.txt "
                                           f"and postBuild, offline, in {built[1]:.0f} s")
        if built is not None:
            with tempfile.TemporaryDirectory() as empty:
                smoke = check("Smoke test", smoke_test, built[0], Path(empty))
                ok &= smoke is not None and report(True, "Smoke test", smoke)
            with tempfile.TemporaryDirectory() as empty:
                linked = check("Hub link", hub_link_test, built[0], Path(empty))
                ok &= linked is not None and report(True, "Hub link", linked)
    print(f"{'Binder ready' if ok else 'Binder NOT ready'} ({time.perf_counter() - start:.0f} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
