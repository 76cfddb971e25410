"""The Chinese edition's catalogs: refresh them from the English pages, and say what is left to do.

    python3 course.py translate            # refresh locale/zh_CN/LC_MESSAGES/**/*.po, then --status
    python3 course.py translate --status   # per catalog: strings, translated, fuzzy, empty
    python3 course.py translate --notebooks DIR   # the Chinese lessons, into DIR (`lab --lang zh_CN` does it)

One source: the English pages (docs/*.md, the lessons' markdown, the solutions page) as the website
stages them (docs/build.py). Sphinx's gettext builder extracts every paragraph, heading and list item
into build/gettext/**/*.pot; to each lesson's template this script adds the strings Sphinx cannot see
(CONTEXTS: its figures' alt texts, its sliders' names, readouts and alt texts, its quizzes); and
sphinx-intl merges those into the catalogs:
- a new string arrives empty, a changed one arrives marked fuzzy (the old translation kept as a
  suggestion), a removed one is dropped;
- translate the empty and fuzzy entries in the .po files (remove the `#, fuzzy` line once the
  translation is right), keeping formulas ($...$), `code`, links' targets and numbers as they are,
  and the terms of locale/zh_CN/TERMINOLOGY.md;
- a numbered heading or paragraph ("1. Lp norms") is written "1\\. ..." in the translation, or MyST
  reads it as a list and Sphinx silently keeps the English.
tests/test_translations.py fails when a finished catalog has an empty or fuzzy entry, when a
translation changes a formula, a code span or a number, or when a catalog is older than its page.
Catalogs still being translated are listed in locale/zh_CN/PENDING.txt (the edition is complete
when that list is empty); the Chinese website and notebooks leave their pages out.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import io
import itertools
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # course_lib: its quizzes, its feedback, its i18n
    sys.path.insert(0, str(ROOT))
LANGUAGE = "zh_CN"
LOCALE = ROOT / "locale"
MESSAGES = LOCALE / LANGUAGE / "LC_MESSAGES"
PENDING = LOCALE / LANGUAGE / "PENDING.txt"
POT = ROOT / "build" / "gettext"
# msgctxt of the strings a lesson's page shows outside its markdown (docs/_ext/normreg_site.py translates them)
CONTEXTS = {"figure": "a figure's alt text", "slider": "a slider's name, readout or alt text", "quiz": "a quiz"}
SLIDER_MIME = "application/vnd.normreg.slider+json"  # course_lib.sliders.MIME
# The feedback of course_lib's checkers, quizzes and stopwatch: its strings, written _("...") or
# _f("...", field=...) in course_lib/**/*.py, go to the catalog "course_lib"; compiled with the lessons'
# quiz strings into the package (course_lib.i18n reads it at run time, with no build step).
FEEDBACK = "course_lib"
COMPILED_ON = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
RUNTIME_MO = ROOT / "course_lib" / "locale" / LANGUAGE / "LC_MESSAGES" / f"{FEEDBACK}.mo"


def course_strings(ipynb: Path) -> list[tuple[str, str]]:
    """(context, English) of a lesson page's strings that are not in its markdown."""
    notebook = json.loads(ipynb.read_text(encoding="utf-8"))
    found = []
    for cell in notebook["cells"]:
        alt = cell.get("metadata", {}).get("alt")
        found += [("figure", text) for text in ([alt] if isinstance(alt, str) else alt or [])]
        for output in cell.get("outputs", []):
            slider = output.get("data", {}).get(SLIDER_MIME)
            if slider:
                found.append(("slider", slider["name"]))
                found += [("slider", text) for frame in slider["frames"]
                          for text in (frame["label"], frame["alt"])]
    from course_lib import quizzes

    lesson = ipynb.stem[:2]
    for question in quizzes.questions(lesson) if lesson in quizzes.LESSONS else []:
        found.append(("quiz", question.prompt))
        if isinstance(question, quizzes.Choice):
            found += [("quiz", text) for option in question.options for text in (option.text, option.why)]
        else:
            found += [("quiz", question.why), ("quiz", question.hint)]
            found += [("quiz", why) for _, why in question.wrong]
    return list(dict.fromkeys(found))


def add_course_strings(pot: Path) -> None:
    """Add each lesson's course_strings to its template, build/gettext/notebooks/NN_name.pot."""
    from babel.messages.pofile import read_po, write_po

    for template in sorted((pot / "notebooks").glob("*.pot")):
        with template.open("rb") as handle:
            catalog = read_po(handle)
        for context, text in course_strings(ROOT / "notebooks" / f"{template.stem}.ipynb"):
            catalog.add(text, context=context)
        with template.open("wb") as handle:
            write_po(handle, catalog, width=100)


def extract(target: Path = POT) -> Path:
    """Stage the English pages (docs/build.py) and extract their strings into target/**/*.pot."""
    import importlib.util

    from sphinx.cmd.build import build_main

    spec = importlib.util.spec_from_file_location("normreg_site_build", ROOT / "docs" / "build.py")
    site_builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(site_builder)
    site_builder.SRC = ROOT / "build" / "gettext-src"  # staged apart from the website's (a build may be running)
    site_builder.stage()
    doctrees = ROOT / "build" / "gettext-doctrees"
    code = build_main(["-q", "-b", "gettext", "-c", str(ROOT / "docs"), "-d", str(doctrees), str(site_builder.SRC),
                       str(target)])
    if code:
        sys.exit(f"sphinx-build -b gettext failed with exit code {code}")
    add_course_strings(target)
    extract_feedback(target)
    return target


def extract_feedback(target: Path) -> Path:
    """target/course_lib.pot: the strings of course_lib's feedback, _("...") and _f("...") in its code."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import write_po

    catalog = Catalog(project="normreg", domain=FEEDBACK, charset="utf-8")
    found = extract_from_dir(str(ROOT / "course_lib"), method_map=[("**.py", "python")],
                             keywords={"_": None, "_f": None}, comment_tags=())
    for _filename, _line, message, _comments, context in found:
        catalog.add(message, context=context)
    target.mkdir(parents=True, exist_ok=True)
    pot = target / f"{FEEDBACK}.pot"
    with pot.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False)
    return pot


def feedback_messages() -> dict[tuple[str | None, str], str]:
    """What the package's compiled catalog must hold: the feedback catalog's translations and the lessons'
    quiz strings (context "quiz"), each once."""
    messages = dict(translations(FEEDBACK))
    for name in catalogs():
        if name.startswith("notebooks/"):
            messages.update({key: text for key, text in translations(name).items() if key[0] == "quiz"})
    return messages


def compile_feedback(target: Path = RUNTIME_MO) -> Path:
    """Write the package's compiled catalog (course_lib/locale/zh_CN/LC_MESSAGES/course_lib.mo)."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    catalog = Catalog(locale=LANGUAGE, project="normreg", domain=FEEDBACK, charset="utf-8",
                      creation_date=COMPILED_ON, revision_date=COMPILED_ON)  # the same bytes each time
    def by_key(item):
        return item[0][0] or "", item[0][1]

    for (context, english), text in sorted(feedback_messages().items(), key=by_key):
        catalog.add(english, text, context=context)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        write_mo(handle, catalog)
    return target


def read_mo(path: Path = RUNTIME_MO) -> dict[tuple[str | None, str], str]:
    """A compiled catalog's messages, as feedback_messages() gives them."""
    from babel.messages.mofile import read_mo as babel_read_mo

    with path.open("rb") as handle:
        catalog = babel_read_mo(handle)
    def text(context: str | bytes | None) -> str | None:  # babel reads a compiled context as bytes
        return context.decode("utf-8") if isinstance(context, bytes) else context

    return {(text(m.context), m.id): m.string for m in catalog if m.id}


def terminology(subject_only: bool = False) -> dict[str, str]:
    """English term -> Chinese term, from the tables of TERMINOLOGY.md (parenthesised parts dropped);
    ``subject_only``: the terms of the subject, not the words of the course (quiz, exercise, ...)."""
    table = {}
    text = (LOCALE / LANGUAGE / "TERMINOLOGY.md").read_text(encoding="utf-8")
    if subject_only:
        text = text.split("## Words of the course")[0]
    for row in re.findall(r"^\| *([^|]+?) *\| *([^|]+?) *\|$", text, re.M):
        english, chinese = re.sub(r"\s*\(.*\)", "", row[0]), re.split(r"（", row[1])[0]
        if english not in ("English", "---"):
            table[english] = chinese
    return table


def pending() -> list[str]:
    """The catalogs still being translated (as "notebooks/01_norms"), from PENDING.txt."""
    if not PENDING.exists():
        return []
    lines = (line.split("#")[0].strip() for line in PENDING.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def catalogs() -> dict[str, Path]:
    """Every catalog, by its page's name ("index", "notebooks/01_norms")."""
    return {path.relative_to(MESSAGES).with_suffix("").as_posix(): path for path in sorted(MESSAGES.rglob("*.po"))}


def counts(path: Path) -> dict[str, int]:
    """Strings of one catalog: all, translated (not fuzzy), fuzzy, empty."""
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle)
    entries = [m for m in catalog if m.id]
    fuzzy = sum(m.fuzzy for m in entries)
    empty = sum(not m.string for m in entries)
    return {"strings": len(entries), "translated": len(entries) - fuzzy - empty, "fuzzy": fuzzy, "empty": empty}


def line(name: str, found: dict[str, int]) -> str:
    return (f"{name:<36} {found['translated']:>4} of {found['strings']:>4} translated, "
            f"{found['fuzzy']:>3} fuzzy, {found['empty']:>4} empty")


def status() -> None:
    waiting = set(pending())
    total = {"strings": 0, "translated": 0, "fuzzy": 0, "empty": 0}
    for name, path in catalogs().items():
        found = counts(path)
        total = {key: total[key] + found[key] for key in total}
        print(line(name, found) + ("  (pending)" if name in waiting else ""))
    print(line("all catalogs", total) + f"; {len(waiting)} catalogs pending")


# ------------------------------------------------------------------------------------------------
# Chinese notebooks, generated from the English ones and the catalogs (never edited by hand)


def translations(name: str) -> dict[tuple[str | None, str], str]:
    """A catalog's finished entries: (msgctxt, English) -> translation."""
    from babel.messages.pofile import read_po

    with catalogs()[name].open("rb") as handle:
        catalog = read_po(handle)
    return {(m.context, m.id): m.string for m in catalog if m.id and m.string and not m.fuzzy}


def translate_markdown(source: str, lookup: dict[tuple[str | None, str], str]) -> str:
    """A markdown cell with every block (heading, paragraph, list item, table cell) that the catalog
    has replaced by its translation; formulas and what the catalog lacks stay as they are."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    lines = source.split("\n")
    tokens = MarkdownIt("commonmark").use(dollarmath_plugin).enable("table").parse(source)
    blocks, tables = [], []
    for opening, inline in itertools.pairwise(tokens):
        if opening.type in ("heading_open", "paragraph_open") and inline.type == "inline" and opening.map:
            start, end = opening.map
            text = lookup.get((None, " ".join(line.strip() for line in inline.content.split("\n"))))
            if text is not None:
                first = inline.content.split("\n")[0]
                prefix = lines[start][: max(lines[start].find(first), 0)]
                blocks.append((start, end, prefix + text))
        elif opening.type == "table_open" and opening.map:
            tables.append(opening.map)
    cells = sorted(((english, text) for (context, english), text in lookup.items() if context is None),
                   key=lambda pair: -len(pair[0]))
    for start, end in tables:  # a table's cells, each replaced between its pipes (no line moves)
        for number in range(start, end):
            for english, text in cells:
                lines[number] = lines[number].replace(f"| {english} |", f"| {text} |")
    for start, end, line in sorted(blocks, reverse=True):  # from the bottom: a block may shrink to one line
        lines[start:end] = [line]
    return "\n".join(lines)


RUN_TIME = re.compile(r"Notebook run time: (?P<seconds>\d+\.\d) s"
                      r"(?: \(budget: (?P<budget>\d+) s on 2 CPU cores\))?")
SETUP_CALL = "notebook.setup("
SETUP_IN_CHINESE = 'notebook.setup(language="zh_CN", '


@contextlib.contextmanager
def feedback_in_chinese():
    """course_lib's feedback in Chinese inside the block (course_lib.i18n), as the Chinese lessons set it."""
    from course_lib import i18n

    i18n.set_language(LANGUAGE)
    try:
        yield
    finally:
        i18n.set_language(None)


def quizzes_cell(source: str) -> bool:
    """Whether a code cell asks a quiz question."""
    from course_lib import quizzes

    return quizzes.CELL.search(source) is not None


def chinese_output_text(source: str, text: str) -> str:
    """A code cell's printed text as the Chinese lesson prints it: a quiz cell's question, the checkers'
    "not attempted" line and the stopwatch's line in Chinese; every other line as it is."""
    from course_lib import notebook, quizzes
    from course_lib.checks import TODO, not_attempted

    asked = quizzes.CELL.search(source)
    if asked:  # the question, asked again: the committed output is the unanswered question
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            quizzes.quiz(asked[1], int(asked[2]), None)
        return printed.getvalue()
    english_todo, printed = f"{TODO} Not attempted yet", io.StringIO()
    with contextlib.redirect_stdout(printed):
        not_attempted(None)
    lines = []
    for line in text.split("\n"):
        run_time = RUN_TIME.fullmatch(line)
        if line.startswith(english_todo):
            line = printed.getvalue().rstrip("\n")
        elif run_time:
            budget = run_time["budget"]
            with contextlib.redirect_stdout(io.StringIO()) as said:
                stopwatch = notebook.Stopwatch()
                stopwatch.elapsed = lambda seconds=float(run_time["seconds"]): seconds
                stopwatch.report(float(budget) if budget else None)
            line = said.getvalue().rstrip("\n")
        lines.append(line)
    return "\n".join(lines)


def chinese_code_cell(cell: dict) -> None:
    """The code cell as the Chinese lesson has it: setup() gives Chinese feedback, printed feedback in Chinese."""
    source = "".join(cell["source"])
    if SETUP_CALL in source:
        cell["source"] = source.replace(SETUP_CALL, SETUP_IN_CHINESE).splitlines(keepends=True)
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            text = chinese_output_text(source, "".join(output["text"]))
            output["text"] = text.splitlines(keepends=True)


def chinese_notebook(ipynb: Path) -> dict:
    """A lesson in Chinese: its markdown and figure descriptions from its catalog, its printed feedback in
    Chinese, setup(language="zh_CN"); the code and every other output unchanged."""
    notebook = json.loads(ipynb.read_text(encoding="utf-8"))
    lookup = translations(f"notebooks/{ipynb.stem}")
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            with feedback_in_chinese():
                chinese_code_cell(cell)
        if cell["cell_type"] == "markdown":
            text = translate_markdown("".join(cell["source"]), lookup)
            cell["source"] = text.splitlines(keepends=True)
        alt = cell.get("metadata", {}).get("alt")
        if isinstance(alt, str):
            cell["metadata"]["alt"] = lookup.get(("figure", alt), alt)
        elif isinstance(alt, list):
            cell["metadata"]["alt"] = [lookup.get(("figure", text), text) for text in alt]
    notebook.setdefault("metadata", {})["normreg"] = {"language": LANGUAGE, "generated_from": ipynb.name}
    return notebook


def write_notebooks(target: Path) -> list[Path]:
    """The finished lessons in Chinese, written into target (regenerated every time)."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    waiting = set(pending())
    for ipynb in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        if f"notebooks/{ipynb.stem}" in waiting or f"notebooks/{ipynb.stem}" not in catalogs():
            continue
        path = target / ipynb.name
        path.write_text(json.dumps(chinese_notebook(ipynb), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--status", action="store_true", help="only report, change nothing")
    parser.add_argument("--notebooks", type=Path, metavar="DIR", help="write the translated lessons into DIR")
    args = parser.parse_args(argv)
    if args.notebooks:
        written = write_notebooks(args.notebooks)
        print(f"Wrote {len(written)} Chinese lessons into {args.notebooks}: {', '.join(p.name for p in written)}")
        return
    if not args.status:
        from sphinx_intl.basic import update

        update(str(LOCALE), str(extract()), (LANGUAGE,), line_width=100, ignore_obsolete=True, jobs=1)
        print(f"Compiled the feedback's translations into {compile_feedback().relative_to(ROOT)}")
    status()


if __name__ == "__main__":
    main()
