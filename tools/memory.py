"""Measure each lesson's peak kernel memory, for sizing a JupyterHub (docs/hosting.md).

    .venv/bin/python tools/memory.py            # every lesson, then a Markdown table
    .venv/bin/python tools/memory.py 04 05      # only these lessons
    .venv/bin/python tools/memory.py --write    # every lesson, then update docs/hosting.md's tables

Each lesson runs top to bottom in a fresh kernel (nbclient, nothing saved), with one cell added
at its end that reports the kernel's peak resident set size (getrusage's ru_maxrss: the most
physical memory the kernel process held at any moment). An idle kernel (Python started, nothing
imported) and an idle JupyterLab server (what each hub user runs besides the kernel) are
measured the same way. Results go to build/memory.json. Linux and macOS only (ru_maxrss).

`--write` replaces the two tables of docs/hosting.md between their markers: the measured peaks,
and the server sizes that The Littlest JupyterHub's resource guide computes from them (memory =
users at once × memory per user + 128 MB; memory per user = the largest lesson's kernel + an
idle JupyterLab server, plus HEADROOM). tests/test_hub.py recomputes the second from the first.
"""

from __future__ import annotations

import json
import math
import os
import re
import resource
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from binder_check import THREAD_VARIABLES  # what binder/start limits
from check import LabServer  # course.py check's JupyterLab server

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "build" / "memory.json"
DOC = ROOT / "docs" / "hosting.md"
HEADROOM = 0.3  # TLJH: "add 20-40% headroom for users to 'play around'"
HUB_OVERHEAD_MB = 128  # TLJH: "overhead for TLJH and related services"
BINDER_MB = 2048  # mybinder.org: at most 2 GB per session (the kernel and the server together)
CLASSES = [(30, 1.0, "a workshop: everyone at once"), (30, 0.5, "a course: half at once"),
           (100, 1.0, "a workshop"), (100, 0.5, "a course"), (200, 1.0, "a workshop"), (200, 0.5, "a course")]

PEAK = ("import resource, sys\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print('PEAK_RSS_MB', peak / (1024 * 1024 if sys.platform == 'darwin' else 1024))")


def peak_of(notebook: nbformat.NotebookNode, folder: Path) -> tuple[float, float]:
    """(peak RSS of the kernel in MB, seconds): the notebook run with the measuring cell appended."""
    notebook.cells.append(nbformat.v4.new_code_cell(PEAK))
    start = time.perf_counter()
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    client.execute()
    seconds = time.perf_counter() - start
    text = "".join(output.get("text", "") for output in notebook.cells[-1].outputs)
    return float(text.split("PEAK_RSS_MB", 1)[1].split()[0]), seconds


def idle_kernel() -> float:
    """Peak RSS of a kernel that only started (ipykernel, nothing imported)."""
    return peak_of(nbformat.v4.new_notebook(), ROOT)[0]


def idle_server() -> float:
    """RSS of an idle JupyterLab server, started as `course.py lab` starts it, in MB, 10 s after it
    served the lab's page (Linux /proc)."""
    server = LabServer()
    server.start()
    try:
        server.wait()
        server.get("/lab")
        time.sleep(10)
        status = Path(f"/proc/{server.process.pid}/status").read_text()
        return int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1]) / 1024
    finally:
        server.stop()


def per_user_mb(peaks: dict[str, float]) -> float:
    """Memory to allow each user: the largest lesson's kernel and an idle JupyterLab server, + HEADROOM."""
    lessons = [mb for name, mb in peaks.items() if name[:2].isdigit()]
    return (max(lessons) + peaks["idle JupyterLab server"]) * (1 + HEADROOM)


def limit_gb(peaks: dict[str, float]) -> float:
    """The per-user memory limit to configure: memory per user rounded up to 0.5 GB."""
    return math.ceil(per_user_mb(peaks) / 1024 * 2) / 2


def too_big_for_binder(peaks: dict[str, float]) -> list[str]:
    """The lessons whose kernel and server together exceed mybinder.org's memory per session."""
    server = peaks["idle JupyterLab server"]
    return sorted(name for name, mb in peaks.items() if name[:2].isdigit() and mb + server > BINDER_MB)


def binder_note(peaks: dict[str, float]) -> str:
    """The sentence of docs/hosting.md on which lessons fit mybinder.org's memory."""
    big = too_big_for_binder(peaks)
    if not big:
        return "Every lesson fits in that memory (see the table below)."
    names = ", ".join(f"`{name}`" for name in big)
    return (f"{'Lesson' if len(big) == 1 else 'Lessons'} {names} {'needs' if len(big) == 1 else 'need'} more "
            "than that (see the table below): mybinder.org restarts the kernel before the end. Run "
            f"{'it' if len(big) == 1 else 'them'} on Colab, a hub or a laptop instead.")


def sizing_rows(peaks: dict[str, float]) -> list[tuple[int, int, str, float, float]]:
    """(students, users at once, what kind of class, GB per user, server GB) for each of CLASSES."""
    user = per_user_mb(peaks)
    rows = []
    for students, share, kind in CLASSES:
        at_once = round(students * share)
        rows.append((students, at_once, kind, user / 1024, (at_once * user + HUB_OVERHEAD_MB) / 1024))
    return rows


def tables(peaks: dict[str, float]) -> tuple[str, str]:
    """The Markdown tables of docs/hosting.md: measured peaks, then server sizes."""
    measured = ["| what runs | peak memory (RSS) |", "|---|---|"]
    measured += [f"| lesson `{name}` | {mb:.0f} MB |" for name, mb in sorted(peaks.items()) if name[:2].isdigit()]
    measured += [f"| an idle kernel (no lesson) | {peaks['idle kernel']:.0f} MB |",
                 f"| an idle JupyterLab server (one per user) | {peaks['idle JupyterLab server']:.0f} MB |"]
    sizes = ["| students | users at once | memory per user | server memory |", "|---|---|---|---|"]
    sizes += [f"| {students} | {at_once} ({kind}) | {user_gb:.1f} GB | {server_gb:.0f} GB |"
              for students, at_once, kind, user_gb, server_gb in sizing_rows(peaks)]
    lessons = {name: mb for name, mb in peaks.items() if name[:2].isdigit()}
    largest = max(lessons, key=lessons.get)
    others = {**peaks, largest: max(mb for name, mb in lessons.items() if name != largest)}
    sizes += ["", f"Set the limit per user to {limit_gb(peaks):g} GB (the memory per user, rounded up). "
              f"Lesson `{largest}` sets these numbers: without it, {per_user_mb(others) / 1024:.1f} GB per "
              f"user would do, {sizing_rows(others)[0][4]:.0f} GB for a workshop of 30. A teacher can "
              f"show `{largest}` from the website instead, or have it run in pairs."]
    return "\n".join(measured), "\n".join(sizes)


def replace_between(text: str, marker: str, table: str) -> str:
    """text with the lines between <!-- marker --> and <!-- /marker --> replaced by table."""
    begin, end = f"<!-- {marker} -->", f"<!-- /{marker} -->"
    head, rest = text.split(begin, 1)
    return f"{head}{begin}\n{table}\n{end}{rest.split(end, 1)[1]}"


def write_doc(peaks: dict[str, float]) -> None:
    """docs/hosting.md with its tables, its Binder sentence and its configured limits from `peaks`."""
    peaks = {name: float(round(mb)) for name, mb in peaks.items()}  # as the page shows them
    measured, sizes = tables(peaks)
    text = replace_between(DOC.read_text(encoding="utf-8"), "memory-measured", measured)
    text = replace_between(text, "memory-sizing", sizes)
    text = replace_between(text, "memory-binder", binder_note(peaks))
    limit = f"{limit_gb(peaks):g}G"
    text = re.sub(r"limits\.memory [0-9.]+G", f"limits.memory {limit}", text)
    text = re.sub(r"(\n    limit: )[0-9.]+G", rf"\g<1>{limit}", text)
    DOC.write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    for variable in THREAD_VARIABLES:  # as binder/start sets them on a hub: 2 threads per kernel
        os.environ.setdefault(variable, "2")
    write = "--write" in argv
    argv = [a for a in argv if a != "--write"]
    lessons = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if write and argv:
        sys.exit("--write measures every lesson: give no lesson numbers with it")
    if argv:
        lessons = [p for p in lessons if p.name[:2] in argv]
    results = json.loads(OUT.read_text()) if OUT.exists() else {}
    results = {name: value for name, value in results.items()  # forget lessons renamed or removed since
               if not name[:2].isdigit() or (NOTEBOOKS / f"{name}.ipynb").exists()}
    results["idle kernel"] = {"peak_mb": round(idle_kernel(), 1)}
    results["idle JupyterLab server"] = {"peak_mb": round(idle_server(), 1)}
    for path in lessons:
        peak, seconds = peak_of(nbformat.read(path, as_version=4), NOTEBOOKS)
        results[path.stem] = {"peak_mb": round(peak, 1), "seconds": round(seconds, 1)}
        print(f"{path.stem}: peak {peak:.0f} MB ({seconds:.0f} s)", flush=True)
    results["_measured"] = {"python": sys.version.split()[0], "date": time.strftime("%Y-%m-%d"),
                            "this process": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(results, indent=1) + "\n")
    peaks = {name: value["peak_mb"] for name, value in results.items() if not name.startswith("_")}
    measured, sizes = tables(peaks)
    print(f"\n{measured}\n\n{sizes}")
    if write:
        write_doc(peaks)
        print(f"Updated {DOC.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
