"""The lesson notebooks as the build scripts see them (the website, the slides, the guide's timings).

Standard library only: docs/build.py and tools/timings.py run with any Python.
"""

from __future__ import annotations

import base64
import copy
import html
import json
import re
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
HEADING = re.compile(r"(#{1,6}) +(.+?) *#* *$")  # a markdown heading: its #s and its text


def script_heading(line: str) -> tuple[int, str] | None:
    """(level, text) of a heading in a jupytext percent script's markdown ("# ## 2. Title"), or None."""
    match = HEADING.fullmatch(line[2:]) if line.startswith("# #") else None
    return (len(match.group(1)), match.group(2).strip()) if match else None


def short_title(title: str) -> str:
    """A lesson's title up to its colon: "01 · Norms: the rulers ..." -> "01 · Norms"."""
    return title.split(":")[0].strip()


def lesson_notebooks() -> list[Path]:
    """Every committed lesson, notebooks/NN_name.ipynb, in order."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def notebook_title(notebook: dict, fallback: str) -> str:
    """The text of the notebook's first level-1 heading ("# ..."), or fallback if it has none."""
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def lesson_title(ipynb: Path) -> str:
    """The title of a lesson notebook file (its stem if it has no level-1 heading)."""
    return notebook_title(json.loads(ipynb.read_text(encoding="utf-8")), ipynb.stem)


COLLAPSED = "hide-input"  # myst-nb's tag: the page shows a "Show code cell source" toggle
SHORT_CELL = 3  # lines: a figure's code this short stays open


def code_lines(cell: dict) -> list[str]:
    """A code cell's lines that are not blank and not only a comment."""
    lines = "".join(cell.get("source", "")).splitlines()
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


def collapsed_on_the_site(cell: dict) -> bool:
    """True for a cell whose code the website folds: plotting code (a figure from more than
    SHORT_CELL lines) and bookkeeping (no output, only assert and claim(...) checks)."""
    if cell.get("cell_type") != "code":
        return False
    lines = code_lines(cell)
    outputs = cell.get("outputs", [])
    if any("image/png" in output.get("data", {}) for output in outputs):
        return len(lines) > SHORT_CELL
    statements = [line for line in lines if not line.startswith((" ", "\t", ")", "]", "}"))]
    return not outputs and bool(statements) and all(line.startswith(("assert ", "claim(")) for line in statements)


SLIDER_MIME = "application/vnd.normreg.slider+json"  # = course_lib.sliders.MIME (no course_lib import here)
SLIDERS = "sliders"  # the site's folder of slider frames, beside notebooks/


def slider_data(output: dict) -> dict | None:
    """A slider cell's output (course_lib.sliders): its frames, each with its PNG (base64), or None."""
    data = output.get("data", {})
    if SLIDER_MIME not in data:
        return None
    slider = copy.deepcopy(data[SLIDER_MIME])
    slider["frames"][slider["default"]]["png"] = data["image/png"]
    return slider


def slider_html(slider: dict, sources: list[str]) -> str:
    """A slider as the website shows it: every frame as an image (all but the default hidden), and a
    readout; docs/_static/normreg.js adds the range input. Without JavaScript the default frame shows."""
    e = html.escape
    default = slider["default"]
    later = ' hidden loading="lazy"'  # a frame not shown yet: loaded when the reader reaches the slider
    images = [
        f'<img src="{e(src)}" width="{frame["width"]}" height="{frame["height"]}" alt="{e(frame["alt"])}" '
        f'data-label="{e(frame["label"])}"{"" if k == default else later}>'
        for k, (frame, src) in enumerate(zip(slider["frames"], sources, strict=True))
    ]
    return (f'<figure class="normreg-slider" data-name="{e(slider["name"])}">\n'
            f'<div class="normreg-slider-frames">\n' + "\n".join(images) + "\n</div>\n"
            f'<figcaption class="normreg-slider-readout">{e(slider["frames"][default]["label"])}</figcaption>\n'
            "</figure>")


def site_notebook(ipynb: Path) -> tuple[bytes, dict[str, bytes]]:
    """The notebook as the website shows it, and the files of its sliders' frames ({name: PNG}).

    Plotting and bookkeeping cells are tagged hide-input; a slider's output becomes its HTML
    (slider_html), whose images are the returned files, in the site's sliders/ folder.
    """
    notebook = json.loads(ipynb.read_text(encoding="utf-8"))
    frames: dict[str, bytes] = {}
    for index, cell in enumerate(notebook["cells"]):
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if collapsed_on_the_site(cell) and COLLAPSED not in tags and "remove-cell" not in tags:
            tags.append(COLLAPSED)
        for output in cell.get("outputs", []):
            slider = slider_data(output)
            if slider is None:
                continue
            names = [f"{ipynb.stem[:2]}-{index}-{k}.png" for k in range(len(slider["frames"]))]
            frames |= {name: base64.b64decode(frame["png"]) for name, frame in zip(names, slider["frames"],
                                                                                    strict=True)}
            output["data"] = {"text/html": slider_html(slider, [f"../{SLIDERS}/{name}" for name in names]),
                              "text/plain": output["data"].get("text/plain", "")}
            output["metadata"] = {}
    return (json.dumps(notebook, ensure_ascii=False, indent=1) + "\n").encode("utf-8"), frames
