"""Sphinx extension of the course website.

- Alt text: a code cell whose output is a figure carries its description in the cell metadata
  key ``alt`` (in the jupytext source: ``# %% alt="What the figure shows, in one sentence."``).
  A cell with several figures may give a list, one description per figure, in output order.
  Every figure of a lesson must have one: a figure without it is a build warning here and a
  test failure in tests/test_site.py.
- Lesson pages get links to download their ``.ipynb`` and ``.py``.
- Each exercise of a lesson (a paragraph that begins with a bold "Exercise N.") ends with a link to
  its solution, ``solutions.html#lesson-NN-exercise-N`` (the page docs/build.py generates).
- MathJax 3 is copied from the PyPI package ``sphinx-mathjax-offline`` into ``_static/mathjax``,
  so math is typeset with no network (the parts a page can load; not the speech rule engine).
- Two languages: every page links its twin in the other language (the English site in build/site/,
  the Chinese one in build/site/zh_CN/, see docs/build.py). A Chinese page whose catalog is still
  being translated (locale/zh_CN/PENDING.txt) says so at its top. The Chinese pages link the English
  site's slider frames (``normreg_root_prefix``) instead of copies; their downloads are the Chinese
  lessons (docs/build.py).
"""

from __future__ import annotations

import functools
import html
import importlib.metadata
import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.fileutil import copy_asset

logger = logging.getLogger(__name__)

LESSON_DIR = "notebooks/"
ROOT = Path(__file__).resolve().parent.parent.parent
TRANSLATIONS = {"zh_CN": ("中文", "zh-CN")}  # language: (its name, its BCP 47 tag)
# The few sentences this extension writes into the pages, in each translation
UI = {
    "zh_CN": {
        "Download this lesson:": "下载本课：",
        "(the notebook, with its outputs)": "（笔记本，含输出）",
        "(its jupytext source, the file to edit)": "（它的 jupytext 源文件，用于编辑）",
        "To run it, see": "如何运行，见",
        "Run the course yourself": "自己运行课程",
        "Solution": "答案",
        "Solution of exercise": "练习答案",
        "pending": "本页的中文翻译尚未完成：未译的部分以英文原文显示。",
        "Quiz": "小测验",
        "Your answer:": "你的答案：",
        "Check": "检查",
        "<summary>Show solution</summary>": "<summary>显示答案</summary>",
        "<summary>Answer</summary>": "<summary>参考答案</summary>",
    },
}
# Raw HTML of the pages (the solutions' and the guide's toggles) that a translation replaces: gettext
# sees no raw HTML.
RAW_UI = ["<summary>Show solution</summary>", "<summary>Answer</summary>"]


def translated(app, context: str, text: str, docname: str | None = None) -> str:
    """A string of a page that is not in its markdown (an alt text, a quiz, a slider's text: msgctxt
    context, see tools/translate.py), from the page's catalog; the English while it has none."""
    if app.config.language == "en":
        return text
    return _catalog(docname or app.env.docname).get((context, text), text)
MATHJAX_PARTS = ["tex-chtml.js", "input/tex/extensions", "output/chtml/fonts/woff-v2", "a11y", "ui"]


def mathjax_source() -> Path:
    dist = importlib.metadata.distribution("sphinx-mathjax-offline")
    return Path(str(dist.locate_file("sphinx-mathjax-offline/static/mathjax")))


def alt_texts(metadata: dict) -> list[str] | None:
    """A cell's figure descriptions from its metadata: ``alt`` is one text or a list, one per figure."""
    alt = metadata.get("alt")
    if alt is None:
        return None
    return [alt] if isinstance(alt, str) else [str(a) for a in alt]


def cell_alt_texts(cell: nodes.Element) -> list[str] | None:
    return alt_texts(cell.get("cell_metadata") or {})


def set_alt_text(app, doctree: nodes.document) -> None:
    """Give every figure of a notebook cell the description from the cell's ``alt`` metadata."""
    docname = app.env.docname
    for cell in doctree.findall(nodes.container):
        if cell.get("nb_element") != "cell_code":
            continue
        images = list(cell.findall(nodes.image))
        if not images:
            continue
        alts = cell_alt_texts(cell)
        where = f"{docname}, code cell {cell.get('cell_index', 0) + 1}"
        if not alts:
            logger.warning(f"{where}: figure without alt text (add alt=\"...\" to the cell's '# %%' line)",
                           location=docname, type="normreg", subtype="alt")
            continue
        if len(alts) not in (1, len(images)):
            logger.warning(f"{where}: {len(images)} figures but {len(alts)} alt texts",
                           location=docname, type="normreg", subtype="alt")
        for i, image in enumerate(images):
            image["alt"] = translated(app, "figure", alts[min(i, len(alts) - 1)])


def ui(app, text: str) -> str:
    """One of this extension's sentences in the page's language."""
    return UI.get(app.config.language, {}).get(text, text)


def under_title(doctree: nodes.document, markup: str) -> None:
    """Insert raw HTML under the page's title."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and isinstance(section[0], nodes.title):
        section.insert(1, nodes.raw("", markup, format="html"))


def translate_raw_html(app, doctree: nodes.document) -> None:
    """In a translation, the raw HTML of RAW_UI (toggle labels) in the page's language."""
    if app.config.language in (None, "en"):
        return
    for raw in list(doctree.findall(nodes.raw)):
        text = raw.astext()
        translated = text
        for english in RAW_UI:
            translated = translated.replace(english, ui(app, english))
        if translated != text:
            raw.replace_self(nodes.raw("", translated, format=raw.get("format", "html")))


def add_download_links(app, doctree: nodes.document) -> None:
    """Under the title of a lesson page: download its notebook and its jupytext script."""
    docname = app.env.docname
    if not docname.startswith(LESSON_DIR):
        return
    stem = html.escape(docname[len(LESSON_DIR):])
    downloads = "../downloads"  # each language's own: a translation's lessons are translated (docs/build.py)
    under_title(doctree, (
        f'<p class="normreg-downloads">{ui(app, "Download this lesson:")} '
        f'<a href="{downloads}/{stem}.ipynb" download>{stem}.ipynb</a> '
        f'{ui(app, "(the notebook, with its outputs)")} · '
        f'<a href="{downloads}/{stem}.py" download>{stem}.py</a> '
        f'{ui(app, "(its jupytext source, the file to edit)")}. '
        f'{ui(app, "To run it, see")} <a href="../index.html#run-the-course-yourself">'
        f'{ui(app, "Run the course yourself")}</a>.</p>'))


def add_language_links(app, doctree: nodes.document) -> None:
    """Under every page's title: its twin in the other language; on a page not yet translated, a note."""
    docname, language = app.env.docname, app.config.language
    up = "../" * docname.count("/")
    if language in TRANSLATIONS:
        translate = _translate_tool()
        app.env.note_dependency(str(translate.PENDING))  # the note comes and goes with this list
        twin = f'<a href="{up}../{html.escape(docname)}.html" hreflang="en" lang="en">English</a>'
        if docname in translate.pending():
            twin += f'</p><p class="normreg-pending admonition note">{ui(app, "pending")}'
    else:
        twin = " · ".join(f'<a href="{up}{lang}/{html.escape(docname)}.html" hreflang="{tag}" lang="{tag}">'
                          f"{name}</a>" for lang, (name, tag) in TRANSLATIONS.items())
    under_title(doctree, f'<p class="normreg-language">{twin}</p>')


SLIDER_TEXT = re.compile(r'((?:alt|data-label|data-name)=")([^"]*)(")|(<figcaption[^>]*>)([^<]*)(</figcaption>)')


def translate_sliders(app, doctree: nodes.document, docname: str) -> None:
    """In a translation, a slider's frames are the English site's (normreg_root_prefix: their paths are
    rewritten), and its name, readouts and alt texts come from the page's catalog (msgctxt "slider")."""
    prefix = app.config.normreg_root_prefix
    if not prefix:
        return

    def swap(match: re.Match) -> str:
        start, text, end = (match[1], match[2], match[3]) if match[1] else (match[4], match[5], match[6])
        english = html.unescape(text)
        return start + html.escape(translated(app, "slider", english, docname), quote=True) + end

    for raw in list(doctree.findall(nodes.raw)):
        if 'class="normreg-slider"' in raw.astext():
            text = raw.astext().replace('src="../sliders/', f'src="../{prefix}sliders/')
            raw.replace_self(nodes.raw("", SLIDER_TEXT.sub(swap, text), format=raw.get("format", "html")))


@functools.cache
def _translate_tool():
    """tools/translate.py, which also makes the Chinese notebooks (one way of translating their outputs)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("normreg_translate", ROOT / "tools" / "translate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def _catalog(docname: str) -> dict[tuple[str | None, str], str]:
    """A page's finished translations (tools/translate.py); none for a page without a catalog."""
    translate = _translate_tool()
    return translate.translations(docname) if docname in translate.catalogs() else {}


def translate_outputs(app, doctree: nodes.document, docname: str) -> None:
    """In the Chinese lessons, the checkers' printed feedback ("… Not attempted yet") in Chinese, as the
    Chinese notebooks print it (tools/translate.py's chinese_output_text); every other output as it is."""
    if app.config.language in (None, "en") or not docname.startswith(LESSON_DIR):
        return
    translate = _translate_tool()
    with translate.feedback_in_chinese():
        for block in list(doctree.findall(nodes.literal_block)):
            text = block.astext()
            chinese = translate.chinese_output_text("", text)
            if chinese != text:
                block[:] = [nodes.Text(chinese)]
                block.rawsource = chinese


# The bold label that opens an exercise: "Exercise 3." or "Exercise 4 (an experiment, about a minute)."
EXERCISE_LABEL = re.compile(r"(?:Exercise|练习) (\d+)(?: \([^)]*\)|（[^）]*）)?\.")


def solution_href(lesson: str, number: int) -> str:
    """The link from a lesson page (notebooks/NN_name.html) to one exercise's solution."""
    return f"../solutions.html#lesson-{lesson}-exercise-{number}"


def add_solution_links(app, doctree: nodes.document) -> None:
    """End each exercise's first paragraph on a lesson page with a link to its solution."""
    docname = app.env.docname
    if not docname.startswith(LESSON_DIR):
        return
    lesson = docname[len(LESSON_DIR):][:2]
    if not lesson.isdigit():
        return
    for paragraph in list(doctree.findall(nodes.paragraph)):
        # the first child that is not empty text (MyST starts a paragraph with an empty Text node)
        first = next((child for child in paragraph.children
                      if not (isinstance(child, nodes.Text) and not child.astext().strip())), None)
        match = EXERCISE_LABEL.fullmatch(first.astext().strip()) if isinstance(first, nodes.strong) else None
        if match is None:
            continue
        number = int(match.group(1))
        link = (f'<a class="normreg-solution-link" href="{html.escape(solution_href(lesson, number))}" '
                f'aria-label="{ui(app, "Solution of exercise")} {number}">{ui(app, "Solution")}&nbsp;↗</a>')
        paragraph += [nodes.Text(" "), nodes.raw("", link, format="html")]


def translated_quiz(app, question: dict) -> dict:
    """A quiz's data (course_lib.quizzes.as_data) in the page's language."""
    tr = functools.partial(translated, app, "quiz")
    title = question["title"].replace("Quiz", ui(app, "Quiz"), 1)
    question = dict(question, title=title, prompt=tr(question["prompt"]))
    if "options" in question:
        question["options"] = [dict(o, text=tr(o["text"]), why=tr(o["why"])) for o in question["options"]]
    else:
        question.update(why=tr(question["why"]), hint=tr(question["hint"]),
                        wrong=[dict(w, why=tr(w["why"])) for w in question["wrong"]])
    return question


def quiz_html(question: dict, labels: dict | None = None) -> str:
    """A quiz (course_lib.quizzes.as_data) as a form answered in the page by normreg.js, offline;
    ``labels`` translates its two words ("Your answer:", "Check")."""
    labels = labels or {}
    e = functools.partial(html.escape, quote=True)
    qid = e(question["id"])
    parts = [f'<form class="normreg-quiz" id="{qid}" novalidate>',
             f'<fieldset><legend><strong>{e(question["title"])}.</strong> {e(question["prompt"])}</legend>']
    if "options" in question:
        for option in question["options"]:
            parts.append(f'<label class="normreg-quiz-option"><input type="radio" name="{qid}" '
                         f'value="{e(option["letter"])}" data-correct="{str(option["correct"]).lower()}" '
                         f'data-why="{e(option["why"])}"> {e(option["letter"])}) {e(option["text"])}</label>')
    else:
        wrong = json.dumps(question["wrong"], ensure_ascii=False)
        parts.append(f'<label class="normreg-quiz-number">{e(labels.get("Your answer:", "Your answer:"))} '
                     f'<input type="text" inputmode="decimal" '
                     f'name="{qid}" autocomplete="off" data-answer="{question["answer"]!r}" '
                     f'data-rel-tol="{question["rel_tol"]!r}" data-why="{e(question["why"])}" '
                     f'data-hint="{e(question["hint"])}" data-wrong="{e(wrong)}"></label>')
    parts += ['</fieldset>', f'<button type="submit">{e(labels.get("Check", "Check"))}</button>',
              '<p class="normreg-quiz-feedback" role="status" aria-live="polite"></p>', '</form>']
    return "\n".join(parts)


def render_quizzes(app, doctree: nodes.document) -> None:
    """On a lesson page, a quiz cell (tagged "quiz") becomes its question as a form, instead of its code."""
    if not app.env.docname.startswith(LESSON_DIR):
        return
    from course_lib import quizzes

    for cell in list(doctree.findall(nodes.container)):
        tags = (cell.get("cell_metadata") or {}).get("tags", [])
        if cell.get("nb_element") != "cell_code" or "quiz" not in tags:
            continue
        match = quizzes.CELL.search(cell.astext())
        if match is None:
            logger.warning(f"{app.env.docname}: a quiz cell without quiz(\"NN\", k, answer)",
                           location=app.env.docname, type="normreg", subtype="quiz")
            continue
        lesson, number = match.group(1), int(match.group(2))
        question = quizzes.questions(lesson)[number - 1]
        data = translated_quiz(app, quizzes.as_data(lesson, number, question))
        labels = {word: ui(app, word) for word in ("Your answer:", "Check")}
        cell.replace_self(nodes.raw("", quiz_html(data, labels), format="html"))


CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def course_terms() -> set[str]:
    """The Chinese terms of locale/zh_CN/TERMINOLOGY.md (tools/translate.py's terminology)."""
    return {term for chinese in _translate_tool().terminology().values() for term in CJK_RUN.findall(chinese)}


def chinese_search():
    """Sphinx's Chinese search, deterministic and without jieba (an sdist-only package that the offline
    wheelhouse cannot carry): a run of Chinese characters is indexed as the course's terms it contains
    (TERMINOLOGY.md, any length) and its 2-, 3- and 4-character pieces, so a query word of up to four
    characters, or any course term, is found. Also fixes Sphinx 9.0's language_data.js for Chinese,
    which names a stemmer ("ChineseStemmer") it does not ship: the English one it ships is used."""
    from sphinx.search.zh import SearchChinese

    terms = sorted(course_terms(), key=len, reverse=True)

    class CourseChineseSearch(SearchChinese):
        language_name = "English"  # window.Stemmer = EnglishStemmer, the stemmer zh ships (for Latin words)

        def split(self, input: str) -> list[str]:
            pieces = []
            for run in CJK_RUN.findall(input):
                pieces += [term for term in terms if term in run]
                pieces += [run[i:i + n] for n in (2, 3, 4) for i in range(len(run) - n + 1)]
            latin = [word.strip() for word in self.latin1_letters.findall(input)]
            self.latin_terms.update(latin)
            return pieces + latin

    return CourseChineseSearch


def copy_mathjax(app, exc) -> None:
    if exc is not None or app.builder.format != "html":
        return
    source = mathjax_source()
    target = Path(app.outdir) / "_static" / "mathjax"
    for part in MATHJAX_PARTS:
        src = source / part
        if src.is_dir():
            copy_asset(str(src), str(target / part))
        else:
            target.joinpath(part).parent.mkdir(parents=True, exist_ok=True)
            copy_asset(str(src), str(target / Path(part).parent))


def drop_source_maps(app, exc) -> None:
    """The themes' *.map files (3.5 MB) only serve browser developer tools: keep the zip small."""
    if exc is None and app.builder.format == "html":
        for source_map in (Path(app.outdir) / "_static").rglob("*.map"):
            source_map.unlink()


def drop_fontawesome_script(app, exc) -> None:
    """The theme copies fontawesome.js (1.56 MB), which no page loads (see _templates/static/
    webpack-macros.html; normreg-icons.css draws the icons): keep it out of the site and the zip."""
    if exc is None and app.builder.format == "html":
        for path in (Path(app.outdir) / "_static" / "scripts").glob("fontawesome.js*"):
            path.unlink()


def setup(app):
    from sphinx.search import languages

    languages["zh"] = chinese_search()
    app.connect("doctree-read", set_alt_text)
    app.add_config_value("normreg_root_prefix", "", "html")
    app.connect("doctree-read", add_download_links)
    app.connect("doctree-read", translate_raw_html)
    app.connect("doctree-read", add_language_links)
    app.connect("doctree-resolved", translate_sliders)
    app.connect("doctree-resolved", translate_outputs)
    app.connect("doctree-read", add_solution_links)
    app.connect("doctree-read", render_quizzes)
    app.connect("build-finished", copy_mathjax)
    app.connect("build-finished", drop_source_maps)
    app.connect("build-finished", drop_fontawesome_script)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
