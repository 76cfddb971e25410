"""The website's orientation pages and its weight (issue 18).

- docs/references.md: every work the lessons cite is listed, each with a DOI or arXiv link, or with
  the reason it has none (NO_LINK below, kept in step with the page).
- docs/glossary.md: a Sphinx glossary with the terms the lessons use, each pointing to a lesson.
- docs/index.md: a start button to the first lesson, and "Before you start".
- The built site: a 404 page, and no page loads Font Awesome's 1.56 MB script (the theme's icons are
  drawn by docs/_static/normreg-icons.css instead; a browser test checks that they stay visible).
- notebooks/00_start_here.md: the JupyterLab start page that `course.py lab` opens.

The browser test skips without Chromium, like tests/test_site.py (tests/browser_support.py).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from browser_support import Visit, serve_folder
from scripts import load_script

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
NOTEBOOKS = ROOT / "notebooks"
LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
SCRIPTS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.py"))



# ------------------------------------------------------------------------------------------
# References


def reference_entries() -> list[str]:
    """The entries of docs/references.md: its top-level list items, each as one line of text."""
    entries: list[list[str]] = []
    for line in (DOCS / "references.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("- "):
            entries.append([line[2:]])
        elif line.startswith("  ") and line.strip() and entries:
            entries[-1].append(line.strip())
    return [" ".join(parts) for parts in entries]


def first_author(entry: str) -> str:
    """The first author's surname: "A. Beck and M. Teboulle, ..." -> "Beck"."""
    names = entry.split(",")[0].split(" and ")[0]
    return names.split()[-1]


# Works without a DOI or arXiv link, and why. Adding a work without a link means adding it here.
NO_LINK = {
    "Zhao": "JMLR assigns no DOIs (links to jmlr.org)",
    "Glorot": "PMLR assigns no DOIs (links to proceedings.mlr.press)",
    "Krogh": "NIPS 1991 proceedings assign no DOIs",
    "Rifai": "ICML 2011 proceedings assign no DOIs",
    "Srivastava": "JMLR assigns no DOIs (links to jmlr.org)",
    "Caselles": "its DOI could not be verified, so none is given",
    "Tikhonov": "Soviet Mathematics Doklady (1963) has no DOIs",
    "Morozov": "Soviet Mathematics Doklady (1966) has no DOIs",
    "Gregor": "ICML 2010 proceedings assign no DOIs",
}
DOI_LINK = re.compile(r"\[doi:(10\.\d{4,9}/[^\]\s]+)\]\(https://doi\.org/(10\.\d{4,9}/\S+?)\)(?=[.,;\s]|$)")
ARXIV_LINK = re.compile(r"\[arXiv:([\w./-]+)\]\(https://arxiv\.org/abs/([\w./-]+)\)")


def test_every_reference_has_a_doi_or_arxiv_link_or_says_why_not():
    entries = reference_entries()
    assert len(entries) >= 30
    problems = []
    for entry in entries:
        author = first_author(entry)
        dois, arxivs = DOI_LINK.findall(entry), ARXIV_LINK.findall(entry)
        problems += [f"{author}: link text {text} differs from its URL {url}" for text, url in dois + arxivs
                     if text != url]
        if "doi.org" in entry and not dois:
            problems.append(f"{author}: a doi.org link not written as [doi:10.x/y](https://doi.org/10.x/y)")
        linked = bool(dois or arxivs)
        if author in NO_LINK:
            if linked:
                problems.append(f"{author} has a link now: remove it from NO_LINK")
            elif "No DOI" not in entry and "DOI not verified" not in entry:
                problems.append(f"{author}: the page must say why there is no DOI ({NO_LINK[author]})")
        elif not linked:
            problems.append(f"{author}: no DOI or arXiv link (or list it in NO_LINK with the reason)")
    listed = {first_author(entry) for entry in entries}
    problems += [f"NO_LINK names {author}, who is not on the page" for author in NO_LINK if author not in listed]
    assert problems == [], "\n".join(problems)


NAME = r"(?:O'|Mc)?[A-Z][\w'’]+(?:[-–][A-Z][\w'’]+)*"
# "Beck & Teboulle 2009", "He et al. 2015", "Chan, Ho & Nikolova, 2005", "Gregor & LeCun (2010)",
# 'Loshchilov & Hutter, "Decoupled Weight Decay Regularization", 2019',
# 'Bishop ("Training with noise ...", *Neural Computation*, 1995)'
CITATION = re.compile(
    rf"\b({NAME})(?: et al\.)?(?:,? (?:{NAME},? )*(?:&|and) {NAME})?,? "
    rf"(?:\(?\"[^\"]{{5,160}}\",? (?:\*[^*]+\*, )?|\()?((?:19|20)\d\d)\b")
NOT_AUTHORS = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December", "JPEG", "Python", "TensorFlow", "Keras", "Spring", "Autumn"}
# Works the lessons name without "author year": they must be on the page too.
CITED_BY_NAME = ["Rudin", "Osher", "Fatemi", "Chambolle", "Pock", "Stein", "Donoho", "Johnstone",
                 "Glorot", "Bishop", "Loshchilov", "Hutter", "LeCun"]


def markdown_of(script: Path) -> str:
    """The Markdown text of a lesson's jupytext source, its lines joined (citations break across them)."""
    return " ".join(line[2:].strip() for line in script.read_text(encoding="utf-8").splitlines()
                    if line.startswith("# "))


def test_every_work_the_lessons_and_pages_cite_is_in_the_references():
    page = (DOCS / "references.md").read_text(encoding="utf-8")
    texts = {script.name: markdown_of(script) for script in SCRIPTS}
    texts |= {md.name: " ".join(md.read_text(encoding="utf-8").split()) for md in sorted(DOCS.glob("*.md"))
              if md.name not in ("references.md", "glossary.md")}
    cited = {(where, match.group(1).removeprefix("O'")) for where, text in texts.items()
             for match in CITATION.finditer(text) if match.group(1) not in NOT_AUTHORS}
    assert len(cited) >= 15, sorted(cited)  # the scan still finds the citations
    missing = sorted(f"{where}: {name}" for where, name in cited if name not in page)
    everything = " ".join(texts.values())
    missing += [f"{name} (named in the lessons)" for name in CITED_BY_NAME
                if name in everything and name not in page]
    assert missing == [], "cited but not in docs/references.md:\n" + "\n".join(missing)


# ------------------------------------------------------------------------------------------
# Glossary


REQUIRED_TERMS = [
    "λ (lam)", "c (Keras's coefficient)", "wd", "m", "norm", "Lp norm", "Frobenius norm", "spectral norm",
    "nuclear norm", "ridge", "lasso", "L1 penalty", "L2 penalty", "soft-thresholding", "proximal operator",
    "ISTA", "FISTA", "weight decay", "AdamW", "dropout", "early stopping", "validation set", "test set",
    "cross-validation", "paired comparison", "95 % t interval", "TV", "total variation", "ROF",
    "Tikhonov regularization", "SURE", "PSNR", "inpainting", "deconvolution", "compressed sensing",
    "basis pursuit", "source 000", "source 004",
]


def glossary_entries() -> dict[str, str]:
    """docs/glossary.md's glossary directive: each term -> its definition (terms sharing one get it each)."""
    text = (DOCS / "glossary.md").read_text(encoding="utf-8")
    body = re.search(r"^```\{glossary\}\n(.*?)^```$", text, re.M | re.S)
    assert body, "docs/glossary.md has no ```{glossary} block"
    entries: dict[str, str] = {}
    terms: list[str] = []
    defining = False
    for line in body.group(1).splitlines():
        if line.startswith("  ") and line.strip():  # a line of the current terms' definition
            defining = True
            for term in terms:
                entries[term] = (entries.get(term, "") + " " + line.strip()).strip()
        elif line.strip():  # a term: one more for the same definition, or the first of a new entry
            terms = [line.strip()] if defining else [*terms, line.strip()]
            defining = False
    return entries


def test_glossary_defines_the_terms_and_points_to_the_lessons():
    entries = glossary_entries()
    missing = [term for term in REQUIRED_TERMS if term not in entries]
    assert missing == [], f"terms missing from docs/glossary.md: {missing}"
    no_lesson = [term for term, definition in entries.items() if "lesson" not in definition.lower()]
    assert no_lesson == [], f"definitions that name no lesson: {no_lesson}"
    lessons = {path.name for path in LESSONS}
    linked = set(re.findall(r"\(notebooks/(\d\d_\w+\.ipynb)(?:#[^)]*)?\)", " ".join(entries.values())))
    assert linked and linked <= lessons, f"links to notebooks that do not exist: {linked - lessons}"
    # tests/test_site.py counts a page's formulas in its source, and a ```{glossary} block reads as code there
    assert "$" not in " ".join(entries.values()), "no $…$ math in the glossary: write it in Unicode"


# ------------------------------------------------------------------------------------------
# Landing page and JupyterLab start page


def test_landing_page_starts_with_a_button_to_the_first_lesson_and_says_what_to_know_first():
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    start = re.search(r"\[([^\]]+)\]\(notebooks/(\d\d_\w+)\.ipynb\)\{\.normreg-start\}", index)
    assert start, "docs/index.md has no start button"
    assert start.start() < index.index("\n## "), "the start button comes before the first section"
    assert NOTEBOOKS.joinpath(f"{start.group(2)}.ipynb") == LESSONS[0]
    assert start.group(2)[:2] in start.group(1)
    assert "\n## Before you start\n" in index and "(#before-you-start)" in index
    toctree = index[index.index(":caption: Reference"):]
    assert "\nglossary\n" in toctree and "\nreferences\n" in toctree
    assert "(glossary.md)" in index and "(references.md)" in index
    assert ".normreg-start" in (DOCS / "_static" / "normreg.css").read_text(encoding="utf-8")


def test_the_jupyterlab_start_page_lists_every_lesson_and_lab_opens_it():
    course = load_script("course.py")
    page = NOTEBOOKS / "00_start_here.md"
    text = page.read_text(encoding="utf-8")
    linked = re.findall(r"\]\((\d\d_\w+\.ipynb)\)", text)
    assert linked == [path.name for path in LESSONS]
    for words in ("Run All Cells", "Shift+Enter", "solutions/lesson01.py", "Solutions", "not trusted"):
        assert words in text, words
    assert course.LAB_FIRST_PAGE == page.name
    assert f"--LabApp.default_url=/lab/tree/{page.name}" in course.lab_arguments()
    viewers = course.LAB_SETTINGS["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers["markdown"] == "Markdown Preview"  # rendered, not the text editor
    # Not a lesson: the build, the slides and the tests list notebooks/NN_name.ipynb and .py only.
    assert page not in LESSONS and not page.with_suffix(".ipynb").exists() and not page.with_suffix(".py").exists()


# ------------------------------------------------------------------------------------------
# The built site


def site_pages(site: Path) -> list[Path]:
    """Every page of the site, in both languages (not the theme's files under _static/)."""
    return sorted(p for p in site.rglob("*.html")
                  if not any(part.startswith("_") for part in p.relative_to(site).parts))


def test_the_site_has_a_404_page_that_leads_back(site):
    page = (site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in page and 'href="index.html"' in page
    assert (site / "glossary.html").exists() and (site / "references.html").exists()


def test_no_page_loads_the_font_awesome_script_and_the_theme_keeps_its_own(site):
    pages = site_pages(site)
    assert len(pages) >= 10
    loading = [p.name for p in pages if re.search(r"(fontawesome|all\.min)\.js", p.read_text(encoding="utf-8"))]
    assert loading == []
    assert [p for name in ("fontawesome.js", "all.min.js") for p in (site / "_static").rglob(name)] == []
    index = (site / "index.html").read_text(encoding="utf-8")
    for kept in ("_static/styles/pydata-sphinx-theme.css", "_static/scripts/bootstrap.js",
                 "_static/scripts/pydata-sphinx-theme.js", "_static/normreg-icons.css"):
        assert kept in index, f"the theme's {kept} is no longer loaded"


FA_MODIFIERS = {"fa-solid", "fa-regular", "fa-brands", "fa-lg", "fa-fw", "fa-xs", "fa-sm", "fa-xl", "fa-2x"}


def test_every_icon_the_pages_show_is_drawn_without_the_font(site):
    """normreg-icons.css has every Font Awesome icon the built pages use (else the 115 KB webfont loads)."""
    used = set()
    for page in site_pages(site):
        for classes in re.findall(r'class="([^"]*\bfa-[^"]*)"', page.read_text(encoding="utf-8")):
            used |= {c for c in classes.split() if c.startswith("fa-") and c not in FA_MODIFIERS}
    css = (DOCS / "_static" / "normreg-icons.css").read_text(encoding="utf-8")
    drawn = set(re.findall(r"^\.(fa-[\w-]+) \{ --normreg-icon: url\(\"data:image/svg\+xml,", css, re.M))
    assert used and used <= drawn, f"icons without a drawing in normreg-icons.css: {sorted(used - drawn)}"


@pytest.fixture(scope="session")
def base_url(site):
    with serve_folder(site) as url:
        yield url


def drawn_pixels(png: bytes) -> int:
    """How many pixels of a screenshot differ from its most common colour (the background)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    counts = sorted(image.getcolors(maxcolors=1 << 20), reverse=True)
    return sum(count for count, _ in counts[1:])


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_header_icons_are_visible_without_font_awesome(browser, base_url, scheme, width):
    visit = Visit(browser, base_url + "notebooks/01_norms.html", viewport=(width, 800), color_scheme=scheme)
    try:
        assert visit.page.evaluate("() => document.documentElement.dataset.theme") == scheme
        loaded = visit.page.evaluate("() => performance.getEntriesByType('resource').map(r => r.name)")
        assert not [u for u in loaded if re.search(r"fontawesome|all\.min\.js|fa-solid-900", u)], loaded
        icons = visit.page.evaluate("""() => [...document.querySelectorAll(
                '.bd-header .fa-solid, .bd-header-article .fa-solid')]
            .filter(el => el.checkVisibility()).map(el => {
                const box = el.getBoundingClientRect(), before = getComputedStyle(el, '::before');
                const mask = before.maskImage || before.webkitMaskImage;
                return {name: [...el.classList].find(c => c.startsWith('fa-') && c !== 'fa-solid' &&
                                                          c !== 'fa-lg' && c !== 'fa-fw'),
                        width: box.width, height: box.height, mask: mask.slice(0, 30),
                        colour: before.backgroundColor};
            })""")
        names = {icon["name"] for icon in icons}
        assert {"fa-bars", "fa-circle-half-stroke"} <= names, names
        assert "fa-magnifying-glass" in names or width >= 1200, names  # at 1280 the header has a search box
        assert "fa-list" in names or width >= 1200, names  # the page's contents sit behind a button below 1200 px
        for icon in icons:
            assert icon["width"] > 8 and icon["height"] > 8, icon
            assert icon["mask"].startswith('url("data:image/svg+xml'), icon
            assert icon["colour"] not in ("rgba(0, 0, 0, 0)", "transparent"), icon
        for selector in (".primary-toggle:visible", ".theme-switch-button:visible"):
            button = visit.page.locator(selector).first
            assert drawn_pixels(button.screenshot()) > 20, f"{selector}: the icon draws nothing"
        assert visit.errors == [] and visit.failed == [] and visit.outside == []
    finally:
        visit.close()


def test_the_theme_menu_shows_its_three_icons(browser, base_url):
    visit = Visit(browser, base_url + "index.html")
    try:
        visit.page.locator(".theme-switch-button:visible").first.click()
        visit.page.wait_for_selector(".dropdown-menu.show .theme-change-button", timeout=5_000)
        sizes = visit.page.evaluate("""() => [...document.querySelectorAll('.dropdown-menu.show .fa-solid')]
            .map(el => getComputedStyle(el, '::before')).map(b => [parseFloat(b.width), parseFloat(b.height)])""")
        assert len(sizes) == 3 and all(w > 8 and h > 8 for w, h in sizes), sizes
        assert visit.errors == []
    finally:
        visit.close()
