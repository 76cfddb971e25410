"""Download every wheel the course needs, for one platform and Python version, into a folder.

    python3 course.py wheelhouse DIR [--platform linux|macos-arm64|macos-x86_64|windows] [--python 3.11]

`course.py` runs this with .venv's Python (only pip is needed). Then, on a computer of that
platform with that Python and no network: `python3 course.py install --offline DIR`.

pip downloads the wheels with `--only-binary=:all:` and the platform's tags. pip evaluates the
environment markers of dependencies (`pywinpty; os_name == "nt"`) for the computer it runs on,
not for the target, so a second pass reads every downloaded wheel's requirements, evaluates their
markers for the target, and downloads what is still missing, until nothing is.
"""

from __future__ import annotations

import argparse
import datetime
import email.parser
import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

try:
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
except ImportError:  # a bare venv: pip's own copy
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.utils import canonicalize_name

try:
    import tomllib
except ImportError:  # Python 3.10
    from pip._vendor import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# course.py (standard library only) reads what this writes: the manifest's name and the lock's digest.
from course import WHEELHOUSE_MANIFEST as MANIFEST
from course import file_digest

# The oldest systems the wheels must run on: glibc 2.28 (Debian 10, Ubuntu 20.04, RHEL 8 and newer;
# TensorFlow 2.21 needs 2.27) and macOS 12 (TensorFlow's oldest for Apple Silicon).
GLIBC_MINOR = 28
MACOS = (12, 0)
MARKERS = {
    "linux": {"os_name": "posix", "sys_platform": "linux", "platform_system": "Linux",
              "platform_machine": "x86_64"},
    "macos-arm64": {"os_name": "posix", "sys_platform": "darwin", "platform_system": "Darwin",
                    "platform_machine": "arm64"},
    "macos-x86_64": {"os_name": "posix", "sys_platform": "darwin", "platform_system": "Darwin",
                     "platform_machine": "x86_64"},
    "windows": {"os_name": "nt", "sys_platform": "win32", "platform_system": "Windows",
                "platform_machine": "AMD64"},
}


def platform_tags(system: str) -> list[str]:
    """The wheel platform tags a computer of this kind accepts, best first (as pip lists its own)."""
    if system == "linux":
        return [f"manylinux_2_{minor}_x86_64" for minor in range(GLIBC_MINOR, 16, -1)] + ["manylinux2014_x86_64"]
    if system == "windows":
        return ["win_amd64"]
    if system in ("macos-arm64", "macos-x86_64"):
        arch = system.split("-")[1]
        kinds = ["arm64", "universal2"] if arch == "arm64" else ["x86_64", "intel", "universal2", "universal"]
        versions = [(major, 0) for major in range(MACOS[0], 10, -1)] + [(10, minor) for minor in range(16, 3, -1)]
        return [f"macosx_{major}_{minor}_{kind}" for major, minor in versions for kind in kinds
                if not (kind == "arm64" and major == 10)]  # Apple Silicon starts at macOS 11
    raise ValueError(f"unknown platform {system!r}")


def full_version(python: str) -> str:
    """X.Y.Z for pip's Requires-Python checks (`>=3.11.5` exists): this Python's own Z for the same
    X.Y, else .99 (a recent release is assumed)."""
    if python.count(".") >= 2:
        return python
    here = ".".join(map(str, sys.version_info[:3]))
    return here if here.rsplit(".", 1)[0] == python else f"{python}.99"


def marker_environment(system: str, python: str) -> dict[str, str]:
    full = full_version(python)
    python = ".".join(full.split(".")[:2])
    return {**MARKERS[system], "python_version": python, "python_full_version": full,
            "implementation_name": "cpython", "implementation_version": full,
            "platform_python_implementation": "CPython", "platform_release": "", "platform_version": "",
            "extra": ""}


def course_requirements() -> list[str]:
    """pyproject.toml's dependencies with the dev and docs extras (what `course.py install` installs),
    and the build backend, which the offline install of the checkout needs."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    build = project["build-system"]["requires"]
    project = project["project"]
    requirements = list(project["dependencies"])
    extras = project.get("optional-dependencies", {})
    todo, seen = ["dev"], set()
    while todo:
        extra = todo.pop()
        seen.add(extra)
        for requirement in extras.get(extra, []):
            parsed = Requirement(requirement)
            if canonicalize_name(parsed.name) == canonicalize_name(project["name"]):
                todo += [e for e in parsed.extras if e not in seen]  # normreg[docs]
            else:
                requirements.append(requirement)
    return requirements + list(build) + ["wheel"]


def wheel_requirements(path: Path) -> tuple[str, list[str]]:
    """A wheel's project name and its Requires-Dist lines."""
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.count("/") == 1 and n.endswith(".dist-info/METADATA"))
        metadata = email.parser.Parser().parsestr(archive.read(name).decode("utf-8"))
    return canonicalize_name(metadata["Name"]), metadata.get_all("Requires-Dist") or []


def missing_for_target(folder: Path, top_level: list[str], environment: dict[str, str]) -> list[str]:
    """Requirements that apply on the target but have no wheel in the folder (markers pip judged
    for this computer instead)."""
    wheels = dict(wheel_requirements(path) for path in sorted(folder.glob("*.whl")))
    missing = {}
    for line in top_level + [line for requires in wheels.values() for line in requires]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        applies = requirement.marker is None or requirement.marker.evaluate(environment)
        if applies and name not in wheels:
            missing.setdefault(name, str(requirement).split(";")[0].strip())
    return sorted(missing.values())


def pip_download(folder: Path, requirements: list[str], system: str, python: str, lock: Path | None) -> None:
    command = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "-d", str(folder),
               "--only-binary=:all:", "--python-version", full_version(python), "--implementation", "cp",
               "--abi", "cp" + "".join(python.split(".")[:2]), "--abi", "abi3", "--abi", "none"]
    for tag in platform_tags(system):
        command += ["--platform", tag]
    command += ["-c", str(lock)] if lock else []
    command += [] if sys.stdout.isatty() else ["-q"]
    code = subprocess.call(command + requirements, cwd=ROOT)
    if code:
        hint = ("requirements.lock pins versions that have no wheel for this platform and Python: try "
                "--unlocked, or another --python") if lock else (
                "no versions within pyproject.toml's ranges have wheels for this platform and Python: "
                "try another --python")
        sys.exit(f"pip download failed (exit status {code}): {hint}.")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--platform", required=True, choices=sorted(MARKERS))
    parser.add_argument("--python", required=True, help="X.Y")
    parser.add_argument("--lock", type=Path, help="requirements.lock: download exactly its versions")
    options = parser.parse_args(argv)
    folder = options.dir
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    versions = "requirements.lock" if options.lock else "pyproject.toml's ranges"
    print(f"Downloading the wheels for {options.platform}, Python {options.python}, versions from {versions}, "
          f"into {folder} (0.5 to 0.9 GB; TensorFlow is most of it) ...", flush=True)
    requirements = course_requirements()
    environment = marker_environment(options.platform, options.python)
    todo = requirements
    for _ in range(10):
        pip_download(folder, todo, options.platform, options.python, options.lock)
        todo = missing_for_target(folder, requirements, environment)
        if not todo:
            break
        print(f"Also needed on {options.platform}: {', '.join(todo)}", flush=True)
    else:
        sys.exit(f"Still missing after 10 rounds: {', '.join(todo)}")
    wheels = sorted(folder.glob("*.whl"))
    size = sum(p.stat().st_size for p in wheels)
    manifest = {
        "platform": options.platform,
        "python": options.python,
        "locked": bool(options.lock),
        "lock_sha256": file_digest(options.lock) if options.lock else None,
        "pyproject_sha256": file_digest(ROOT / "pyproject.toml"),
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "size_bytes": size,
        "wheels": [p.name for p in wheels],
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(f"Wheelhouse ready in {time.perf_counter() - start:.0f} s: {len(wheels)} wheels, {size / 1e9:.2f} GB, "
          f"in {folder}.\nOn each {options.platform} laptop with Python {options.python} (exactly this X.Y), copy "
          f"this folder and the course, then, with no network:\n"
          f"    python3 course.py install --offline {folder.name}   (or the folder's full path)", flush=True)


if __name__ == "__main__":
    main()
