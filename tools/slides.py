"""One reveal.js slide deck per lesson, from the committed notebooks, working with no network.

    python3 course.py slides          # every lesson into build/slides/ (open build/slides/index.html)
    python3 course.py slides 03 05    # only these lessons

Slides, not pages: each heading (#, ## or ###) begins a 16:9 slide that shows the heading, the
section's key sentence (or its first bullets) and its first figure; each further figure of the section
gets a sub-slide (↓). Everything else the lesson says goes to the speaker notes (press S), with each
figure's alt text. Code is left out, except cells tagged `slide-code`; a cell tagged `skip-slide` is
left out entirely. tests/test_slides.py measures every slide in Chromium: none is taller than the
screen and each has notes. The decks show the outputs committed in the notebooks: nothing is
executed. reveal.js comes from the PyPI package sphinx-revealjs and MathJax from
sphinx-mathjax-offline (the same copy as the website), both copied next to the decks: no CDN.
"""

from __future__ import annotations

import argparse
import copy
import html
import importlib.metadata
import itertools
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

SKIP_TAG, OUTPUT_ONLY_TAG, SLIDE_CODE_TAG = "skip-slide", "slide-output-only", "slide-code"
# The decks are made from the English lessons; the Chinese edition (issue 20) has pages and notebooks only.
LANGUAGE_NOTE = 'In English; <span lang="zh-CN">中文版见网站 zh_CN/。</span>'
KEY_WORDS = 45  # about the most words a slide shows besides its heading
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
    """How many slides a marked notebook makes (sub-slides included), left-out cells not counted."""
    return sum(cell.metadata["slideshow"]["slide_type"] in ("slide", "subslide") for cell in notebook.cells)


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


def blocks(text: str) -> list[str]:
    """Markdown split at blank lines, a fenced code block or a $$ display formula kept in one piece."""
    parts, current, fenced, display = [], [], False, False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped and not fenced and not display:
            if current:
                parts.append("\n".join(current))
                current = []
            continue
        current.append(line)
        if stripped.startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced:
            display ^= stripped.count("$$") % 2 == 1
    if current:
        parts.append("\n".join(current))
    return parts


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences; a full stop inside $math$ or `code` ends none."""
    found, start, math, code = [], 0, False, False
    for i, char in enumerate(paragraph):
        if char == "`":
            code = not code
        elif char == "$" and not code:
            math = not math
        elif (char in ".!?" and not math and not code and paragraph[i + 1:i + 2].isspace()
              and re.match(r"\s+[A-Z*$(`λ]", paragraph[i + 1:])):
            found.append(paragraph[start:i + 1].strip())
            start = i + 1
    found.append(paragraph[start:].strip())
    return [sentence for sentence in found if sentence]


def words(text: str) -> int:
    return len(text.split())


def key_text(body: str) -> tuple[str, str]:
    """(what the slide shows, what goes to the speaker notes) of a section's opening text.

    The slide shows the first sentence of the first paragraph (two if the first is short), or the
    first items of a list, up to about KEY_WORDS words; a sentence ending in ':' brings the formula
    or list it announces. Everything else is read from the notes.
    """
    parts = blocks(body)
    shown: list[str] = []
    rest: list[str] = []
    for number, block in enumerate(parts):
        if shown or block.lstrip().startswith(("$$", "```", "|", "<", ">", "![")):
            rest.append(block)
            continue
        lines = block.splitlines()
        if re.match(r"\s*(?:[-*]|\d+\.)\s", lines[0]):  # a list: its first items
            items = re.split(r"\n(?=(?:[-*]|\d+\.)\s)", block)
            taken = [items[0]]
            for item in items[1:]:
                if words("\n".join(taken)) + words(item) > KEY_WORDS:
                    break
                taken.append(item)
            shown.append("\n".join(taken))
            rest += ["\n".join(items[len(taken):])] if len(taken) < len(items) else []
        else:
            said = sentences(" ".join(line.strip() for line in lines))
            count = 2 if len(said) > 1 and words(said[0]) < 8 else 1
            shown.append(" ".join(said[:count]))
            rest += [" ".join(said[count:])] if said[count:] else []
        following = parts[number + 1] if number + 1 < len(parts) else ""
        if shown[-1].endswith(":") and (following.lstrip().startswith("$$") or
                                        (re.match(r"\s*[-*]\s", following) and words(following) <= KEY_WORDS)):
            shown.append(following)
            parts[number + 1] = ""
    return "\n\n".join(shown), "\n\n".join(part for part in rest if part.strip())


def is_figure(cell) -> bool:
    return cell.cell_type == "code" and any("image/png" in output.get("data", {}) for output in cell.outputs)


def notes_cell(text: str):
    return nbformat.v4.new_markdown_cell(text, metadata={"slideshow": {"slide_type": "notes"}})


def mark_slides(notebook) -> None:
    """Turn a lesson into slides: each heading's slide shows the heading, its key sentence and a figure.

    Further figures of a section get sub-slides of their own; every other markdown cell, and the rest
    of a section's opening text, becomes speaker notes, and each figure's alt text is added to them.
    Code is left out unless a cell is tagged ``slide-code``; a figure's cell shows only the figure.
    """
    split_at_headings(notebook)
    cells, heading, figures, first = [], "", 0, True
    for cell in notebook.cells:
        tags = cell.metadata.setdefault("tags", [])
        if SKIP_TAG in tags or (cell.cell_type == "code" and SLIDE_CODE_TAG not in tags and not is_figure(cell)):
            continue  # left out here, not later: reveal's slide ends must not fall on a removed cell
        cell.metadata["slideshow"] = {"slide_type": "-"}
        cells.append(cell)
        if cell.cell_type == "markdown" and (first or 1 <= heading_level(cell) <= 3):
            title, _, body = cell.source.partition("\n")
            shown, notes = key_text(body)
            cell.source = f"{title}\n\n{shown}".strip()
            if first:  # the title slide says under which licenses the deck is, and in which language
                cell.source += (f'\n\n<p class="normreg-license"><small>normreg {course_version()}. '
                                f"{license_notice_html()} {LANGUAGE_NOTE}</small></p>")
            cell.metadata["slideshow"] = {"slide_type": "slide"}
            heading, figures, first = title.lstrip("# ").strip(), 0, False
            cells += [notes_cell(notes)] if notes else []
        elif cell.cell_type == "markdown":
            cell.metadata["slideshow"] = {"slide_type": "notes"}
        elif SLIDE_CODE_TAG in tags:
            continue
        elif is_figure(cell):
            cells.pop()
            images = [output for output in cell.outputs if "image/png" in output.get("data", {})]
            alts = alt_texts(cell.metadata) or []
            for number, image in enumerate(images):  # one figure per slide
                if figures:  # a further figure of the section: a sub-slide under the section's slide
                    cells.append(nbformat.v4.new_markdown_cell(
                        f'<p class="normreg-continued">{html.escape(heading)} (continued)</p>',
                        metadata={"slideshow": {"slide_type": "subslide"}}))
                alt = alts[min(number, len(alts) - 1)] if alts else None
                part = copy.deepcopy(cell)
                part.outputs, part.metadata["tags"] = [image], [*tags, OUTPUT_ONLY_TAG]
                part.metadata["alt"] = alt
                if number:
                    part["id"] = f"{cell.get('id')}-{number}"
                cells += [part, *([notes_cell(f"The figure: {alt}")] if alt else [])]
                figures += 1
    notebook.cells = cells
    add_missing_notes(notebook)


def add_missing_notes(notebook) -> None:
    """A slide without notes (a section's divider) gets, as notes, the headings of the slides under it."""
    starts = [i for i, cell in enumerate(notebook.cells)
              if cell.metadata["slideshow"]["slide_type"] in ("slide", "subslide")] + [len(notebook.cells)]
    for start, end in reversed(list(itertools.pairwise(starts))):
        group = notebook.cells[start:end]
        if any(cell.metadata["slideshow"]["slide_type"] == "notes" for cell in group):
            continue
        level = heading_level(group[0]) or 9
        coming = []
        for cell in notebook.cells[end:]:
            deeper = heading_level(cell)
            if deeper and deeper <= level:
                break
            coming += [cell.source.splitlines()[0].lstrip("# ")] if deeper else []
        text = ("This part has these sections: " + "; ".join(coming) + "." if coming
                else "Read the slide aloud, then move on.")
        notebook.cells.insert(end, notes_cell(text))


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
    slides.reveal_scroll = False  # every slide fits the screen (tests/test_slides.py measures them)
    slides.reveal_width, slides.reveal_height = "1280", "720"  # 16:9
    slides.exclude_input_prompt = slides.exclude_output_prompt = True
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
<p>{LANGUAGE_NOTE}</p>
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
