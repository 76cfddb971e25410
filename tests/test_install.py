"""The course from any install, as a learner on Colab, a hub or a plain Jupyter gets it.

- The wheel carries every module of course_lib, its Chinese feedback and MNIST (checksum intact); from a
  non-editable install of it, in a fresh virtual environment, lesson 01 copied alone into an empty
  folder runs top to bottom, and what the later lessons read from the package (MNIST, a number quoted
  from lesson 05, the Chinese feedback) is found there.
- In a fresh virtual environment without course_lib, lesson 01 copied alone installs the course
  through its first cell from the folder named by NORMREG_SOURCE, without reinstalling
  TensorFlow, then runs; with no source known, the cell prints one line of advice.

The fresh environments get the course's dependencies from .venv through a .pth file (no
download: pip runs with PIP_NO_INDEX=1) and must install course_lib themselves. About a minute.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
from scripts import load_script

import course_lib
from course_lib import data, quoted

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
install_cell = load_script("tools/install_cell.py")

# What a source distribution of the course holds: enough to build the wheel.
SOURCE_FILES = ["pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "course_lib", "data"]

# Run inside a fresh environment: execute a notebook in place with a kernel of that environment,
# then record where course_lib came from.
RUN_NOTEBOOK = """
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

path = Path(sys.argv[1])
notebook = nbformat.read(path, as_version=4)
where = "import course_lib\\nprint('course_lib from', course_lib.__file__)"
notebook.cells.append(nbformat.v4.new_code_cell(where))
NotebookClient(notebook, timeout=300, kernel_name="python3",
               resources={"metadata": {"path": str(path.parent)}}).execute()
nbformat.write(notebook, path)
"""


def source_copy(target: Path) -> Path:
    """A copy of the course's source files (as a source distribution holds them) in target."""
    target.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "_data")
    for name in SOURCE_FILES + [p.name for p in ROOT.glob("LICENSE*")]:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    return target


def fresh_environment(folder: Path) -> dict:
    """A new virtual environment without course_lib that sees .venv's packages; the env to run it in."""
    venv.EnvBuilder(with_pip=False).create(folder)
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site_packages = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                   capture_output=True, text=True, check=True).stdout.strip()
    Path(site_packages, "_course_env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    kernels = folder / "jupyter" / "kernels" / "python3"  # a kernel that runs this environment's python
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "fresh", "language": "python"}))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NORMREG_", "COURSE_LIB_", "PYTHON"))}
    env.update(
        PATH=str(python.parent) + os.pathsep + env.get("PATH", ""),
        JUPYTER_PATH=str(folder / "jupyter"),
        PIP_NO_INDEX="1",  # nothing may be downloaded: every dependency is already there
        PIP_NO_BUILD_ISOLATION="0",  # (pip's spelling of "off") build with .venv's setuptools, offline
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    return {"python": python, "site_packages": Path(site_packages), "env": env}


def run_alone(environment: dict, notebook: str, folder: Path, **env: str) -> tuple[list[str], str]:
    """Copy a lesson alone into an empty folder and run it; (its text outputs per cell, course_lib's file)."""
    folder.mkdir()
    copy = folder / notebook
    shutil.copy(NOTEBOOKS / notebook, copy)
    done = subprocess.run([environment["python"], "-c", RUN_NOTEBOOK, str(copy)], cwd=folder, capture_output=True,
                          text=True, env={**environment["env"], **env}, timeout=600)
    assert done.returncode == 0, f"{notebook} failed when run alone:\n{done.stderr[-3000:]}"
    assert sorted(p.name for p in folder.iterdir()) == [notebook], "the lesson needs no other file"
    cells = json.loads(copy.read_text(encoding="utf-8"))["cells"]
    texts = ["".join("".join(out.get("text", "")) for out in cell.get("outputs", [])) for cell in cells]
    assert not any(out.get("output_type") == "error" for cell in cells for out in cell.get("outputs", []))
    return texts, texts[-1].split("course_lib from", 1)[1].strip()


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    return source_copy(tmp_path_factory.mktemp("normreg-source") / "normreg")


@pytest.fixture(scope="module")
def wheel(sources, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "--no-index", "-w", out, sources], check=True, capture_output=True)
    (built,) = out.glob("normreg-*.whl")
    return built


def test_every_lesson_starts_with_the_install_cell():
    cell = install_cell.cell_source()
    for notebook in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        text = notebook.with_suffix(".py").read_text(encoding="utf-8")
        assert install_cell.with_install_cell(text, cell) == text, f"run tools/install_cell.py ({notebook.name})"
        first_code = next(c for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
                          if c["cell_type"] == "code")
        assert "".join(first_code["source"]) == cell and not first_code.get("outputs")
        assert {"remove-cell", "skip-slide"} <= set(first_code["metadata"]["tags"])


def test_the_install_cell_installs_from_the_one_repository_setting():
    assert install_cell.default_source({}) == ""
    settings = {"repository-url": "https://example.org/team/normreg/", "repository-branch": "v1"}
    assert install_cell.default_source(settings) == "git+https://example.org/team/normreg@v1"
    assert 'or "git+https://example.org/team/normreg@v1"' in install_cell.cell_source(settings)
    pyproject = load_script("course.py").pyproject_settings()
    assert install_cell.cell_source() == install_cell.cell_source(pyproject)


def test_the_wheel_carries_every_module_and_mnist(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        packaged = archive.read("course_lib/_data/mnist.npz")
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "course_lib").rglob("*.py")}
    assert modules <= names, f"missing from the wheel: {sorted(modules - names)}"
    assert "course_lib/locale/zh_CN/LC_MESSAGES/course_lib.mo" in names  # the feedback in Chinese
    assert hashlib.sha256(packaged).hexdigest() == data.MNIST_SHA256
    assert f"\nVersion: {course_lib.__version__}\n" in metadata
    assert "\nLicense-Expression: MIT AND CC-BY-4.0 AND CC-BY-SA-3.0\n" in metadata
    licenses = {n.split(".dist-info/licenses/", 1)[1] for n in names if ".dist-info/licenses/" in n}
    assert licenses == {"LICENSE", "LICENSES/MIT.txt", "LICENSES/CC-BY-4.0.txt", "LICENSES/CC-BY-SA-3.0.txt"}


# What lessons 05 to 08 take from the package besides its code, read in a folder without the course:
# MNIST, a number quoted from another lesson (lesson 07), and the feedback's Chinese translations.
PACKAGE_DATA = """
import json
from course_lib import data, i18n, quoted
(x_train, _), _ = data.load_mnist(n_train=100)
_, where = quoted.quoted_number("05_autoencoder_mnist", "denoising autoencoder, first 200 test digits")
i18n.set_language("zh_CN")
print(json.dumps({"digits": len(x_train), "where": where, "data": data.__file__,
                  "feedback": i18n.gettext("Correct: {value:.6g}.")}))
"""


def test_lessons_run_alone_from_a_non_editable_install(wheel, tmp_path):
    environment = fresh_environment(tmp_path / "venv")
    subprocess.run([environment["python"], "-m", "pip", "install", "-q", "--no-deps", wheel],
                   env=environment["env"], check=True, capture_output=True)
    texts, origin = run_alone(environment, "01_norms.ipynb", tmp_path / "lesson01")
    assert Path(origin).is_relative_to(environment["site_packages"])  # the installed copy, not the checkout
    assert texts[1] == ""  # the install cell does nothing where the course is installed
    done = subprocess.run([environment["python"], "-c", PACKAGE_DATA], cwd=tmp_path, env=environment["env"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["digits"] == 100 and Path(found["data"]).is_relative_to(environment["site_packages"])
    assert found["where"] == "recorded from the course's copy (05_autoencoder_mnist.ipynb is not beside this one)"
    assert found["feedback"] == "正确：{value:.6g}。"


def test_the_first_cell_installs_the_course_where_it_is_missing(sources, tmp_path):
    environment = fresh_environment(tmp_path / "venv")
    missing = subprocess.run([environment["python"], "-c", "import course_lib"], cwd=tmp_path,
                             env=environment["env"], capture_output=True, text=True)
    assert "No module named 'course_lib'" in missing.stderr
    # With no source known, one line of advice and no error.
    advice = subprocess.run([environment["python"], "-c", install_cell.cell_source({})], cwd=tmp_path,
                            env=environment["env"], capture_output=True, text=True)
    assert advice.returncode == 0 and advice.stderr == ""
    assert advice.stdout.count("\n") == 1 and advice.stdout.startswith("course_lib is not installed")
    # With NORMREG_SOURCE naming a local folder of the course: installed, then the lesson runs.
    texts, origin = run_alone(environment, "01_norms.ipynb", tmp_path / "lesson01", NORMREG_SOURCE=str(sources))
    assert texts[1].startswith(f"Installing the course from {sources}")
    assert Path(origin).is_relative_to(environment["site_packages"])
    installed = {p.name.lower() for p in environment["site_packages"].iterdir()}
    assert not any(name.startswith("tensorflow") for name in installed), "TensorFlow was reinstalled"


def test_numbers_quoted_from_another_lesson_match_its_committed_output():
    for (lesson, label), value in quoted.RECORDED.items():
        notebook = json.loads((NOTEBOOKS / f"{lesson}.ipynb").read_text(encoding="utf-8"))
        assert quoted.printed_number(notebook, label) == value, f"update quoted.RECORDED[{lesson!r}, {label!r}]"
        assert quoted.quoted_number(lesson, label, NOTEBOOKS) == (value, f"read from {lesson}.ipynb")
    with pytest.raises(ValueError, match="lesson, label"):
        quoted.quoted_number("99_missing", "x")
