"""The slide decks (`python3 course.py slides`): one per lesson, rendered offline in headless Chromium.

build/slides/ is rebuilt when a deck is missing or older than its notebook or the slide builder.
Each deck is served on 127.0.0.1; any request to another host is aborted and fails the test.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from browser_support import Visit, serve_folder
from scripts import load_script

ROOT = Path(__file__).resolve().parent.parent
SLIDES = ROOT / "build" / "slides"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
BUILDER = [ROOT / "tools" / "slides.py", ROOT / "tools" / "lessons.py", ROOT / "docs" / "_ext" / "normreg_site.py",
           ROOT / "course.py", ROOT / "course_lib" / "__init__.py",  # the license notice and the version
           *sorted((ROOT / "tools" / "slides_template").rglob("*.*"))]


slides = load_script("tools/slides.py")


def is_fresh() -> bool:
    newest_source = max(p.stat().st_mtime for p in BUILDER)
    for notebook in NOTEBOOKS:
        deck = SLIDES / f"{notebook.stem}.html"
        if not deck.exists() or deck.stat().st_mtime < max(newest_source, notebook.stat().st_mtime):
            return False
    return (SLIDES / "index.html").exists()


@pytest.fixture(scope="session")
def decks() -> Path:
    if not is_fresh():
        subprocess.run([sys.executable, str(ROOT / "tools" / "slides.py")], cwd=ROOT, check=True)
    return SLIDES


@pytest.fixture(scope="session")
def slides_url(decks):
    with serve_folder(decks) as url:
        yield url


def expected_slides(notebook: Path) -> int:
    """Slides a deck should have: its first cell, and every heading (#–###) not on that first slide."""
    return slides.slide_count(slides.marked_notebook(notebook))


def test_headings_begin_slides_and_long_code_shows_only_output():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Title\nintro\n## Part 1\ntext\n```\n# not a heading\n```"),
        nbformat.v4.new_code_cell("\n".join(f"x{i} = {i}" for i in range(slides.MAX_CODE_LINES + 1))),
        nbformat.v4.new_code_cell("y = 1", metadata={"tags": [slides.SKIP_TAG]}),
        nbformat.v4.new_markdown_cell("more text"),
    ])
    slides.mark_slides(nb)
    kinds = [(c.cell_type, c.metadata["slideshow"]["slide_type"]) for c in nb.cells]
    assert kinds == [("markdown", "slide"), ("markdown", "slide"), ("code", "-"), ("code", "-"), ("markdown", "-")]
    assert nb.cells[1].source.startswith("## Part 1") and "# not a heading" in nb.cells[1].source
    assert slides.OUTPUT_ONLY_TAG in nb.cells[2].metadata["tags"]
    assert slides.OUTPUT_ONLY_TAG not in nb.cells[3].metadata["tags"]


def test_a_deck_for_every_lesson(decks):
    counts = json.loads((decks / "slides.json").read_text())
    assert sorted(counts) == [f"{p.stem}.html" for p in NOTEBOOKS]
    for notebook in NOTEBOOKS:
        assert counts[f"{notebook.stem}.html"] == expected_slides(notebook) >= 5, notebook.name
    index = (decks / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{p.stem}.html"' in index for p in NOTEBOOKS)


def test_title_slide_states_the_licenses_and_version(decks):
    course = load_script("course.py")
    for notebook in NOTEBOOKS:
        text = (decks / f"{notebook.stem}.html").read_text(encoding="utf-8")
        sections = re.findall(r"<section\b.*?</section>", text, flags=re.S)
        assert sections, notebook.name
        title = sections[0]
        assert f"normreg {course.course_version()}." in title, notebook.name
        for name, url in course.LICENSE_LINKS.items():
            assert f'<a href="{url}">{name}</a>' in title, (notebook.name, name)
        assert sum("CC BY 4.0" in section for section in sections) == 1, notebook.name


def test_decks_leave_out_the_stopwatch(decks):
    for notebook in NOTEBOOKS:
        text = (decks / f"{notebook.stem}.html").read_text(encoding="utf-8")
        assert "Notebook run time" not in text and "stopwatch.report" not in text, notebook.name


def test_decks_name_no_outside_resource(decks):
    for deck in [decks / "index.html", *sorted(decks.glob("[0-9][0-9]_*.html"))]:
        text = deck.read_text(encoding="utf-8")
        loaded = re.findall(r'<(?:script|link|img)\b[^>]*?(?:src|href)="(https?:)?//[^"]*"', text)
        assert loaded == [], f"{deck.name} loads from another host"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_deck_renders_offline(notebook, browser, slides_url):
    visit = Visit(browser, slides_url + f"{notebook.stem}.html")
    try:
        state = visit.page.evaluate("""() => ({
            ready: Reveal.isReady(), total: Reveal.getTotalSlides(),
            math: document.querySelectorAll('mjx-container').length,
            mathErrors: document.querySelectorAll('mjx-merror').length,
            images: [...document.images].map(i => [i.complete && i.naturalWidth > 0, i.getAttribute('alt')]),
        })""")
        visit.page.evaluate("() => Reveal.next()")
        second = visit.page.evaluate("() => Reveal.getIndices().h")
        problems = [f"request to another host (aborted): {url}" for url in visit.outside]
        problems += [f"failed request: {failure}" for failure in visit.failed]
        problems += [f"console error: {error}" for error in visit.errors]
    finally:
        visit.close()
    assert problems == []
    assert state["ready"] and state["total"] == expected_slides(notebook) and second == 1
    cells = nbformat.read(notebook, as_version=4).cells
    has_math = any(c.cell_type == "markdown" and "$" in c.source for c in cells)
    assert (state["math"] > 0) == has_math and state["mathErrors"] == 0
    assert state["images"] and all(loaded for loaded, _ in state["images"])
    assert all(alt and "No description" not in alt for _, alt in state["images"]), "a figure lacks alt text"
