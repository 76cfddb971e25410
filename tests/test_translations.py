"""The Chinese edition's catalogs (locale/zh_CN/, `python3 course.py translate`): complete, faithful, current.

A finished catalog (any not listed in locale/zh_CN/PENDING.txt) has no empty and no fuzzy entry; every
translation keeps its English source's formulas, code, link targets and numbers, escapes a leading
"1." (or MyST reads a list and Sphinx silently shows the English), and uses the terms of
locale/zh_CN/TERMINOLOGY.md; in a lesson, a term's first use gives its English in parentheses. The
catalogs hold exactly the strings the English pages have now: an English edit without
`course.py translate` fails here.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from scripts import load_script

translate = load_script("tools/translate.py")
CATALOGS = translate.catalogs()
PENDING = translate.pending()
FINISHED = [name for name in CATALOGS if name not in PENDING]

ROLE = re.compile(r"\{(\w+)\}`([^`<]*?)\s*(?:<([^`>]+)>)?`")  # {term}`shown <target>`: the target counts
MATH = re.compile(r"\$\$.+?\$\$|\$[^$]+\$", re.S)
CODE = re.compile(r"`[^`]+`")
LINK_TARGET = re.compile(r"\]\(([^)\s]*)\)|href=\"([^\"]*)\"")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
NUMBERED = re.compile(r"\d+(?:\.\d+)*\. ")  # at the start of a string: MyST would read a list
ESCAPED = re.compile(r"\d+(?:\.\d+)*\\\. ")
LEARNING_GOALS = re.compile(r"\*\*Objectives\*\*")
QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
FIELD = re.compile(r"\{[^{}]*\}")  # a str.format field of the feedback catalog: {value:.6g}
CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e]")  # Chinese characters and punctuation
MARKDOWN = MarkdownIt("commonmark").use(dollarmath_plugin)


def emphasis(text: str) -> Counter:
    """The bold and italic spans markdown makes of a string. In Chinese, "**粗体：**后文" stays
    literal: a closing ** right after punctuation and right before a letter closes nothing."""
    rendered = MARKDOWN.renderInline(text)
    return Counter(re.findall(r"<(strong|em)>", rendered)) + Counter(stray=rendered.count("*"))


TERMS = translate.terminology()
GIVEN_IN_ENGLISH = {  # a subject term with its English in parentheses after it: 梯度下降（gradient descent）
    english: re.compile(r"（[^）]*\b" + re.escape(english).replace(r"\ ", r"[\s-]").replace(r"\-", r"[\s-]")
                        + r"s?\b[^）]*）", re.I)
    for english, chinese in translate.terminology(subject_only=True).items() if CJK.search(chinese)}


def prose(text: str) -> str:
    """The text without its formulas, code spans and link targets."""
    return LINK_TARGET.sub("]", CODE.sub(" ", MATH.sub(" ", text)))


def uses(text: str) -> set[str]:
    """The English terms an English string uses in its prose (outside formulas, code and quotes)."""
    words = QUOTED.sub(" ", prose(text))  # a quoted title ("Regression shrinkage and ...") stays English
    words = LEARNING_GOALS.sub(" ", words)  # a lesson's "**Objectives**" (学习目标) are not objective functions
    found = set()
    for english in sorted(TERMS, key=len, reverse=True):  # "group sparsity" before "sparsity"
        term = re.compile(rf"\b{re.escape(english)}s?\b", re.I)
        if term.search(words):
            found.add(english)
        words = term.sub(" ", words)
    return found


def problems(source: str, translation: str, fields: bool = False) -> list[str]:
    """What is wrong with one translation of one English string (``fields``: of the feedback catalog,
    whose {fields} str.format fills in)."""
    if not translation:
        return ["not translated"]
    found = []
    if fields and Counter(FIELD.findall(source)) != Counter(FIELD.findall(translation)):
        found.append("its {fields} differ from the English (str.format fills them in)")
    if not CJK.search(translation) and translation != source:
        found.append("no Chinese, yet different from the English (a formula or name must stay as it is)")
    targets = [ROLE.sub(lambda m: f"{{{m[1]}}}`{m[3] or m[2]}`", text) for text in (source, translation)]
    for name, pattern in [("formulas", MATH), ("code", CODE)]:
        if Counter(pattern.findall(targets[0])) != Counter(pattern.findall(targets[1])):
            found.append(f"its {name} differ from the English")
    if Counter(LINK_TARGET.findall(source)) != Counter(LINK_TARGET.findall(translation)):
        found.append("its link targets differ from the English")
    unescaped = translation.replace("\\.", ".")
    numbers = Counter(NUMBER.findall(prose(source))), Counter(NUMBER.findall(prose(unescaped)))
    if numbers[0] != numbers[1]:
        found.append(f"its numbers differ: {sorted((numbers[0] - numbers[1]).elements())} missing, "
                     f"{sorted((numbers[1] - numbers[0]).elements())} added")
    if emphasis(source) != emphasis(translation):
        found.append("its bold or italic text differs from the English (in Chinese, put punctuation after the "
                     "closing ** or *: **术语**：…)")
    if NUMBERED.match(source) and not ESCAPED.match(translation):
        found.append('a leading number must be written "1\\." in the translation')
    for english in sorted(uses(source)):
        if TERMS[english].lower() not in translation.lower():
            found.append(f"{english!r} is {TERMS[english]!r} (TERMINOLOGY.md)")
    return found


def headings(notebook: Path) -> set[str]:
    """The text of every markdown heading of a lesson."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
    return {line.lstrip("#").strip() for line in text.splitlines() if re.match(r"#+\s", line)}


def first_use_problems(catalog, notebook: Path) -> list[str]:
    """A lesson's terms of the subject whose first use in its text (in document order, headings and the
    figures', sliders' and quizzes' strings aside) does not give the English in parentheses."""
    skip, seen, given, found = headings(notebook), set(), set(), []
    for message in catalog:
        if not message.id or message.context or message.id in skip:
            continue
        for english in sorted(uses(message.id) - seen):
            if english in GIVEN_IN_ENGLISH and english not in given and not GIVEN_IN_ENGLISH[english].search(
                    message.string):
                found.append(f"{message.id[:60]!r}: the lesson's first {english!r}: write "
                             f"{TERMS[english]}（{english}） (TERMINOLOGY.md)")
        seen |= uses(message.id)
        given |= {english for english, pattern in GIVEN_IN_ENGLISH.items() if pattern.search(message.string)}
    return found


def catalog_problems(path: Path) -> list[str]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    found = []
    for message in catalog:
        if not message.id:
            continue
        where = f"{path.name}: {message.id[:60]!r}"
        if message.fuzzy:
            found.append(f"{where}: fuzzy (its English changed: check the translation, then remove '#, fuzzy')")
        fields = path.stem == translate.FEEDBACK
        found += [f"{where}: {problem}" for problem in problems(message.id, message.string, fields)]
    notebook = translate.ROOT / "notebooks" / f"{path.stem}.ipynb"
    if path.parent.name == "notebooks" and notebook.exists():
        found += [f"{path.name}: {problem}" for problem in first_use_problems(catalog, notebook)]
    return found


@pytest.mark.parametrize("name", FINISHED)
def test_a_finished_catalog_is_complete_and_faithful(name):
    found = catalog_problems(CATALOGS[name])
    assert found == [], "\n".join(found)


def test_the_pending_list_names_catalogs_that_exist_and_are_unfinished():
    assert set(PENDING) <= set(CATALOGS), f"not catalogs: {set(PENDING) - set(CATALOGS)}"
    done = [name for name in PENDING if not catalog_problems(CATALOGS[name])]
    assert done == [], f"finished: remove them from {translate.PENDING.name}"
    assert {"404", "notebooks/01_norms"} <= set(FINISHED)


def test_the_check_catches_what_drifts(tmp_path):
    escape = 'a leading number must be written "1\\." in the translation'
    assert problems("1. Lp norms", "1. 向量的 Lp 范数") == [escape]
    assert problems("1. Lp norms", "1\\. 向量的 Lp 范数") == []
    assert problems("with $p > 0$", "对 $p > 1$") == ["its formulas differ from the English"]
    assert problems("see `lp_norm`", "见 `norm`") == ["its code differ from the English"]
    assert problems("see {term}`ISTA`", "见 {term}`迭代算法 <ISTA>`") == []  # a term's target stays English
    assert problems("see {term}`ISTA`", "见 {term}`迭代算法`") == ["its code differ from the English"]
    assert any("numbers differ" in p for p in problems("4,000 values", "4000 个值"))
    assert any("link targets" in p for p in problems("[the glossary](glossary.md)", "[术语表](index.md)"))
    assert problems("the penalty", "惩罚") == [] and problems("the penalty", "罚") != []
    assert problems("x", "") == ["not translated"]
    assert any("bold" in p for p in problems("**How:** run it", "**用法：**运行它")) and not problems(
        "**How:** run it", "**用法**：运行它")
    # a finished catalog with one entry turned fuzzy, as `course.py translate` marks a changed string
    copy = tmp_path / "notebooks" / "01_norms.po"
    copy.parent.mkdir()
    shutil.copy(CATALOGS["notebooks/01_norms"], copy)
    with copy.open("rb") as handle:
        catalog = read_po(handle)
    next(m for m in catalog if m.id).flags.add("fuzzy")
    with copy.open("wb") as handle:
        write_po(handle, catalog, width=100)
    assert [p for p in catalog_problems(copy) if "fuzzy" in p]
    # the lesson's first "norm" without its English in parentheses
    message = next(m for m in catalog if "**范数**（norm）" in m.string)
    message.string, message.flags = message.string.replace("**范数**（norm）", "**范数**"), set()
    with copy.open("wb") as handle:
        write_po(handle, catalog, width=100)
    assert [p for p in catalog_problems(copy) if "first 'norm'" in p]


def test_the_catalogs_hold_exactly_the_strings_of_the_english_pages(tmp_path):
    """Extract the English pages' strings now (Sphinx's gettext builder) and compare."""
    pot = translate.extract(tmp_path / "pot")
    templates = {p.relative_to(pot).with_suffix("").as_posix(): p for p in sorted(pot.rglob("*.pot"))}
    assert set(templates) == set(CATALOGS), "run `python3 course.py translate`: pages and catalogs differ"
    stale = []
    for name, template in templates.items():
        with template.open("rb") as handle, CATALOGS[name].open("rb") as catalog:
            wanted = {(m.context, m.id) for m in read_po(handle) if m.id}
            held = {(m.context, m.id) for m in read_po(catalog) if m.id}
        if wanted != held:
            stale.append(f"{name}: {len(wanted - held)} new or changed English strings, {len(held - wanted)} gone")
    assert stale == [], "run `python3 course.py translate`, then translate:\n" + "\n".join(stale)


def test_the_chinese_lessons_keep_the_english_code_and_outputs_and_have_no_english_text(tmp_path):
    """`course.py lab --lang zh_CN` opens these: generated from the notebooks and the catalogs, never edited."""
    written = translate.write_notebooks(tmp_path)
    assert sorted(path.stem for path in written) == sorted(
        name.split("/", 1)[1] for name in FINISHED if name.startswith("notebooks/"))
    for path in written:
        chinese = json.loads(path.read_text(encoding="utf-8"))
        english = json.loads((translate.ROOT / "notebooks" / path.name).read_text(encoding="utf-8"))
        cells = [[c for c in nb["cells"] if c["cell_type"] == "code"] for nb in (chinese, english)]
        pairs = zip(*cells, strict=True)
        for zh_cell, en_cell in pairs:
            source = "".join(en_cell["source"]).replace(translate.SETUP_CALL, translate.SETUP_IN_CHINESE)
            assert "".join(zh_cell["source"]) == source, f"{path.name}: code differs from the English lesson"
            for zh_out, en_out in zip(zh_cell["outputs"], en_cell["outputs"], strict=True):
                if en_out["output_type"] != "stream":
                    assert zh_out == en_out, f"{path.name}: an output differs from the English lesson"
                    continue
                lines = ["".join(out["text"]).split("\n") for out in (zh_out, en_out)]
                changed = [zh for zh, en in zip(*lines, strict=False) if zh != en]
                assert all(CJK.search(line) for line in changed), f"{path.name}: {changed[:2]}"
                if not translate.quizzes_cell(source):  # a quiz's question may take more or fewer lines
                    assert len(lines[0]) == len(lines[1]), f"{path.name}: printed lines added or lost"
        left = [block for cell in chinese["cells"] if cell["cell_type"] == "markdown"
                for block in "".join(cell["source"]).split("\n\n")
                if not CJK.search(prose(block)) and len(re.findall(r"\b[A-Za-z]{3,}\b", prose(block))) >= 3]
        assert left == [], f"{path.name}: English left in the markdown: {left[:3]}"
        alts = [cell["metadata"]["alt"] for cell in chinese["cells"]
                if isinstance(cell["metadata"].get("alt"), str)]
        assert alts and all(CJK.search(alt) for alt in alts), f"{path.name}: an alt text in English"


def test_a_chinese_lesson_runs_and_prints_its_feedback_in_chinese(tmp_path):
    """Lesson 01 in Chinese, executed from a fresh kernel: it runs top to bottom, and what its quizzes and
    checkers print is the Chinese the generated notebook shows."""
    import nbformat
    from nbclient import NotebookClient

    path = next(p for p in translate.write_notebooks(tmp_path) if p.name.startswith("01_"))
    generated = json.loads(path.read_text(encoding="utf-8"))
    executed = nbformat.read(path, as_version=4)
    NotebookClient(executed, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()  # where `lab --lang` opens it
    feedback = 0
    for before, after in zip(generated["cells"], executed.cells, strict=True):
        source = "".join(before["source"])
        if before["cell_type"] != "code" or not ("quiz(" in source or "exercise_" in source):
            continue
        # joined: the kernel may send one cell's printout in one message or several, as timing has it
        printed = "".join("".join(o["text"]) for o in before["outputs"] if o["output_type"] == "stream")
        assert printed == "".join(o["text"] for o in after.outputs if o["output_type"] == "stream"), source[-80:]
        assert CJK.search(printed), source[-80:]
        feedback += 1
    assert feedback >= 9  # five quizzes and four exercises


def test_the_package_carries_the_current_feedback_translations():
    """course_lib/locale/zh_CN/LC_MESSAGES/course_lib.mo, which the checkers and quizzes read at run time,
    holds exactly the feedback catalog and the lessons' quiz translations: rerun `course.py translate`."""
    assert translate.read_mo() == translate.feedback_messages()


def test_lab_takes_its_language_and_leaves_the_rest_to_jupyterlab():
    course = load_script("course.py")
    assert course.lab_language(["--lang", "zh_CN", "--port", "9"]) == ("zh_CN", ["--port", "9"])
    assert course.lab_language(["--lang=en", "--no-browser"]) == ("en", ["--no-browser"])
    assert course.lab_language([]) == ("en", [])
    with pytest.raises(SystemExit):
        course.lab_language(["--lang", "fr"])
