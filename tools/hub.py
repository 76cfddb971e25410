"""The course on a shared Jupyter server: nbgitpuller links and JupyterLab's tidy settings.

    python3 course.py hub-links --hub https://hub.example.org [--branch main] [--repo URL]
    python3 course.py hub-config PREFIX

`hub-links` prints one nbgitpuller link per lesson. A student who follows it on a JupyterHub
(The Littlest JupyterHub, Zero to JupyterHub, or a BinderHub with nbgitpuller installed) logs
in, gets a fresh copy of the course in ~/normreg (later clicks pull the teacher's changes and keep
the student's own edits), and lands on that lesson in JupyterLab. The repository defaults to
the course's one setting, pyproject.toml's [tool.normreg] repository-url.

`hub-config` writes JupyterLab's settings for the environment installed at PREFIX (a Binder
image's $NB_PYTHON_PREFIX, TLJH's /opt/tljh/user, a venv): the same tidy lab as
`course.py lab` (lessons' .py twins hidden, no news pop-up). binder/postBuild calls it.
Uses only the standard library.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import course  # course.py: the repository setting and the lab's settings


def clone_folder(repo: str) -> str:
    """The folder nbgitpuller clones a repository into: its last path part, without .git."""
    name = repo.rstrip("/").rsplit("/", 1)[-1]
    return name[:-4] if name.endswith(".git") else name


def hub_link(hub: str, repo: str, branch: str, notebook: str) -> str:
    """One nbgitpuller link: clone or update `repo` at `branch`, then open `notebook` in JupyterLab."""
    folder = clone_folder(repo)
    query = urlencode({"repo": repo, "branch": branch, "targetpath": folder,
                       "urlpath": f"lab/tree/{folder}/notebooks/{notebook}"}, quote_via=quote, safe="/")
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def check_url(value: str, name: str) -> str:
    """An http(s) URL with a host, without a trailing /; SystemExit naming the option otherwise."""
    value = value.strip().rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        sys.exit(f"{name}: expected an http(s) URL such as https://hub.example.org, got {value!r}")
    return value


def lesson_names() -> list[str]:
    """The lessons' notebook file names, in order."""
    return sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def links_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="course.py hub-links",
                                     description="Print one nbgitpuller link per lesson for a JupyterHub.")
    parser.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.org")
    parser.add_argument("--branch", default=None, help=f"branch to pull (default: {course.repository_branch()})")
    parser.add_argument("--repo", default=None, help="repository to pull (default: pyproject.toml's "
                        "[tool.normreg] repository-url, or $NORMREG_REPOSITORY_URL)")
    options = parser.parse_args(argv)
    hub = check_url(options.hub, "--hub")
    repo = options.repo or course.repository_url()
    if not repo:
        sys.exit("No repository to pull from: pass --repo https://github.com/ORG/normreg, or set "
                 "[tool.normreg] repository-url in pyproject.toml (or $NORMREG_REPOSITORY_URL).")
    repo = check_url(repo, "--repo")
    branch = (options.branch or course.repository_branch()).strip()
    if not branch or any(c.isspace() for c in branch):
        sys.exit(f"--branch: expected a branch name, got {branch!r}")
    for notebook in lesson_names():
        print(f"{notebook[:-6]}  {hub_link(hub, repo, branch, notebook)}")
    return 0


def merged(path: Path, settings: dict) -> dict:
    """The JSON file's settings (if it exists) with `settings` merged in, one level deep."""
    try:
        current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except ValueError as err:
        raise ValueError(f"prefix: {path} is not valid JSON ({err}); fix or remove it") from None
    for section, values in settings.items():
        current[section] = {**current.get(section, {}), **values}
    return current


def write_config(prefix: Path) -> list[Path]:
    """JupyterLab's overrides.json and the server's hide_globs, merged into an environment's config.

    The server's setting goes into etc/jupyter/jupyter_server_config.json: Jupyter Server reads
    its .d/ folder only for enabling extensions, not for other settings."""
    if not prefix.is_dir():
        raise ValueError(f"prefix: {prefix} is not a folder (expected an installed environment, e.g. "
                         "$NB_PYTHON_PREFIX or /opt/tljh/user)")
    lab = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    server = prefix / "etc" / "jupyter" / "jupyter_server_config.json"
    contents = {lab: course.LAB_SETTINGS, server: {"ContentsManager": {"hide_globs": course.LAB_HIDE_GLOBS}}}
    for path, settings in contents.items():
        text = json.dumps(merged(path, settings), indent=2) + "\n"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(contents)


def config_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="course.py hub-config",
                                     description="Write the course's JupyterLab settings into an environment.")
    parser.add_argument("prefix", type=Path, help="the environment's prefix (sys.prefix of its Python)")
    options = parser.parse_args(argv)
    try:
        written = write_config(options.prefix)
    except (ValueError, OSError) as err:
        sys.exit(str(err))
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    mains = {"links": links_main, "config": config_main}
    if command not in mains:
        sys.exit("usage: hub.py links --hub URL [--branch B] [--repo R] | hub.py config PREFIX")
    sys.exit(mains[command](sys.argv[2:]))
