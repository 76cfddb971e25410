"""The instructor guide's timing table and agendas, generated from the notebooks' own stopwatches.

    python tools/timings.py          # rewrite the generated parts of docs/instructor-guide.md
    python tools/timings.py --check  # exit 1 if they differ from what the notebooks say (the tests run this)

Every executed lesson ends with a cell that prints "Notebook run time: X s". This script reads
that line from each committed notebooks/NN_name.ipynb, and writes, between the markers
<!-- generated:NAME:begin --> and <!-- generated:NAME:end --> of the guide:
  timings     one row per lesson: its run time, and the waiting time the agendas allow for it;
  agenda-3h   a three-hour workshop, and
  agenda-day  a full day, each block's minutes = teaching + exercises + waiting for the notebook,
              with the time left over shown as a buffer (an agenda that overflows is an error).
Re-execute a notebook, run this, and the guide follows. Standard library only.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from lessons import lesson_notebooks, notebook_title

GUIDE = ROOT / "docs" / "instructor-guide.md"
STOPWATCH = re.compile(r"Notebook run time: (\d+(?:\.\d+)?) s")

# How long a participant waits for a lesson: SLOW × (its stopwatch + the kernel's start and imports),
# RUNS times (one "Run All", then re-runs of exercise cells and parts of the lesson).
SLOW = 2.0  # laptops of the reference's kind took up to twice as long
RUNS = 2
STARTUP_S = {"tensorflow": 10.0, "numpy": 5.0}  # kernel start + imports, which the stopwatch leaves out
USES_TENSORFLOW = {"03", "04", "05", "06", "08"}

# (lesson number or label, minutes of teaching, minutes of exercises); a lesson gets its waiting time added.
AGENDA_3H = [
    ("Welcome: `course.py check` results, open JupyterLab with `course.py lab`", 10, 0),
    ("01", 12, 8),
    ("02", 15, 10),
    ("Break", 10, 0),
    ("03", 15, 8),
    ("06", 18, 8),
    ("Break", 5, 0),
    ("07", 12, 6),
    ("Wrap-up: which penalty when; lessons 04, 05 and 08 as homework", 10, 0),
]
AGENDA_DAY = [
    ("Welcome: `course.py check` results, open JupyterLab with `course.py lab`", 15, 0),
    ("01", 25, 15),
    ("02", 30, 25),
    ("Break", 15, 0),
    ("03", 25, 15),
    ("04", 20, 10),
    ("Lunch", 45, 0),
    ("05", 30, 20),
    ("06", 30, 20),
    ("Break", 15, 0),
    ("07", 30, 15),
    ("08", 20, 8),
    ("Wrap-up: which penalty when, questions, where to go next", 15, 0),
]
AGENDAS = {"agenda-3h": (AGENDA_3H, 9 * 60, 3 * 60), "agenda-day": (AGENDA_DAY, 9 * 60, 8 * 60)}


def stopwatch(notebook: dict, name: str) -> float:
    """The run time the notebook printed in its last cell that printed one."""
    found = None
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            match = STOPWATCH.search("".join(output.get("text", "")))
            found = float(match.group(1)) if match else found
    if found is None:
        raise ValueError(f"{name} prints no 'Notebook run time: X s': execute it from a fresh kernel")
    return found


def lessons() -> dict[str, dict]:
    """Number -> {stem, title, seconds} for every committed lesson."""
    result = {}
    for path in lesson_notebooks():
        notebook = json.loads(path.read_text(encoding="utf-8"))
        result[path.name[:2]] = {"stem": path.stem, "title": notebook_title(notebook, path.stem),
                                 "seconds": stopwatch(notebook, path.name)}
    return result


def wait_minutes(number: str, seconds: float) -> int:
    startup = STARTUP_S["tensorflow" if number in USES_TENSORFLOW else "numpy"]
    return math.ceil(RUNS * SLOW * (seconds + startup) / 60)


def short_title(lesson: dict) -> str:
    return lesson["title"].split("·", 1)[-1].split(":")[0].strip()


def timing_table(data: dict[str, dict]) -> str:
    lines = [
        "| lesson | run time (its stopwatch) | on a laptop 2× slower | waiting time in the agendas |",
        "|---|---:|---:|---:|",
    ]
    for number, lesson in data.items():
        lines.append(f"| [{number} {short_title(lesson)}](notebooks/{lesson['stem']}.ipynb) "
                     f"| {lesson['seconds']:.1f} s | {SLOW * lesson['seconds']:.0f} s "
                     f"| {wait_minutes(number, lesson['seconds'])} min |")
    total = sum(lesson["seconds"] for lesson in data.values())
    lines.append(f"| all lessons | {total:.1f} s | {SLOW * total:.0f} s "
                 f"| {sum(wait_minutes(n, lesson['seconds']) for n, lesson in data.items())} min |")
    return "\n".join(lines)


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def agenda(blocks: list, data: dict[str, dict], start: int, length: int, name: str) -> str:
    lines = ["| time | block | minutes | of which waiting for the notebook |", "|---|---|---:|---:|"]
    now = start
    for label, teach, exercises in blocks:
        if label in data:
            lesson = data[label]
            wait = wait_minutes(label, lesson["seconds"])
            what = (f"[{label} {short_title(lesson)}](notebooks/{lesson['stem']}.ipynb): {teach} min teaching, "
                    f"{exercises} min exercises")
        elif re.fullmatch(r"\d\d", label):
            raise ValueError(f"{name}: lesson {label} has no notebook")
        else:
            wait, what = 0, label
        minutes = teach + exercises + wait
        lines.append(f"| {clock(now)} | {what} | {minutes} | {wait or ''} |")
        now += minutes
    buffer = start + length - now
    if buffer < 0:
        raise ValueError(f"{name} overflows by {-buffer} min with the measured run times: shorten a block")
    lines.append(f"| {clock(now)} | Buffer: questions, late starts, slow laptops | {buffer} | |")
    lines.append(f"| {clock(start + length)} | End | | |")
    return "\n".join(lines)


def generated() -> dict[str, str]:
    data = lessons()
    parts = {"timings": timing_table(data)}
    for name, (blocks, start, length) in AGENDAS.items():
        parts[name] = agenda(blocks, data, start, length, name)
    return parts


def block(name: str) -> re.Pattern:
    return re.compile(rf"(<!-- generated:{name}:begin[^>]*-->\n)(.*?)(\n<!-- generated:{name}:end -->)", re.S)


def render(text: str, parts: dict[str, str]) -> str:
    for name, body in parts.items():
        pattern = block(name)
        if not pattern.search(text):
            raise ValueError(f"{GUIDE.name} has no <!-- generated:{name}:begin --> ... end marker pair")
        text = pattern.sub(lambda m, body=body: m.group(1) + body + m.group(3), text)
    return text


def main(argv: list[str]) -> int:
    text = GUIDE.read_text(encoding="utf-8")
    new = render(text, generated())
    if "--check" in argv:
        if new != text:
            print(f"{GUIDE.relative_to(ROOT)} is out of date with the notebooks' stopwatches: "
                  "run `python tools/timings.py`.", file=sys.stderr)
            return 1
        print(f"{GUIDE.relative_to(ROOT)} matches the notebooks' stopwatches.")
        return 0
    if new != text:
        GUIDE.write_text(new, encoding="utf-8")
        print(f"Updated {GUIDE.relative_to(ROOT)}.")
    else:
        print(f"{GUIDE.relative_to(ROOT)} was up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
