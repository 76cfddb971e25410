"""The course website (`python3 course.py site`), checked in a real browser.

The site in build/site/ is served on 127.0.0.1 and opened in headless Chromium (the system's,
driven by Playwright). Every request to any other host is aborted and counted. For every page:
no console error, no aborted or failed request, all math typeset (as many rendered formulas as
the page's source has `$…$`), every image described by real alt text, every internal link and
anchor resolving, and no critical or serious axe-core violation. A screenshot of each page goes
to build/site-screenshots/. The site is built first when build/site is missing or stale.

Without Chromium these browser tests skip, saying how to install it; with
NORMREG_REQUIRE_BROWSER=1 (set by .ci/run) a missing browser fails them instead.
"""

from __future__ import annotations

import functools
import html.parser
import importlib.util
import json
import os
import re
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jupytext
import pytest
from browser_support import Visit, move_every_slider
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from scripts import load_script

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "build" / "site"
SHOTS = ROOT / "build" / "site-screenshots"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# A file name or path: an image extension, a hash, or a token with a slash and an extension.
FILE_NAME = re.compile(r"\.(png|jpe?g|gif|svg|webp)\b|\b[0-9a-f]{16,}\b|\S+[/\\]\S*\.\w{2,4}\b", re.I)

# axe-core rules still reported as critical or serious, each with the reason it stays: none.
AXE_ACCEPTED: dict[str, str] = {}


builder = load_script("docs/build.py")
SLIDER_MIME = load_script("tools/lessons.py").SLIDER_MIME  # a slider output: tests/test_sliders.py


def expected_pages() -> list[str]:
    """Every page the site must have, from its sources (so the list exists before a build)."""
    pages = [p.stem for p in sorted((ROOT / "docs").glob("*.md"))]
    pages += ["solutions", "search", "genindex"] + [f"notebooks/{p.stem}" for p in NOTEBOOKS]
    return sorted(set(pages))


PAGES = expected_pages()


# ------------------------------------------------------------------------------------------
# Fixtures: a fresh build, a server on 127.0.0.1, the browser


# The site and base_url fixtures are in conftest.py.


@pytest.fixture(scope="session")
def axe_source() -> str:
    spec = importlib.util.find_spec("axe_playwright_python")
    assert spec and spec.origin, "axe-playwright-python (which ships axe.min.js) is not installed"
    return (Path(spec.origin).parent / "axe.min.js").read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------------
# What the sources promise: math formulas, alt texts, anchors


INCLUDE = re.compile(r"^(`{3,})\{include\}\s+(\S+).*?^\1[ \t]*$", re.M | re.S)
MARKDOWN = MarkdownIt("commonmark").enable("table").use(dollarmath_plugin, double_inline=True)


def count_math(markdown: str) -> int:
    """The formulas in a Markdown text, $…$ and $$…$$ as MyST's dollarmath reads them (not in code)."""
    count = 0
    for token in MARKDOWN.parse(markdown):
        count += token.type.startswith("math_block")
        count += sum(child.type.startswith("math_inline") for child in token.children or [])
    return count


def page_source_math(page: str) -> int:
    if page.startswith("notebooks/"):
        notebook = json.loads((ROOT / f"{page}.ipynb").read_text(encoding="utf-8"))
        return sum(count_math("".join(c["source"])) for c in notebook["cells"] if c["cell_type"] == "markdown")
    source = builder.SRC / f"{page}.md"
    if not source.exists():
        return 0  # search, genindex
    text = source.read_text(encoding="utf-8")
    included = [(source.parent / m.group(2)).read_text(encoding="utf-8") for m in INCLUDE.finditer(text)]
    return count_math(text) + sum(count_math(t) for t in included)


class _Ids(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key == "id" or (tag == "a" and key == "name"):
                self.ids.add(value)


@functools.cache
def ids_in(path: Path) -> frozenset[str]:
    parser = _Ids()
    parser.feed(path.read_text(encoding="utf-8"))
    return frozenset(parser.ids)


def broken_links(urls: list[str], base_url: str) -> list[str]:
    """Internal links whose file is missing or whose #anchor is not an id of that page."""
    broken = []
    for url in sorted(set(urls)):
        if not url.startswith(base_url):
            continue
        parts = urlsplit(url)
        rel = unquote(parts.path)[len(urlsplit(base_url).path):]
        target = SITE / rel
        if not rel or rel.endswith("/"):
            target = target / "index.html"
        if not target.is_file():
            broken.append(f"{url}: no such file")
        elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids_in(target):
            broken.append(f"{url}: no anchor #{parts.fragment} in {rel}")
    return broken


def image_outputs(cell: dict, sliders: bool = True) -> int:
    """The figures of a cell; with sliders=False, not a slider's default frame (the page shows a
    slider instead, whose frames tests/test_sliders.py checks)."""
    return sum(1 for out in cell.get("outputs", []) for mime in out.get("data", {})
               if mime.startswith("image/") and (sliders or SLIDER_MIME not in out["data"]))


def alt_problem(alt: str | None, min_words: int = 6) -> str | None:
    if not alt or not alt.strip():
        return "no alt text"
    if FILE_NAME.search(alt):
        return f"alt text looks like a file name: {alt!r}"
    if len(alt.split()) < min_words:
        return f"alt text too short to say what the figure shows: {alt!r}"
    return None


# ------------------------------------------------------------------------------------------
# Tests that need no browser


@pytest.mark.parametrize("ipynb", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_figure_has_alt_text_in_the_notebook_source(ipynb):
    """Each figure cell carries `alt` metadata in the .py (`# %% alt="…"`) and the .ipynb alike."""
    notebook = json.loads(ipynb.read_text(encoding="utf-8"))
    script = [c.metadata.get("alt") for c in jupytext.read(ipynb.with_suffix(".py")).cells]
    problems = []
    for index, cell in enumerate(notebook["cells"]):
        figures = image_outputs(cell)
        alt = cell.get("metadata", {}).get("alt")
        where = f"{ipynb.stem} cell {index + 1} ({''.join(cell['source']).splitlines()[0][:50]!r})"
        if not figures:
            if alt is not None:
                problems.append(f"{where}: alt text but no figure")
            continue
        alts = [alt] if isinstance(alt, str) or alt is None else alt
        if len(alts) not in (1, figures):
            problems.append(f"{where}: {figures} figures but {len(alts)} alt texts")
        problems += [f"{where}: {p}" for p in map(alt_problem, alts) if p]
        if index < len(script) and script[index] != alt:
            problems.append(f"{where}: the .py and the .ipynb differ in alt text: run `jupytext --sync`")
    assert not problems, (
        "Every figure needs a one-sentence description of what it shows, on the cell's first line "
        "in the .py: # %% alt=\"...\" (see README, Website).\n" + "\n".join(problems))


def test_count_math_follows_dollarmath():
    text = "$a$ and $$b$$, not `$c$`,\n\n```\n$d$\n```\n$e\nf$ but not $g\n\nh$.\n\n$$\nx\n$$\n"
    assert count_math(text) == 4


def test_launch_buttons_come_from_one_setting(monkeypatch):
    """No repository_url: no launch buttons at all. With one: Binder and Colab for the lessons."""
    def theme_options():
        namespace = {"__file__": str(ROOT / "docs" / "conf.py")}
        exec(compile((ROOT / "docs" / "conf.py").read_text(), "conf.py", "exec"), namespace)
        return namespace["html_theme_options"]

    monkeypatch.delenv("NORMREG_REPOSITORY_URL", raising=False)
    assert "launch_buttons" not in theme_options() and "repository_url" not in theme_options()
    monkeypatch.setenv("NORMREG_REPOSITORY_URL", "https://github.com/example/normreg/")
    options = theme_options()
    assert options["repository_url"] == "https://github.com/example/normreg"
    assert set(options["launch_buttons"]) >= {"binderhub_url", "colab_url"}


def test_the_landing_page_links_the_repository_once_it_is_set():
    landing = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert builder.with_repository_link(landing, "") == landing
    linked = builder.with_repository_link(landing, "https://example.org/normreg")
    assert "Get the repository, <https://example.org/normreg>, then" in linked


def test_the_sidebar_names_each_lesson_by_its_short_title(site):
    landing = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert builder.LESSON_TOCTREE in landing, "the landing page's lesson toctree changed: update docs/build.py"
    sidebar = (site / "notebooks" / "01_norms.html").read_text(encoding="utf-8")
    for notebook in NOTEBOOKS:
        title = builder.short_title(builder.lesson_title(notebook))
        assert ":" not in title and f">{title}</a>" in sidebar.replace("&#183;", "·"), title


def test_site_has_every_page_and_launch_buttons_only_when_configured(site):
    built = sorted(p.relative_to(site).with_suffix("").as_posix() for p in site.glob("**/*.html")
                   if not any(part.startswith("_") for part in p.relative_to(site).parts))
    assert built == sorted(PAGES + [f"{language}/{page}" for language in builder.TRANSLATIONS for page in PAGES])
    lessons = [(site / f"notebooks/{p.stem}.html").read_text(encoding="utf-8") for p in NOTEBOOKS]
    if os.environ.get("NORMREG_REPOSITORY_URL"):
        assert all("colab.research.google.com/github/" in page for page in lessons)
    else:
        everything = "".join(p.read_text(encoding="utf-8") for p in site.glob("**/*.html"))
        # launch buttons link to mybinder.org/v2/... and colab.research.google.com/github/...; the
        # hosting page may still name both services
        assert "colab.research.google.com/github/" not in everything and "mybinder.org/v2/" not in everything


def test_the_lesson_table_gives_each_lessons_reading_time_apart_from_its_computer_time():
    import math

    import nbformat

    table = builder.lesson_table().splitlines()
    assert table[0] == "| lesson | what you learn | reading time | computer time |"
    for notebook in NOTEBOOKS:
        words = sum(len(cell.source.split()) for cell in nbformat.read(notebook, as_version=4).cells
                    if cell.cell_type == "markdown")
        row = next(line for line in table if f"notebooks/{notebook.stem}.ipynb" in line)
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert cells[2] == f"{5 * math.ceil(words / 130 / 5)} min" and cells[3].endswith(" s"), row


def test_the_stopwatch_cell_is_kept_in_the_notebook_but_hidden_on_the_site(site):
    for notebook in NOTEBOOKS:
        assert "Notebook run time:" in notebook.read_text(encoding="utf-8"), notebook.name  # tools/timings.py
        page = (site / "notebooks" / f"{notebook.stem}.html").read_text(encoding="utf-8")
        assert "Notebook run time" not in page and "stopwatch.report" not in page, notebook.name


def test_plotting_and_claim_cells_are_folded_on_the_site_and_nothing_else(site):
    lessons = load_script("tools/lessons.py")
    figure = {"output_type": "display_data", "data": {"image/png": "", "text/plain": ""}}
    assert lessons.collapsed_on_the_site({"cell_type": "code", "source": "a\nb\nc\nd", "outputs": [figure]})
    assert not lessons.collapsed_on_the_site({"cell_type": "code", "source": "plt.imshow(x)", "outputs": [figure]})
    assert lessons.collapsed_on_the_site({"cell_type": "code", "source": "assert x\nclaim(\n  y, 'z'\n)",
                                          "outputs": []})
    assert not lessons.collapsed_on_the_site({"cell_type": "code", "source": "x = 1\nassert x", "outputs": []})
    for notebook in NOTEBOOKS:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        folded = sum(map(lessons.collapsed_on_the_site, cells))
        page = (site / "notebooks" / f"{notebook.stem}.html").read_text(encoding="utf-8")
        assert 0 < folded == page.count('hide above-input"'), notebook.name
        assert '"hide-input"' not in notebook.read_text(encoding="utf-8"), "the notebook itself is unchanged"


def test_every_page_states_the_version_and_licenses_in_its_footer(site):
    course = load_script("course.py")
    footer = f"normreg {course.course_version()}. {course.license_notice_html()}"
    missing = [page for page in PAGES if footer not in (site / f"{page}.html").read_text(encoding="utf-8")]
    assert missing == []


def test_corrections_page_links_each_correction_to_a_lesson_section(site):
    page = (site / "corrections.html").read_text(encoding="utf-8")
    targets = set(re.findall(r'href="(notebooks/\d\d_\w+\.html#[\w-]+)"', page))
    assert len(targets) >= 8, targets
    assert not broken_links([f"http://x/{t}" for t in targets], "http://x/")


def test_zip_holds_the_whole_site(site, tmp_path, monkeypatch):
    monkeypatch.setattr(builder, "ZIP", tmp_path / "normreg-site.zip")
    with zipfile.ZipFile(builder.make_zip()) as archive:
        names = set(archive.namelist())
    assert {f"normreg-site/{page}.html" for page in PAGES} <= names
    assert "normreg-site/_static/mathjax/tex-chtml.js" in names


def test_course_py_site_serves_on_localhost(site):
    """`course.py site --serve` builds (here: nothing to redo), prints its address and serves the site."""
    if not load_script("course.py").install_is_current():
        pytest.skip("the .venv install is not up to date: run `python3 course.py install` first")
    server = subprocess.Popen([sys.executable, str(ROOT / "course.py"), "site", "--serve", "--port", "0"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        address = None
        for line in server.stdout:
            match = re.search(r"Serving the course website at (http://127\.0\.0\.1:\d+/)", line)
            if match:
                address = match.group(1)
                break
        assert address, "course.py site --serve printed no address"
        with urllib.request.urlopen(address + "notebooks/01_norms.html", timeout=10) as response:
            assert response.status == 200 and b"<title>" in response.read()
    finally:
        server.terminate()
        server.wait(timeout=10)


# ------------------------------------------------------------------------------------------
# Tests in the browser


AXE_RESULTS: dict[str, list] = {}


@pytest.mark.parametrize("page", PAGES)
def test_page_in_browser(page, browser, base_url, axe_source):
    visit = Visit(browser, base_url + f"{page}.html")
    problems: list[str] = []
    try:
        SHOTS.mkdir(parents=True, exist_ok=True)
        visit.page.screenshot(path=str(SHOTS / f"{page.replace('/', '-')}.png"))
        problems += move_every_slider(visit.page)  # from the keyboard: picture, readout, alt change
        problems += [f"request to another host (aborted): {url}" for url in visit.outside]
        problems += [f"failed request: {failure}" for failure in visit.failed]
        problems += [f"console error: {error}" for error in visit.errors]

        math = visit.page.evaluate("""() => ({
            spans: document.querySelectorAll('.math').length,
            rendered: document.querySelectorAll('.math mjx-container').length,
            errors: [...document.querySelectorAll('mjx-merror')].map(e => e.textContent),
        })""")
        expected = page_source_math(page)
        problems += [f"TeX error: {error}" for error in math["errors"]]
        if not math["spans"] == math["rendered"] == expected:
            problems.append(f"math: {expected} formulas in the source, {math['spans']} on the page, "
                            f"{math['rendered']} typeset")

        images = visit.page.evaluate(
            "() => [...document.images].map(i => [i.getAttribute('src'), i.getAttribute('alt')])")
        for src, alt in images:
            problem = alt_problem(alt, min_words=6 if "_images/" in src or "sliders/" in src else 1)
            problems += [f"image {src}: {problem}"] if problem else []
        if page.startswith("notebooks/"):
            cells = json.loads((ROOT / f"{page}.ipynb").read_text(encoding="utf-8"))["cells"]
            shown = len([s for s, _ in images if "_images/" in s])
            committed = sum(image_outputs(cell, sliders=False) for cell in cells)
            problems += [f"{shown} figures shown, {committed} in the notebook"] if shown != committed else []
            sliders = visit.page.locator("figure.normreg-slider input[type=range]").count()
            committed = sum(SLIDER_MIME in out.get("data", {}) for c in cells for out in c.get("outputs", []))
            problems += [f"{sliders} sliders shown, {committed} in the notebook"] if sliders != committed else []

        clipped = visit.page.evaluate("""() => [...document.querySelectorAll('.cell_input pre')]
            .filter(pre => !pre.closest('details:not([open])') && pre.scrollWidth > pre.clientWidth + 1)
            .map(pre => pre.innerText.split('\\n')[0])""")
        problems += [f"code wider than the column (88 characters should fit): {line!r}" for line in clipped]

        links = visit.page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
        problems += [f"broken link: {link}" for link in broken_links(links, base_url)]

        visit.page.add_script_tag(content=axe_source)  # from the installed package, not a CDN
        violations = visit.page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
            .violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
                                   target: v.nodes[0].target.join(' ')}))""")
        AXE_RESULTS[page] = violations
        (SHOTS / "axe-violations.json").write_text(json.dumps(AXE_RESULTS, indent=1, ensure_ascii=False))
        problems += [f"axe-core {v['impact']}: {v['id']} ({v['help']}) on {v['nodes']} elements, "
                     f"e.g. {v['target']}" for v in violations
                     if v["impact"] in ("critical", "serious") and v["id"] not in AXE_ACCEPTED]
    finally:
        visit.close()
    assert problems == [], f"{page}.html:\n" + "\n".join(problems)


def test_search_finds_the_soft_thresholding_lesson(browser, base_url):
    visit = Visit(browser, base_url + "search.html?q=soft-thresholding")
    try:
        visit.page.wait_for_selector("ul.search li a", timeout=20_000)
        hits = visit.page.evaluate("() => [...document.querySelectorAll('ul.search li a')].map(a => a.href)")
        assert any("notebooks/01_norms.html" in h for h in hits), hits
        assert visit.outside == [] and visit.errors == []
    finally:
        visit.close()


# Widths: a phone (390 px), a 1280 × 720 projector at 150 % zoom (853 px), a desktop (1280 px).
@pytest.mark.parametrize("width", [390, 853, 1280])
def test_the_visible_sidebar_toggle_works_at_every_width(browser, base_url, width):
    """The ☰ a reader sees opens the lesson list (narrow) or hides the sidebar (desktop, ≥ 992 px)."""
    visit = Visit(browser, base_url + "notebooks/01_norms.html", viewport=(width, 800))
    try:
        visit.page.locator(".primary-toggle:visible").first.click()
        if width < 992:
            visit.page.wait_for_function("() => document.querySelector('#pst-primary-sidebar-modal').open",
                                         timeout=5_000)
            lessons = visit.page.evaluate("""() => [...document.querySelectorAll(
                '#pst-primary-sidebar-modal a[href]')].filter(a => a.href.includes('/notebooks/')).length""")
            assert lessons >= len(NOTEBOOKS)
            visit.page.keyboard.press("Escape")
            visit.page.wait_for_function("() => !document.querySelector('#pst-primary-sidebar-modal').open",
                                         timeout=5_000)
        else:
            visit.page.wait_for_function(
                "() => document.querySelector('#pst-primary-sidebar').classList.contains('pst-sidebar-hidden')",
                timeout=5_000)
        secondary = visit.page.locator(".secondary-toggle:visible")
        if width < 1200:  # the page's contents live behind a button below 1200 px
            secondary.first.click()
            visit.page.wait_for_function("() => document.querySelector('#pst-secondary-sidebar-modal').open",
                                         timeout=5_000)
            headings = visit.page.evaluate(
                "() => document.querySelectorAll('#pst-secondary-sidebar-modal a[href^=\"#\"]').length")
            assert headings > 5
        assert visit.errors == [] and visit.outside == [] and visit.failed == []
    finally:
        visit.close()


def test_a_search_result_highlights_the_term_and_jumps_to_it(browser, base_url):
    visit = Visit(browser, base_url + "search.html?q=soft-thresholding")
    try:
        visit.page.wait_for_selector("ul.search li a", timeout=20_000)
        visit.page.locator("ul.search li a[href*='notebooks/01_norms']").first.click()
        visit.page.wait_for_url("**/notebooks/01_norms.html*")
        visit.page.wait_for_selector(".normreg-jump button", timeout=5_000)
        count = visit.page.evaluate("() => document.querySelectorAll('.highlighted').length")
        label = visit.page.locator(".normreg-jump button").inner_text()
        assert count > 0 and f"of {count} matches" in label and "soft thresholding" in label
        visit.page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")  # away from every match
        visit.page.locator(".normreg-jump button").click()
        visit.page.wait_for_function("""() => {
            const box = document.querySelector('.highlighted').getBoundingClientRect();
            return box.top >= 0 && box.bottom <= window.innerHeight;
        }""", timeout=5_000)  # the first match is on screen
        assert visit.errors == [] and visit.outside == []
    finally:
        visit.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_site_follows_the_readers_colour_preference(browser, base_url, scheme):
    visit = Visit(browser, base_url + "index.html", color_scheme=scheme)
    try:
        assert visit.page.evaluate("() => document.documentElement.dataset.theme") == scheme
        assert visit.errors == []
    finally:
        visit.close()


def test_every_block_of_code_has_a_copy_button_that_copies_it(browser, base_url):
    visit = Visit(browser, base_url + "notebooks/01_norms.html", permissions=["clipboard-read", "clipboard-write"])
    try:
        counts = visit.page.evaluate("""() => ({
            inputs: document.querySelectorAll('.cell_input div.highlight').length,
            buttons: document.querySelectorAll('.cell_input .normreg-copy').length,
            onOutputs: document.querySelectorAll('.cell_output .normreg-copy').length})""")
        assert counts["inputs"] == counts["buttons"] > 5 and counts["onOutputs"] == 0
        code = visit.page.evaluate("() => document.querySelector('.cell_input div.highlight pre').innerText")
        visit.page.locator(".cell_input .normreg-copy").first.click()
        visit.page.wait_for_function("() => document.querySelector('.normreg-copy').textContent === 'Copied'")
        assert visit.page.evaluate("() => navigator.clipboard.readText()") == code.rstrip("\n")
        assert visit.errors == []
    finally:
        visit.close()


PHONE = (390, 844)


def test_no_page_is_wider_than_a_phone_and_wide_formulas_scroll_in_their_box(browser, base_url):
    """At 390 px nothing makes a page pan sideways; a display formula wider than the column scrolls inside it."""
    visit = Visit(browser, base_url + "index.html", viewport=PHONE)
    problems = []
    try:
        for page in PAGES:
            visit.page.goto(base_url + f"{page}.html", wait_until="load")
            visit.page.evaluate("() => window.MathJax?.startup?.promise ?? null")
            state = visit.page.evaluate("""() => ({
                width: document.documentElement.scrollWidth,
                formulas: [...document.querySelectorAll('div.math')].map(box => ({
                    right: box.getBoundingClientRect().right, scrolls: box.scrollWidth > box.clientWidth,
                    overflow: getComputedStyle(box).overflowX})),
                figures: [...document.querySelectorAll('.cell_output img:not(.normreg-slider img)')].map(image => [
                    image.closest('a.image-reference')?.getAttribute('href'), image.getAttribute('src')]),
            })""")
            if state["width"] > PHONE[0]:
                problems.append(f"{page}: {state['width']} px wide")
            problems += [f"{page}: a formula reaches {f['right']:.0f} px" for f in state["formulas"]
                         if f["right"] > PHONE[0] + 1]
            problems += [f"{page}: a wide formula cannot scroll" for f in state["formulas"]
                         if f["scrolls"] and f["overflow"] not in ("auto", "scroll")]
            problems += [f"{page}: figure {src} does not open at full size" for href, src in state["figures"]
                         if href != src]
        assert visit.errors == [] and visit.outside == []
    finally:
        visit.close()
    assert problems == [], "\n".join(problems)
