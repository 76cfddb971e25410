"""The workshop kit: course.py's install options and lock, the wheelhouse, `course.py check`,
the tidy JupyterLab, and the instructor guide's timing tables.

The full paths run elsewhere: .ci/run builds a wheelhouse, installs CI's fresh .venv from it with
--no-index and runs `course.py check`; tests/test_slides.py builds and opens the slides.
"""

from __future__ import annotations

import copy
import fnmatch
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from scripts import load_script

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


course = load_script("course.py")
wheelhouse = load_script("tools/wheelhouse.py")
timings = load_script("tools/timings.py")


# ------------------------------------------------------------------------------------------------
# Install options and the lock file


def test_install_options_are_taken_out_of_any_command_line(tmp_path):
    options, rest = course.InstallOptions.split(["--locked", "-k", "site", f"--offline={tmp_path}", "-x"])
    assert (options.mode, options.offline, rest) == ("locked", tmp_path.resolve(), ["-k", "site", "-x"])
    options, rest = course.InstallOptions.split(["--offline", str(tmp_path), "--unlocked"])
    assert (options.mode, options.offline, rest) == ("unlocked", tmp_path.resolve(), [])
    with pytest.raises(SystemExit, match="--offline needs a folder"):
        course.InstallOptions.split(["--offline"])


def test_the_lock_pins_every_package_exactly_and_says_where_it_applies():
    header = course.lock_header()
    assert header["python"] == "3.11" and "linux" in header["platforms"].split()
    assert header["python-min"].startswith("3.11.")
    pins = [line for line in course.LOCK.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    assert len(pins) > 100 and all(line.count("==") == 1 for line in pins)
    names = {line.split("==")[0] for line in pins}
    assert {"tensorflow", "keras", "numpy", "scikit-image", "jupyterlab", "nbval"} <= names
    assert "normreg" not in names


def test_lock_applies_only_to_its_python_and_systems(tmp_path, monkeypatch):
    lock = tmp_path / "requirements.lock"
    lock.write_text("# python: 3.11\n# python-min: 3.11.5\n# platforms: linux windows\n\nnumpy==2.0.0\n")
    monkeypatch.setattr(course, "LOCK", lock)
    assert course.lock_applies("3.11", "windows") and not course.lock_applies("3.12", "windows")
    assert not course.lock_applies("3.11", "macos-x86_64")
    here = course.python_version()
    lock.write_text(f"# python: {here}\n# python-min: {here}.999\n# platforms: {course.current_platform()}\n")
    assert not course.lock_applies(), "a Python older than python-min must install from the ranges"


def test_oldest_patch_release_follows_requires_python():
    here = course.python_version()
    resolved = [{"metadata": {"requires_python": f">={here}.5"}}, {"metadata": {"requires_python": ">=3.8"}},
                {"metadata": {}}]
    assert course.oldest_patch_release(resolved) == f"{here}.5"


def test_the_install_stamp_depends_on_the_lock_for_locked_installs(tmp_path, monkeypatch):
    lock = tmp_path / "requirements.lock"
    lock.write_text("numpy==2.0.0\n")
    monkeypatch.setattr(course, "LOCK", lock)
    locked, unlocked = course.wanted_digest("locked"), course.wanted_digest("unlocked")
    lock.write_text("numpy==2.0.1\n")
    assert course.wanted_digest("locked") != locked and course.wanted_digest("unlocked") == unlocked


def test_an_offline_install_refuses_a_wheelhouse_of_another_lock(tmp_path, monkeypatch):
    (tmp_path / course.WHEELHOUSE_MANIFEST).write_text(json.dumps({"locked": True, "lock_sha256": "0" * 64}))
    monkeypatch.setattr(course, "read_stamp", lambda: {})
    with pytest.raises(SystemExit, match=r"made from another requirements\.lock"):
        course.install(course.InstallOptions(offline=tmp_path))
    with pytest.raises(SystemExit, match="no such folder"):
        course.install(course.InstallOptions(offline=tmp_path / "missing"))


def test_python_versions_outside_tensorflows_range_are_refused_with_a_reason():
    assert course.python_problem((3, 11)) is None
    assert "3.11" in course.python_problem((3, 10))  # Keras >= 3.13 and scikit-learn >= 1.8 need 3.11
    assert "TensorFlow" in course.python_problem((3, 14))


# ------------------------------------------------------------------------------------------------
# The wheelhouse


@pytest.mark.parametrize("system", course.PLATFORMS)
def test_wheelhouse_platform_tags(system):
    tags = wheelhouse.platform_tags(system)
    arch = {"linux": "x86_64", "windows": "amd64", "macos-arm64": "arm64", "macos-x86_64": "x86_64"}[system]
    assert tags and all(arch in tag or "universal" in tag or "intel" in tag for tag in tags)
    assert len(tags) == len(set(tags))
    if system == "macos-arm64":
        assert not any(tag.startswith("macosx_10_") and tag.endswith("arm64") for tag in tags)


def _fake_wheel(folder: Path, name: str, requires: list[str]) -> None:
    with zipfile.ZipFile(folder / f"{name}-1.0-py3-none-any.whl", "w") as archive:
        metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n"
        metadata += "".join(f"Requires-Dist: {line}\n" for line in requires)
        archive.writestr(f"{name}-1.0.dist-info/METADATA", metadata)


def test_wheelhouse_finds_what_the_target_needs_but_this_computer_skipped(tmp_path):
    _fake_wheel(tmp_path, "terminado", ['pywinpty>=1.1; os_name == "nt"', "tornado>=6"])
    _fake_wheel(tmp_path, "tornado", [])
    windows = wheelhouse.marker_environment("windows", "3.11")
    linux = wheelhouse.marker_environment("linux", "3.11")
    assert wheelhouse.missing_for_target(tmp_path, ["terminado"], windows) == ["pywinpty>=1.1"]
    assert wheelhouse.missing_for_target(tmp_path, ["terminado"], linux) == []
    assert wheelhouse.missing_for_target(tmp_path, ["terminado", 'appnope; sys_platform == "darwin"'],
                                         wheelhouse.marker_environment("macos-arm64", "3.11")) == ["appnope"]


def test_wheelhouse_downloads_the_courses_requirements_and_its_build_backend():
    requirements = wheelhouse.course_requirements()
    names = {requirement.split(">")[0].split("=")[0].split("<")[0].split("[")[0].strip().lower()
             for requirement in requirements}
    assert {"tensorflow", "scikit-image", "pytest", "sphinx", "setuptools", "wheel"} <= names
    assert "normreg" not in names
    assert wheelhouse.full_version("3.11.2") == "3.11.2" and wheelhouse.full_version("3.9") == "3.9.99"


# ------------------------------------------------------------------------------------------------
# A tidy JupyterLab


def test_jupyterlab_shows_the_lessons_and_nothing_else():
    hidden = json.loads(next(a for a in course.lab_arguments() if "hide_globs" in a).split("=", 1)[1])
    shown = sorted(p.name for p in NOTEBOOKS.iterdir()
                   if not p.name.startswith(".") and not any(fnmatch.fnmatch(p.name, g) for g in hidden))
    lessons = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    assert shown == sorted([course.LAB_FIRST_PAGE, *lessons]) and len(lessons) >= 6
    assert f"--LabApp.default_url=/lab/tree/{course.LAB_FIRST_PAGE}" in course.lab_arguments()
    assert (NOTEBOOKS / course.LAB_FIRST_PAGE).exists()
    assert course.LAB_SETTINGS["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


def test_jupytext_still_finds_its_configuration_and_keeps_the_alt_texts():
    from jupytext.config import find_jupytext_configuration_file, load_jupytext_configuration_file

    found = find_jupytext_configuration_file(str(NOTEBOOKS))
    assert found and Path(found).parent == NOTEBOOKS and Path(found).name.startswith(".")
    config = load_jupytext_configuration_file(found)
    assert config.formats in ("ipynb,py:percent", ["ipynb,py:percent"]) and "alt" in config.cell_metadata_filter


# ------------------------------------------------------------------------------------------------
# course.py check


def test_speed_line_tells_the_teacher_what_to_expect():
    check = load_script("tools/check.py")
    ok, detail, advice = check.speed_line(check.REFERENCE_S)
    assert ok and "as fast as the reference" in detail and advice is None
    ok, detail, advice = check.speed_line(2 * check.REFERENCE_S)
    assert ok and "2.0× as long" in detail
    ok, detail, advice = check.speed_line(5 * check.REFERENCE_S)
    assert not ok and "pair" in advice


def test_disk_check_asks_for_more_room_before_the_install():
    assert course.disk_problem(int(2e9), installed=True)[1] is None
    assert "4.5 GB" in course.disk_problem(int(2e9), installed=False)[1]


def test_check_reports_a_failed_install_with_a_cross(monkeypatch, capsys):
    def failing_install(options):
        raise SystemExit("pip failed")

    monkeypatch.setattr(course, "install", failing_install)
    with pytest.raises(SystemExit) as stopped:
        course.check(course.InstallOptions(), [])
    lines = capsys.readouterr().out.splitlines()
    assert stopped.value.code == 1
    assert any(line.startswith("✗ Install: the install failed (pip failed)") for line in lines)
    assert any(line.startswith("✓ Python") for line in lines) and any(line.startswith("✓ Disk") for line in lines)


def test_check_reports_a_corrupt_mnist_with_a_cross_and_fails(tmp_path):
    """The whole check in a subprocess, with MNIST replaced by a corrupt copy: ✗ and exit status 1."""
    (tmp_path / "mnist.npz").write_bytes(b"not the real file")
    env = {**__import__("os").environ, "COURSE_LIB_DATA_DIR": str(tmp_path), "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "check.py")], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=240)
    lines = result.stdout.splitlines()
    assert result.returncode == 1, result.stdout + result.stderr
    assert any(line.startswith("✗ MNIST: MNIST data file") and "corrupt" in line for line in lines), result.stdout
    assert any(line.startswith("    -> In a clone of the course, restore it") for line in lines), result.stdout
    assert any(line.startswith("✓ Imports") for line in lines)
    assert any(line.startswith("✓ JupyterLab") for line in lines), result.stdout
    assert lines[-1].startswith("Not ready")


# ------------------------------------------------------------------------------------------------
# The instructor guide


def test_instructor_guide_timings_match_the_notebooks_stopwatches():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "timings.py"), "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_timing_tables_follow_the_stopwatches_and_refuse_an_overflowing_agenda(monkeypatch):
    data = timings.lessons()
    table = timings.timing_table(data)
    for lesson in data.values():
        assert f"| {lesson['seconds']:.1f} s |" in table
    slower = {n: {**lesson, "seconds": lesson["seconds"] * 10} for n, lesson in data.items()}
    assert timings.timing_table(slower) != table
    with pytest.raises(ValueError, match="overflows"):
        timings.agenda(timings.AGENDA_3H, slower, 9 * 60, 3 * 60, "agenda-3h")


def test_instructor_guide_covers_every_lesson_and_the_workshop_essentials():
    guide = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    for notebook in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        assert f"### {notebook.name[:2]} " in guide, notebook.name
    for needed in ("course.py check", "wheelhouse", "--offline", "## E-mail to participants", "## Troubleshooting",
                   "Windows", "Apple Silicon", "No admin rights", "Proxies", "A full disk", "If late"):
        assert needed in guide, needed


# ------------------------------------------------------------------------------------------------
# The 3-hour path, the handout and the rest of the guide

GUIDE = ROOT / "docs" / "instructor-guide.md"


def lesson_blocks(guide: str) -> dict[str, str]:
    """Lesson number -> the text of its '### NN ...' section of the guide."""
    lessons = guide.split("\n## The lessons", 1)[1].split("\n## ", 1)[0]
    return {block[:2]: block for block in lessons.split("\n### ")[1:]}


def test_spoken_words_leave_out_headings_code_and_formulas():
    text = ("## 1. A heading\nOne two three.\n\n```python\nx = 1  # not words\n```\n$$a = b,\n\\qquad c$$\n"
            "$w$\nFour $x$ five.\n<!-- a comment -->\n$$y$$")
    assert timings.spoken_words(text) == 6


def test_the_three_hour_path_classifies_every_section_once_and_fits_130_words_a_minute():
    path = timings.three_hour_path()
    agenda = {label: teach for label, teach, _ in timings.AGENDA_3H if label.isdigit()}
    assert set(path) == set(agenda) == set(timings.PATH_3H) and len(path) >= 4
    for number, lesson in path.items():
        notebook = json.loads((NOTEBOOKS / f"{lesson['stem']}.ipynb").read_text(encoding="utf-8"))
        _, found, _ = timings.sections(notebook)
        assert list(lesson["kinds"]) == [s["heading"] for s in found], number  # each section once, in order
        named = [name for kind in timings.KINDS for name in timings.PATH_3H[number][kind]]
        assert sorted(named) == sorted(lesson["kinds"]), f"{number}: a section is named twice"
        assert set(lesson["kinds"].values()) <= set(timings.KINDS)
        assert "teach" in lesson["kinds"].values(), number
        assert lesson["minutes"] == agenda[number]
        assert lesson["wpm"] <= timings.SPEAKING_WPM == 130, (number, lesson["wpm"])
        assert lesson["wpm"] < lesson["all_words"] / lesson["minutes"], number
        # the jupytext twin, which people edit, has the same headings
        twin = (NOTEBOOKS / f"{lesson['stem']}.py").read_text(encoding="utf-8")
        for heading in lesson["kinds"]:
            assert f"# ## {heading}\n" in twin or f"# ### {heading}\n" in twin, (number, heading)


def test_the_three_hour_path_refuses_unknown_missing_and_too_dense_sections(monkeypatch):
    original = copy.deepcopy(timings.PATH_3H)

    def broken(change):
        path = copy.deepcopy(original)
        change(path["01"])
        monkeypatch.setattr(timings, "PATH_3H", path)
        return path

    broken(lambda lesson: lesson["skip"].append("9. A section no lesson has"))
    with pytest.raises(ValueError, match="0 headings"):
        timings.three_hour_path()
    broken(lambda lesson: lesson["skip"].pop())
    with pytest.raises(ValueError, match="does not say"):
        timings.three_hour_path()
    broken(lambda lesson: lesson["skip"].append(lesson["teach"][0]))
    with pytest.raises(ValueError, match="twice"):
        timings.three_hour_path()

    def teach_everything(lesson):
        lesson["teach"] += list(lesson["show"]) + lesson["skip"]
        lesson["show"], lesson["skip"] = {}, []

    broken(teach_everything)
    with pytest.raises(ValueError, match="words per minute"):
        timings.three_hour_path()


def test_three_hour_marks_name_each_heading_of_the_three_hour_lessons():
    marks = timings.three_hour_marks()
    stems = {lesson["stem"] for lesson in timings.three_hour_path().values()}
    assert set(marks) == stems and "01_norms" in marks
    assert marks["01_norms"]["1. Lp norms of a vector"] == "teach"
    assert marks["01_norms"]["The nuclear norm favours low rank"] == "skip"
    assert all(kind in ("teach", "show", "skip") for lesson in marks.values() for kind in lesson.values())
    # a mark appended to a heading keeps it matching; another heading with the same start does not
    assert timings.heading_matches("2. Unit balls in 2-D", "2. Unit balls in 2-D (3 h: show)")
    assert timings.heading_matches("2. Unit balls in 2-D", "2. Unit balls in 2-D · show")
    assert not timings.heading_matches("3. Norms", "3. Norms of a weight matrix")


def test_the_guide_shows_the_path_table_and_each_lessons_path():
    guide = GUIDE.read_text(encoding="utf-8")
    data = timings.lessons()
    path = timings.three_hour_path(data)
    assert timings.path_table(path, data) in guide
    blocks = lesson_blocks(guide)
    for number, lesson in path.items():
        text = timings.path_lesson(number, lesson)
        assert text in blocks[number], number
        flat = " ".join(text.split())
        for heading, kind in lesson["kinds"].items():
            assert lesson["labels"][heading] in flat
            if kind == "show":
                assert timings.PATH_3H[number]["show"][heading] in flat


def test_every_discussion_question_of_the_guide_has_an_answer():
    questions = 0
    for number, block in lesson_blocks(GUIDE.read_text(encoding="utf-8")).items():
        discussion = block.split("**Discussion**", 1)[1]
        asked = [line for line in discussion.splitlines() if line.startswith("- ")]
        answers = discussion.split("<details><summary>Answer</summary>")[1:]
        assert len(asked) == len(answers) >= 2, number
        for answer in answers:
            body = answer.split("</details>", 1)[0]
            assert "</details>" in answer and body.count(". ") >= 1 and len(body.split()) >= 30, (number, body)
        questions += len(asked)
    assert questions >= 16


def test_the_handout_is_a_page_of_the_site_linked_from_the_guide_and_the_agendas():
    handout = (ROOT / "docs" / "handout.md").read_text(encoding="utf-8")
    assert handout.startswith("# Which regularizer when: a one-page handout\n")
    for row in ("L2 penalty", "Weight decay", "L1 penalty", "Dropout", "Early stopping", "Model size",
                "TV and wavelet L1", "L2 (Tikhonov"):
        assert f"| **{row}" in handout, row
    assert "conventions.md" in handout
    for link in set(re.findall(r"\]\((notebooks/[^)#]+)", handout)):
        assert (ROOT / link).exists(), link  # the site stages the lessons as docs/notebooks/
    # one printed A4 page (a 1-page PDF from Chromium, checked by hand): a print style and few words
    assert "@page { size: A4 landscape" in handout
    assert len(re.sub(r"<style>.*?</style>", "", handout, flags=re.S).split()) < 800
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    toctrees = re.findall(r"```\{toctree\}\n(.*?)```", index, re.S)
    assert any(line.strip() == "handout" for tree in toctrees for line in tree.splitlines())
    guide = GUIDE.read_text(encoding="utf-8")
    wrap_up = guide.split("## Wrap-up: which regularizer when", 1)[1].split("\n## ", 1)[0]
    assert "(handout.md)" in wrap_up
    for agenda in (timings.AGENDA_3H, timings.AGENDA_DAY):
        assert any(label.startswith("Wrap-up") and "(handout.md)" in label for label, _, _ in agenda)


def test_the_guide_keeps_maintainers_notes_apart_and_the_kit_as_a_definition_list():
    guide = GUIDE.read_text(encoding="utf-8")
    teaching, maintainers = guide.split("\n## For maintainers\n", 1)
    assert "\n## " not in maintainers, "For maintainers must be the last section"
    for detail in ("AGENDA_3H", "AGENDA_DAY", "PATH_3H", "--check", "three_hour_marks", "course.py lock"):
        assert detail in maintainers and detail not in teaching, detail
    kit = teaching.split("\n## The kit\n", 1)[1].split("\n## ", 1)[0]
    assert "| command |" not in kit and kit.count("\n: ") >= 8
    for needed in ("Participants should know", "After the workshop, participants can", "Slides or notebooks?",
                   "Projection settings", "Presentation Mode", "Day-of logistics", "Plan B", "normreg-site.zip",
                   "sticky notes", "charger", "Please reply by", "Feedback form", "Follow-up e-mail",
                   "anonymous", "3-hour path"):
        assert needed in teaching, needed


def test_the_notebooks_mark_the_sections_a_3_hour_workshop_shows_or_skips():
    assert timings.remarked_sources() == {}, "run `python tools/timings.py --mark`, then `jupytext --sync`"
    for stem, kinds in timings.three_hour_marks().items():
        text = (NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8")
        for kind, mark in timings.MARKS.items():
            assert text.count(mark) == sum(k == kind for k in kinds.values()), (stem, kind)
