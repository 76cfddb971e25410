"""The Chinese website (build/site/zh_CN/, built by `course.py site` from the catalogs in locale/zh_CN/).

Every English page has a Chinese twin and each links the other. A page whose catalog is finished
(tools/translate.py; not in locale/zh_CN/PENDING.txt) shows no English paragraph and has every figure
and slider frame, checked on the built HTML; lesson 01 and the conventions page are also opened in
Chromium, offline, with their math typeset, figures loaded and sliders moving. A page still pending
says so.
"""

from __future__ import annotations

import re

import pytest
from browser_support import Visit, move_every_slider
from scripts import load_script

translate = load_script("tools/translate.py")
PAGES = load_script("tests/test_site.py").PAGES
LANGUAGE = translate.LANGUAGE
FINISHED = [name for name in translate.catalogs()  # the pages translated (course_lib: the notebooks' feedback)
            if name not in translate.pending() and name != translate.FEEDBACK]

# The prose of a page: its paragraphs, list items, headings, table cells, quiz questions and answers,
# and slider labels, without code, outputs, formulas and the language link.
PROSE = """() => {
  const skip = 'pre, code, .cell_output .output, .math, mjx-container, .normreg-language, .headerlink,'
             + ' .normreg-downloads a';
  const blocks = [...document.querySelectorAll('article.bd-article :is(p, li, h1, h2, h3, td, th, legend, label)')]
    .filter(block => !block.closest(skip) && !block.querySelector('p, li'));
  return blocks.map(block => {
    const copy = block.cloneNode(true);
    copy.querySelectorAll(skip).forEach(part => part.remove());
    return copy.textContent.replace(/\\s+/g, ' ').trim();
  }).filter(text => text);
}"""
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def english_blocks(texts: list[str]) -> list[str]:
    """Blocks with three or more English words and no Chinese character."""
    return [text for text in texts if not CJK.search(text) and len(ENGLISH_WORD.findall(text)) >= 3]


def test_the_english_check_tells_english_from_chinese():
    assert english_blocks(["This page is English.", "这是中文，带有 Lasso 和 Adam。", "λ = 0.1", "L1 vs L2"]) == [
        "This page is English."]


def test_every_page_has_a_chinese_twin_and_each_links_the_other(site):
    for page in PAGES:
        english = (site / f"{page}.html").read_text(encoding="utf-8")
        chinese = (site / LANGUAGE / f"{page}.html").read_text(encoding="utf-8")
        up = "../" * page.count("/")
        if page not in ("search", "genindex"):
            assert f'href="{up}{LANGUAGE}/{page}.html" hreflang="zh-CN"' in english, page
            assert f'href="{up}../{page}.html" hreflang="en"' in chinese, page
        assert '<html lang="zh-CN"' in chinese, page
        pending = page in translate.pending()
        assert ("normreg-pending" in chinese) is pending, f"{page}: the not-yet-translated note"


def test_a_chinese_page_downloads_the_chinese_lesson_and_every_link_to_a_download_works(site):
    """A lesson page's downloads are its Chinese notebook and jupytext script (generated from the catalogs);
    the solutions page's are the solutions' code."""
    linked = 0
    for page in (site / LANGUAGE).rglob("*.html"):
        for target in re.findall(r'href="([^"#]*downloads/[^"#]+)"', page.read_text(encoding="utf-8")):
            assert (page.parent / target).resolve().is_file(), f"{page.name}: {target}"
            linked += 1
    assert linked >= 2 * 8 + 8
    chinese = (site / LANGUAGE / "downloads" / "01_norms.ipynb").read_text(encoding="utf-8")
    assert '"zh_CN"' in chinese and "范数" in chinese
    script = (site / LANGUAGE / "downloads" / "01_norms.py").read_text(encoding="utf-8")
    assert "# %% [markdown]" in script and "范数" in script and 'setup(language="zh_CN", ' in script


def test_the_checkers_printed_feedback_is_chinese_on_the_chinese_lesson_pages(site):
    for page in sorted((site / LANGUAGE / "notebooks").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert "Not attempted yet" not in text and "尚未作答" in text, page.name


def test_the_toggles_written_in_raw_html_are_translated(site):
    """gettext sees no raw HTML: the extension translates the solutions' and the guide's toggle labels."""
    for page, label in [("solutions", "显示答案"), ("instructor-guide", "参考答案")]:
        text = (site / LANGUAGE / f"{page}.html").read_text(encoding="utf-8")
        assert f"<summary>{label}</summary>" in text and "<summary>Show solution" not in text, page
        assert "<summary>Answer</summary>" not in text, page


# Chromium sees one lesson (formulas, figures, sliders, quizzes) and the page with the most formulas: the
# Chinese pages share the English pages' structure, figures and scripts, and their formulas are the
# English ones (tests/test_translations.py). Every page's prose, alt texts and images are read as HTML.
BROWSER_PAGES = ["notebooks/01_norms", "conventions"]
STATIC_SKIP = "pre, code, .cell_output, .math, mjx-container, .normreg-language, .headerlink, .normreg-downloads a"


@pytest.mark.parametrize("page", FINISHED)
def test_a_translated_page_is_chinese(page, site):
    """No English paragraph, list item, heading, table cell or alt text (the prose check of the browser
    test, on the built HTML), and every image, slider frames included, is there."""
    from bs4 import BeautifulSoup

    path = site / LANGUAGE / f"{page}.html"
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article")
    missing = [image["src"] for image in article.select("img[src]")
               if not (path.parent / image["src"].split("#")[0]).resolve().is_file()]
    for part in article.select(STATIC_SKIP):
        part.decompose()
    blocks = [" ".join(block.get_text(" ").split()) for block in article.select("p, li, h1, h2, h3, td, th, dt")
              if not block.select_one("p, li")]
    alts = [image.get("alt", "") for image in article.select("img")]
    assert english_blocks(blocks) == [] and english_blocks(alts) == [], f"{page}: {english_blocks(blocks)[:3]}"
    assert missing == [], f"{page}: images not found: {missing[:3]}"


@pytest.mark.parametrize("page", BROWSER_PAGES)
def test_a_translated_page_is_chinese_offline(page, browser, base_url):
    visit = Visit(browser, base_url + f"{LANGUAGE}/{page}.html")
    try:
        problems = [f"English text: {text[:90]!r}" for text in english_blocks(visit.page.evaluate(PROSE))]
        alts = visit.page.evaluate("() => [...document.querySelectorAll('article img')].map(i => i.alt)")
        problems += [f"English alt text: {alt[:90]!r}" for alt in english_blocks(alts)]
        math = visit.page.evaluate("""() => [document.querySelectorAll('.math').length,
                                            document.querySelectorAll('.math mjx-container').length]""")
        problems += [f"math: {math[0]} formulas, {math[1]} typeset"] if math[0] != math[1] else []
        broken = visit.page.evaluate("""() => [...document.images].filter(i => !i.hidden && i.loading !== 'lazy'
                                          && !(i.complete && i.naturalWidth)).map(i => i.getAttribute('src'))""")
        problems += [f"image not loaded: {src}" for src in broken]
        problems += move_every_slider(visit.page)
        problems += [f"request to another host (aborted): {url}" for url in visit.outside]
        problems += [f"failed request: {failure}" for failure in visit.failed]
        problems += [f"console error: {error}" for error in visit.errors]
    finally:
        visit.close()
    assert problems == [], f"{LANGUAGE}/{page}.html:\n" + "\n".join(problems)


@pytest.mark.parametrize("term", ["正则化", "软阈值", "权重衰减"])
def test_chinese_search_finds_the_course_terms(term, browser, base_url):
    """The Chinese site's search index (docs/_ext/normreg_site.py: course terms and 2–4 character pieces)."""
    visit = Visit(browser, base_url + f"{LANGUAGE}/search.html?q={term}")
    try:
        visit.page.wait_for_selector("ul.search li a", timeout=20_000)
        hits = visit.page.evaluate("() => [...document.querySelectorAll('ul.search li a')].map(a => a.href)")
        assert any(f"{LANGUAGE}/notebooks/01_norms.html" in hit for hit in hits), hits
        assert visit.outside == [] and visit.errors == []
    finally:
        visit.close()
