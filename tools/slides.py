"""One reveal.js slide deck per lesson, from the committed notebooks, working with no network.

    python3 course.py slides          # every lesson into build/slides/ (open build/slides/index.html)
    python3 course.py slides 03 05    # only these lessons

Each markdown cell that starts with a heading (#, ## or ###) begins a slide; the cells after it
stay on that slide (a long slide scrolls). A cell tagged `skip-slide` is left out; a code cell
tagged `slide-output-only`, or longer than MAX_CODE_LINES lines, shows only its output. The
decks show the outputs committed in the notebooks: nothing is executed. reveal.js comes from the
PyPI package sphinx-revealjs and MathJax from sphinx-mathjax-offline (the same copy as the
website), both copied next to the decks: no CDN.
"""

from __future__ import annotations

import argparse
import copy
import html
import importlib.metadata
import json
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat
from bs4 import BeautifulSoup
from nbconvert import SlidesExporter
from nbconvert.preprocessors import TagRemovePreprocessor

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "slides"
TEMPLATES = Path(__file__).resolve().parent / "slides_template"
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
from normreg_site import MATHJAX_PARTS, alt_texts, mathjax_source

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lessons import lesson_notebooks, notebook_title

sys.path.insert(0, str(ROOT))
from course import course_version, license_notice_html

SKIP_TAG, OUTPUT_ONLY_TAG = "skip-slide", "slide-output-only"
MAX_CODE_LINES = 15
HEADING = re.compile(r"#{1,3} ")
REVEAL_PARTS = ["dist/reveal.css", "dist/reveal.js", "dist/reset.css", "dist/theme/white.css",
                "dist/theme/fonts/source-sans-pro", "plugin/notes/notes.js"]


def chosen_lessons(only: list[str]) -> list[Path]:
    """The lesson notebooks numbered in ``only`` (all of them if it is empty)."""
    notebooks = lesson_notebooks()
    if only:
        unknown = set(only) - {p.name[:2] for p in notebooks}
        if unknown:
            sys.exit(f"no lesson numbered {', '.join(sorted(unknown))}: choose from "
                     f"{', '.join(p.name[:2] for p in notebooks)}")
        notebooks = [p for p in notebooks if p.name[:2] in only]
    return notebooks


def marked_notebook(path: Path):
    """The notebook read from disk, its cells marked for slides (mark_slides)."""
    notebook = nbformat.read(path, as_version=4)
    mark_slides(notebook)
    return notebook


def slide_count(notebook) -> int:
    """How many slides a marked notebook makes: its cells that begin one, left-out cells not counted."""
    return sum(cell.metadata["slideshow"]["slide_type"] == "slide" for cell in notebook.cells
               if SKIP_TAG not in cell.metadata.get("tags", []))


def heading_level(cell) -> int:
    source = cell.source.lstrip()
    if cell.cell_type != "markdown" or not source.startswith("#"):
        return 0
    return len(source) - len(source.lstrip("#"))


def split_at_headings(notebook) -> None:
    """A markdown cell with a heading inside becomes two cells, so that the heading can begin a slide."""
    cells = []
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            cells.append(cell)
            continue
        chunks, fenced = [[]], False
        for line in cell.source.splitlines():
            fenced ^= line.lstrip().startswith(("```", "~~~"))
            if not fenced and HEADING.match(line) and any(part.strip() for part in chunks[-1]):
                chunks.append([])
            chunks[-1].append(line)
        for number, chunk in enumerate(chunks):
            text = "\n".join(chunk).strip("\n")
            part = nbformat.v4.new_markdown_cell(text, metadata=copy.deepcopy(cell.metadata))
            if number == 0 and cell.get("id"):
                part["id"] = cell["id"]
            cells.append(part)
    notebook.cells = cells


def mark_slides(notebook) -> None:
    """Headings begin slides; long code shows only its output; everything else joins the slide before."""
    split_at_headings(notebook)
    for cell in notebook.cells:
        tags = cell.metadata.setdefault("tags", [])
        given = cell.metadata.get("slideshow", {}).get("slide_type")
        if given:
            kind = given
        elif 1 <= heading_level(cell) <= 3:
            kind = "slide"
        else:
            kind = "-"
        cell.metadata["slideshow"] = {"slide_type": kind}
        if cell.cell_type == "code" and len(cell.source.splitlines()) > MAX_CODE_LINES and SKIP_TAG not in tags:
            tags.append(OUTPUT_ONLY_TAG)
    first = next((c for c in notebook.cells if SKIP_TAG not in c.metadata.get("tags", [])), None)
    if first is not None:
        first.metadata["slideshow"] = {"slide_type": "slide"}
        if first.cell_type == "markdown":  # the title slide says under which licenses the deck is
            first.source += (f'\n\n<p class="normreg-license"><small>normreg {course_version()}. '
                             f"{license_notice_html()}</small></p>")


def add_alt_text(page: str, notebook) -> str:
    """Each figure's alt text from its cell's metadata (as on the website), in output order."""
    soup = BeautifulSoup(page, features="html.parser")
    for cell in notebook.cells:
        texts = alt_texts(cell.metadata)
        if texts is None:
            continue
        node = soup.find(id=f"cell-id={cell.get('id')}")
        if node is None:
            continue
        for image, text in zip(node.find_all("img"), texts, strict=False):
            image["alt"] = text
    return str(soup)


def exporter() -> SlidesExporter:
    slides = SlidesExporter(extra_template_basedirs=[str(TEMPLATES)], template_name="normreg_reveal")
    slides.reveal_url_prefix = "reveal.js"
    slides.reveal_scroll = True
    slides.reveal_theme = "white"  # its fonts are local files (simple.css imports Google Fonts)
    slides.reveal_transition = "none"
    slides.reveal_number = "c/t"
    slides.mathjax_url = "mathjax/tex-chtml.js"
    remove = TagRemovePreprocessor(remove_cell_tags={SKIP_TAG}, remove_input_tags={OUTPUT_ONLY_TAG})
    slides.register_preprocessor(remove, enabled=True)
    return slides


def copy_assets() -> None:
    reveal = Path(str(importlib.metadata.distribution("sphinx-revealjs").locate_file(
        "sphinx_revealjs/_static/revealjs")))
    for part in REVEAL_PARTS:
        copy_path(reveal / part, OUT / "reveal.js" / part)
    for part in MATHJAX_PARTS:
        copy_path(mathjax_source() / part, OUT / "mathjax" / part)


def copy_path(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def index_page(decks: list[tuple[str, str, int]]) -> str:
    items = "\n".join(f'  <li><a href="{html.escape(name)}">{html.escape(title)}</a> ({count} slides)</li>'
                      for name, title, count in decks)
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>normreg: slides</title>
<style>body {{ font-family: sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.5; }}</style>
</head>
<body>
<h1>normreg: slides, one deck per lesson</h1>
<p>Arrow keys or space to move, <kbd>Esc</kbd> for an overview, <kbd>S</kbd> for speaker notes.
The decks show the outputs committed in the notebooks and work with no network.</p>
<ul>
{items}
</ul>
</body>
</html>
"""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="course.py slides", description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", help="lesson numbers (default: all), e.g. 03 05")
    options = parser.parse_args(argv)
    start = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    copy_assets()
    slides = exporter()
    built = {}
    for path in chosen_lessons(options.lessons):
        notebook = built[path] = marked_notebook(path)
        page, _ = slides.from_notebook_node(notebook, resources={"metadata": {"name": path.stem}})
        (OUT / f"{path.stem}.html").write_text(add_alt_text(page, notebook), encoding="utf-8")
        print(f"  {path.stem}.html", flush=True)
    decks = []  # every deck in build/slides/, also those built by an earlier run
    for path in lesson_notebooks():
        if (OUT / f"{path.stem}.html").exists():
            notebook = built.get(path) or marked_notebook(path)
            decks.append((f"{path.stem}.html", notebook_title(notebook, path.stem), slide_count(notebook)))
    (OUT / "index.html").write_text(index_page(decks), encoding="utf-8")
    (OUT / "slides.json").write_text(json.dumps({name: count for name, _, count in decks}, indent=1) + "\n")
    print(f"Slides for {len(decks)} lessons in {OUT.relative_to(ROOT)}/ ({time.perf_counter() - start:.0f} s): "
          f"open {(OUT / 'index.html').relative_to(ROOT)} in a browser (no network needed).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
