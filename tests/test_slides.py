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
lessons = load_script("tools/lessons.py")


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


def _figure_cell(alt: str):
    png = nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"})
    text = nbformat.v4.new_output("stream", name="stdout", text="printed\n")
    return nbformat.v4.new_code_cell("plot()", metadata={"alt": alt}, outputs=[text, png])


LINE = "The whole lesson said in one single line of text"


def test_a_slide_shows_the_heading_key_sentence_and_a_figure_and_the_rest_goes_to_the_notes():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(f"# Title\n{LINE}. More on it.\n## Part 1\n"
                                      "Short one. The key sentence of $x. y$ part one. Then details.\n\n"
                                      "A second paragraph.\n```\n# not a heading\n```"),
        _figure_cell("First figure."),
        nbformat.v4.new_code_cell("x = 1"),
        _figure_cell("Second figure."),
        nbformat.v4.new_markdown_cell("After the second figure."),
        nbformat.v4.new_code_cell("shown = True", metadata={"tags": [slides.SLIDE_CODE_TAG]}),
        nbformat.v4.new_code_cell("hidden = True", metadata={"tags": [slides.SKIP_TAG]}),
        nbformat.v4.new_markdown_cell("## Part 2\n- one\n- two\n\n### Part 2.1\nText."),
    ])
    slides.mark_slides(nb)
    kinds = [(c.cell_type, c.metadata["slideshow"]["slide_type"]) for c in nb.cells]
    assert kinds == [("markdown", "slide"), ("markdown", "notes"),  # title; "More on it."
                     ("markdown", "slide"), ("markdown", "notes"),  # part 1 and the rest of its text
                     ("code", "-"), ("markdown", "notes"),  # the first figure and its alt text
                     ("markdown", "subslide"), ("code", "-"), ("markdown", "notes"),  # the second figure
                     ("markdown", "notes"), ("code", "-"),  # "After the second figure."; slide-code
                     ("markdown", "slide"), ("markdown", "notes"),  # part 2: its bullets; notes: 2.1
                     ("markdown", "slide"), ("markdown", "notes")]  # part 2.1
    title, part1, part2 = nb.cells[0].source, nb.cells[2].source, nb.cells[11].source
    assert title.startswith(f"# Title\n\n{LINE}.") and "More on it" not in title
    assert part1 == "## Part 1\n\nShort one. The key sentence of $x. y$ part one."
    assert "Then details." in nb.cells[3].source and "# not a heading" in nb.cells[3].source
    assert part2 == "## Part 2\n\n- one\n- two" and "Part 2.1" in nb.cells[12].source
    figures = [c for c in nb.cells if c.cell_type == "code" and slides.OUTPUT_ONLY_TAG in c.metadata["tags"]]
    assert [len(c.outputs) for c in figures] == [1, 1] and all("image/png" in c.outputs[0].data for c in figures)
    assert nb.cells[5].source == "The figure: First figure." and "(continued)" in nb.cells[6].source
    assert slides.slide_count(nb) == 5


def test_a_deck_for_every_lesson(decks):
    counts = json.loads((decks / "slides.json").read_text())
    assert sorted(counts) == [f"{p.stem}.html" for p in NOTEBOOKS]
    for notebook in NOTEBOOKS:
        assert counts[f"{notebook.stem}.html"] == expected_slides(notebook) >= 5, notebook.name
    index = (decks / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{p.stem}.html"' in index for p in NOTEBOOKS)


def test_title_slide_states_the_licenses_version_and_language(decks):
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
        assert "In English;" in title and "zh_CN" in title, notebook.name  # the deck's language


def test_the_slides_show_each_sliders_default_frame(decks):
    for notebook in NOTEBOOKS:
        deck = (decks / f"{notebook.stem}.html").read_text(encoding="utf-8")
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                if lessons.SLIDER_MIME in output.get("data", {}):
                    assert output["data"]["image/png"][:2000] in deck, notebook.name
        assert lessons.SLIDER_MIME not in deck, notebook.name


def test_decks_leave_out_the_stopwatch(decks):
    for notebook in NOTEBOOKS:
        text = (decks / f"{notebook.stem}.html").read_text(encoding="utf-8")
        assert "Notebook run time" not in text and "stopwatch.report" not in text, notebook.name


def test_decks_name_no_outside_resource(decks):
    for deck in [decks / "index.html", *sorted(decks.glob("[0-9][0-9]_*.html"))]:
        text = deck.read_text(encoding="utf-8")
        loaded = re.findall(r'<(?:script|link|img)\b[^>]*?(?:src|href)="(https?:)?//[^"]*"', text)
        assert loaded == [], f"{deck.name} loads from another host"


SCREEN = (1280, 720)  # the decks' 16:9 canvas, shown at 1:1
MEASURE_EVERY_SLIDE = """async () => {
  while (!Reveal.isReady()) await new Promise(done => setTimeout(done, 50));
  const measured = [];
  for (const [h, column] of Reveal.getHorizontalSlides().entries()) {
    const below = column.querySelectorAll(':scope > section').length || 1;
    for (let v = 0; v < below; v++) {
      Reveal.slide(h, v);
      const slide = Reveal.getCurrentSlide();
      const text = slide.querySelector('.jp-RenderedHTMLCommon p, .jp-RenderedHTMLCommon li');
      measured.push({h, v, height: slide.scrollHeight, width: slide.scrollWidth,
                     notes: (Reveal.getSlideNotes(slide) || '').trim().length,
                     font: text ? parseFloat(getComputedStyle(text).fontSize) : null,
                     words: slide.innerText.split(/\\s+/).filter(Boolean).length});
    }
  }
  return measured;
}"""


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_deck_renders_offline(notebook, browser, slides_url):
    visit = Visit(browser, slides_url + f"{notebook.stem}.html", viewport=SCREEN)
    try:
        state = visit.page.evaluate("""() => ({
            ready: Reveal.isReady(), total: Reveal.getTotalSlides(),
            math: document.querySelectorAll('mjx-container').length,
            mathErrors: document.querySelectorAll('mjx-merror').length,
            images: [...document.images].map(i => [i.complete && i.naturalWidth > 0, i.getAttribute('alt')]),
        })""")
        visit.page.evaluate("() => Reveal.next()")
        second = visit.page.evaluate("() => Reveal.getIndices().h")
        measured = visit.page.evaluate(MEASURE_EVERY_SLIDE)
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
    assert len(measured) == state["total"]
    too_big = [s for s in measured if s["height"] > SCREEN[1] or s["width"] > SCREEN[0]]
    assert not too_big, f"slides larger than the {SCREEN} screen: {too_big}"
    assert not [s for s in measured if not s["notes"]], "every slide has speaker notes"
    small = [s for s in measured if s["font"] is not None and s["font"] < 28]
    assert not small, f"text smaller than 28 px: {small}"
    assert max(s["words"] for s in measured) <= 120, "a slide holds a heading, a key sentence and a figure"
