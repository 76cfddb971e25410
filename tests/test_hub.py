"""The course on a shared server: `course.py hub-links`, `course.py hub-config` and binder/.

The full check of binder/ (repo2docker's recipe, a simulated build, a hub link followed on a real
Jupyter server with nbgitpuller) is tools/binder_check.py, which .ci/run runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from scripts import load_script

ROOT = Path(__file__).resolve().parent.parent
hub = load_script("tools/hub.py")
course = load_script("course.py")
LESSONS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def course_py(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NORMREG_REPOSITORY")}
    return subprocess.run([sys.executable, str(ROOT / "course.py"), *args], capture_output=True, text=True,
                          env={**environment, **env}, cwd=ROOT, timeout=60)


def test_a_link_opens_the_lesson_in_jupyterlab_after_pulling():
    link = hub.hub_link("https://hub.example.org/", "https://github.com/ORG/normreg.git", "main", LESSONS[2])
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "hub.example.org", "/hub/user-redirect/git-pull")
    query = {key: values[0] for key, values in parse_qs(parts.query, strict_parsing=True).items()}
    assert query == {"repo": "https://github.com/ORG/normreg.git", "branch": "main", "targetpath": "normreg",
                     "urlpath": f"lab/tree/normreg/notebooks/{LESSONS[2]}"}


@pytest.mark.parametrize(("repo", "folder"), [("https://github.com/ORG/normreg", "normreg"),
                                              ("https://gitlab.com/a/b/course.git/", "course"),
                                              ("file:///tmp/x/normreg", "normreg")])
def test_clone_folder_is_what_nbgitpuller_clones_into(repo, folder):
    assert hub.clone_folder(repo) == folder


def test_hub_links_prints_one_link_per_lesson():
    result = course_py("hub-links", "--hub", "https://hub.example.org", "--branch", "spring-2027",
                       NORMREG_REPOSITORY_URL="https://github.com/ORG/normreg")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [name[:-6] for name in LESSONS]
    for line, name in zip(lines, LESSONS, strict=True):
        query = parse_qs(urlsplit(line.split()[1]).query)
        assert query["branch"] == ["spring-2027"] and query["urlpath"] == [f"lab/tree/normreg/notebooks/{name}"]


def test_hub_links_without_a_repository_says_what_to_do():
    if course.pyproject_settings()["repository-url"]:
        pytest.skip("pyproject.toml names a repository")
    result = course_py("hub-links", "--hub", "https://hub.example.org")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip().startswith("No repository to pull from: pass --repo")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--hub", "hub.example.org", "--repo", "https://github.com/ORG/normreg"], "--hub: expected an http(s) URL"),
    (["--hub", "https://hub.example.org", "--repo", "github.com/ORG/normreg"], "--repo: expected an http(s) URL"),
    (["--hub", "https://hub.example.org?x=1", "--repo", "https://github.com/O/n"], "--hub: expected"),
    (["--hub", "https://hub.example.org", "--repo", "https://github.com/O/n", "--branch", "a b"], "--branch:"),
])
def test_hub_links_rejects_bad_options_in_one_line(args, message):
    result = course_py("hub-links", *args)
    assert result.returncode != 0 and message in result.stderr and "Traceback" not in result.stderr


def test_hub_config_writes_the_tidy_lab_and_keeps_other_settings(tmp_path):
    server = tmp_path / "etc" / "jupyter" / "jupyter_server_config.json"
    server.parent.mkdir(parents=True)
    server.write_text(json.dumps({"ServerApp": {"shutdown_no_activity_timeout": 3600},
                                  "ContentsManager": {"allow_hidden": False}}))
    result = course_py("hub-config", str(tmp_path))
    assert result.returncode == 0, result.stderr
    written = json.loads(server.read_text())
    assert written["ServerApp"] == {"shutdown_no_activity_timeout": 3600}
    assert written["ContentsManager"] == {"allow_hidden": False, "hide_globs": course.LAB_HIDE_GLOBS}
    overrides = tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert json.loads(overrides.read_text()) == course.LAB_SETTINGS
    assert course_py("hub-config", str(tmp_path)).returncode == 0  # twice: the same files
    assert json.loads(server.read_text()) == written


def test_hub_config_rejects_a_missing_prefix_and_broken_json(tmp_path):
    result = course_py("hub-config", str(tmp_path / "nowhere"))
    assert result.returncode == 1 and result.stderr.startswith("prefix:") and "Traceback" not in result.stderr
    broken = tmp_path / "etc" / "jupyter" / "jupyter_server_config.json"
    broken.parent.mkdir(parents=True)
    broken.write_text("{not json")
    result = course_py("hub-config", str(tmp_path))
    assert result.returncode == 1 and "is not valid JSON" in result.stderr and broken.read_text() == "{not json"


def test_binder_folder_matches_the_lock_and_the_checks():
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"
    header = (ROOT / "requirements.lock").read_text().splitlines()
    assert "# python: 3.11" in header  # the lock was made for the Python that Binder gets
    requirements = (ROOT / "binder" / "requirements.txt").read_text().splitlines()
    assert "-r ../requirements.lock" in requirements
    for script in ["postBuild", "start"]:
        assert os.access(ROOT / "binder" / script, os.X_OK), f"binder/{script} must be executable"
    start = (ROOT / "binder" / "start").read_text()
    checker = load_script("tools/binder_check.py")
    assert all(f"export {name}=" in start for name in checker.THREAD_VARIABLES)
    assert start.rstrip().endswith('exec "$@"')


def test_hosting_page_tables_follow_from_its_measured_memory():
    """docs/hosting.md's sizing table, Binder sentence and limits are recomputed from its measured table."""
    memory = load_script("tools/memory.py")
    page = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")
    measured = page.split("<!-- memory-measured -->", 1)[1].split("<!-- /memory-measured -->", 1)[0]
    names = {"an idle kernel (no lesson)": "idle kernel",
             "an idle JupyterLab server (one per user)": "idle JupyterLab server"}
    peaks = {}
    for row in measured.strip().splitlines()[2:]:
        what, value = (cell.strip() for cell in row.strip("|").split("|"))
        peaks[names.get(what, what.removeprefix("lesson ").strip("`"))] = float(value.removesuffix(" MB"))
    assert sorted(name for name in peaks if name[:2].isdigit()) == [name[:-6] for name in LESSONS]
    copy = page
    for marker, block in [("memory-measured", memory.tables(peaks)[0]), ("memory-sizing", memory.tables(peaks)[1]),
                          ("memory-binder", memory.binder_note(peaks))]:
        copy = memory.replace_between(copy, marker, block)
    assert copy == page, "run `.venv/bin/python tools/memory.py --write` (or fix the page's tables by hand)"
    limit = f"{memory.limit_gb(peaks):g}G"
    assert f"limits.memory {limit}" in page and f"    limit: {limit}" in page
