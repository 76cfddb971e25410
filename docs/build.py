"""Build the course website into build/site/ from the committed, executed notebooks.

    python docs/build.py          # build (incremental) into build/site/
    python docs/build.py --zip    # also write build/normreg-site.zip for offline use
    python docs/build.py --verbose   # show Sphinx's progress, not only its warnings

`python3 course.py site` runs this inside .venv. Nothing is executed: the pages show the outputs
committed in notebooks/NN_name.ipynb. The pages are staged in build/site-src/:
  docs/*.md                      -> the landing page and the reference pages
  notebooks/[0-9][0-9]_*.ipynb   -> one page per lesson (every lesson is picked up)
  notebooks/NN_name.{ipynb,py}   -> downloads/ (linked from each lesson page)
  solutions/lessonNN.py          -> solutions.md (generated: each exercise's question from its
                                    notebook, then its answer and explanation behind a toggle)
                                    and downloads/
  README.md's lesson table       -> _generated/lessons.md (run times, included by index.md)
The same pages are then built through the catalogs of locale/<language>/ (tools/translate.py) into
build/site/<language>/ (TRANSLATIONS), sharing the English site's figures and slider frames; its
downloads/ holds the lessons in that language (tools/translate.py) and the solutions.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import inspect
import json
import math
import os
import re
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
BUILD = ROOT / "build"
SRC = BUILD / "site-src"
SITE = BUILD / "site"
DOCTREES = BUILD / "site-doctrees"
ZIP = BUILD / "normreg-site.zip"
TRANSLATIONS = ["zh_CN"]  # each built into SITE / language from the catalogs in locale/ (tools/translate.py)
STAMP = BUILD / "site-inputs.sha256"

sys.path.insert(0, str(ROOT / "tools"))
from lessons import SLIDERS, lesson_notebooks, lesson_title, short_title, site_notebook

sys.path.insert(0, str(ROOT))
from course import course_version, license_notice_html, repository_url


def input_files() -> list[Path]:
    """Every file the site is built from (for the freshness check of the tests)."""
    files = [ROOT / "README.md", ROOT / "data" / "README.md", ROOT / "tools" / "lessons.py"]
    files += [ROOT / "tools" / "translate.py"]  # a translation's lessons, for download
    files += sorted(p for p in DOCS.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    files += lesson_notebooks() + [p.with_suffix(".py") for p in lesson_notebooks()]
    files += sorted((ROOT / "solutions").glob("lesson[0-9][0-9].py"))
    files += sorted((ROOT / "course_lib" / "quizzes").glob("*.py"))  # the quizzes the lesson pages render
    files += sorted(p for p in (ROOT / "locale").rglob("*") if p.suffix in (".po", ".txt"))  # the translations
    return [p for p in files if p.exists()]


def inputs_digest() -> str:
    digest = hashlib.sha256()
    digest.update(repository_url().encode() + b"\0")  # launch buttons or not
    digest.update(f"{course_version()} {license_notice_html()}".encode() + b"\0")  # every page's footer
    for path in input_files():
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def is_fresh() -> bool:
    """True when build/site was built from exactly the current inputs."""
    return (SITE / "index.html").exists() and STAMP.exists() and STAMP.read_text().strip() == inputs_digest()


def write(path: Path, data: bytes | str) -> None:
    """Write only when the content changes, so that Sphinx rebuilds only what changed."""
    data = data.encode("utf-8") if isinstance(data, str) else data
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def readme_lessons() -> dict[str, tuple[str, str]]:
    """README's lesson table: notebook stem -> (what you learn, run time)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = {}
    for line in text.split("## The lessons", 1)[-1].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) >= 3 and re.fullmatch(r"`\d\d_\w+`", cells[0]):
            rows[cells[0].strip("`")] = (cells[1], cells[2])
    return rows


READING_WPM = 130  # words per minute of careful reading (a speaker manages 130-150)


def reading_minutes(ipynb: Path) -> int:
    """Minutes to read a lesson's text once at READING_WPM, rounded up to 5 (code and outputs not counted)."""
    cells = json.loads(ipynb.read_text(encoding="utf-8"))["cells"]
    words = sum(len("".join(c["source"]).split()) for c in cells if c["cell_type"] == "markdown")
    return 5 * math.ceil(words / READING_WPM / 5)


def lesson_table() -> str:
    rows = readme_lessons()
    lines = ["| lesson | what you learn | reading time | computer time |", "|---|---|---|---|"]
    for ipynb in lesson_notebooks():
        learn, run_time = rows.get(ipynb.stem, ("see the lesson's introduction", "see the lesson"))
        title = lesson_title(ipynb).replace("|", "\\|")
        lines.append(f"| [{title}](notebooks/{ipynb.stem}.ipynb) | {learn} | {reading_minutes(ipynb)} min "
                     f"| {run_time} |")
    return "\n".join(lines) + "\n"


# "**Exercise 3.**" or "**Exercise 4 (an experiment, about a minute).**" at the start of a line of a lesson's
# markdown: where an exercise begins (normreg_site.py links the same paragraphs to their solutions).
EXERCISE_START = re.compile(r"^\*\*Exercise (\d+)(?: \(([^)\n]*)\))?\.\*\*[ \t]*", re.M)


def exercise_anchor(lesson: str, number: int) -> str:
    """The id of an exercise's section on the solutions page, e.g. lesson-01-exercise-3."""
    return f"lesson-{lesson}-exercise-{number}"


def notebook_exercises(ipynb: Path) -> list[tuple[int, str, str]]:
    """(number, qualifier such as "an experiment", question in Markdown) of each exercise of a lesson, in order.

    An exercise runs from its bold label to the next exercise's label or the end of its markdown cell.
    """
    found = []
    for cell in json.loads(ipynb.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        starts = list(EXERCISE_START.finditer(text))
        for i, match in enumerate(starts):
            end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
            question = text[match.end(): end].strip()
            found.append((int(match.group(1)), match.group(2) or "", question))
    return found


def solution_parts(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(code of each answer, explanation of each exercise) of a solutions/lessonNN.py, read without running it.

    An answer is a top-level ``exercise_N = …`` or ``def exercise_N``; its code runs from the end of the
    previous answer (or of the imports) to its own end, so helper lines and comments come with it. The
    explanations are the literal dict ``EXPLANATIONS``, keyed "exercise_N", of Markdown texts (indented like
    docstrings; every exercise has one, also those without an answer to check).
    """
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    code: dict[str, str] = {}
    explanations: dict[str, str] = {}
    start = 0  # the first line of the next answer's block
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef):
            names = [node.name]
        elif isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names = [node.target.id]
        else:  # the docstring and the imports: answers start after them
            if isinstance(node, (ast.Import, ast.ImportFrom, ast.Expr)):
                start = node.end_lineno
            continue
        if "EXPLANATIONS" in names:
            explanations = {name: inspect.cleandoc(text) for name, text in ast.literal_eval(node.value).items()}
            continue
        for name in names:
            if re.fullmatch(r"exercise_\d+", name):
                code[name] = "\n".join(lines[start: node.end_lineno]).strip("\n")
                start = node.end_lineno
    return code, explanations


def solutions_page() -> str:
    """solutions.md: per lesson, each exercise's question, then its answer and explanation behind a toggle."""
    parts = [
        "# Solutions of the exercises\n",
        "Each lesson ends with exercises. In the notebook, replace `answer = None` with your answer and run"
        " the cell: the check prints ✓, or ✗ with a hint; from the second wrong answer on, the hint is"
        " explicit and points here. **Try each exercise before you open its solution.** Every exercise"
        " below repeats its"
        " question; *Show solution* opens the reference answer and explains why it is right and what the"
        " usual mistake is. Exercises that ask for reasoning or an experiment have no check: their solution"
        " is a model answer, and your numbers may differ a little from a run on another machine.\n",
    ]
    for ipynb in lesson_notebooks():
        number = ipynb.stem[:2]
        solution = ROOT / "solutions" / f"lesson{number}.py"
        parts.append(f"## {lesson_title(ipynb)}\n")
        intro = f"The exercises are at the end of [lesson {number}](notebooks/{ipynb.stem}.ipynb#exercises)."
        if solution.exists():
            intro += (f' Download all its answers, with their explanations: <a href="downloads/{solution.name}"'
                      f" download>{solution.name}</a>.")
        parts.append(intro + "\n")
        code, explanations = solution_parts(solution) if solution.exists() else ({}, {})
        for exercise, qualifier, question in notebook_exercises(ipynb):
            name = f"exercise_{exercise}"
            heading = f"Exercise {exercise}" + (f" ({qualifier})" if qualifier else "")
            answer = [f"```python\n{code[name]}\n```\n"] if name in code else []
            explanation = explanations.get(name, "No explanation yet: see the lesson.").strip()
            parts += [
                f"({exercise_anchor(number, exercise)})=\n### {heading}\n",
                f"{question}\n",
                '<details class="normreg-solution">\n<summary>Show solution</summary>\n',
                *answer,
                f"{explanation}\n",
                "</details>\n",
            ]
    return "\n".join(parts)


LESSON_TOCTREE = "```{toctree}\n:hidden:\n:caption: Lessons\n:glob:\n\nnotebooks/*\n```"


def with_short_lesson_titles(landing: str) -> str:
    """The landing page's lesson toctree with each lesson's short title (the sidebar stays readable)."""
    entries = "\n".join(f"{short_title(lesson_title(ipynb))} <notebooks/{ipynb.stem}>"
                        for ipynb in lesson_notebooks())
    return landing.replace(LESSON_TOCTREE, f"```{{toctree}}\n:hidden:\n:caption: Lessons\n\n{entries}\n```", 1)


def with_repository_link(landing: str, url: str) -> str:
    """The landing page's "Get the repository" links to it once `repository-url` is set."""
    if not url:
        return landing
    return landing.replace("Get the repository,", f"Get the repository, <{url}>,", 1)


def stage() -> None:
    """Fill build/site-src/ with everything the site is built from."""
    wanted: set[Path] = set()

    def put(rel: str, data: bytes | str) -> None:
        write(SRC / rel, data)
        wanted.add(SRC / rel)

    for page in sorted(DOCS.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        if page.name == "index.md":
            text = with_short_lesson_titles(with_repository_link(text, repository_url()))
        put(page.name, text)
    for ipynb in lesson_notebooks():
        page, frames = site_notebook(ipynb)  # plotting code folded, sliders as HTML
        put(f"notebooks/{ipynb.name}", page)
        for name, png in frames.items():
            put(f"_extra/{SLIDERS}/{name}", png)
        put(f"_extra/downloads/{ipynb.name}", ipynb.read_bytes())
        script = ipynb.with_suffix(".py")
        if script.exists():
            put(f"_extra/downloads/{script.name}", script.read_bytes())
    for solution in sorted((ROOT / "solutions").glob("lesson[0-9][0-9].py")):
        put(f"_extra/downloads/{solution.name}", solution.read_bytes())
    put("_data/README.md", (ROOT / "data" / "README.md").read_bytes())
    put("_generated/lessons.md", lesson_table())
    put("solutions.md", solutions_page())
    for path in sorted(SRC.rglob("*"), reverse=True):  # drop what is no longer an input
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def drop_stale_outputs(site: Path = SITE) -> None:
    """Remove pages and downloads of inputs that are gone (a renamed lesson): Sphinx only adds and updates."""
    for page in site.rglob("*.html"):
        rel = page.relative_to(site).with_suffix("")
        if (rel.parts[0].startswith("_") or rel.parts[0] in TRANSLATIONS
                or rel.name in ("genindex", "search", "py-modindex")):
            continue
        if not any(SRC.joinpath(rel).with_suffix(ext).exists() for ext in (".md", ".ipynb")):
            page.unlink()
    downloads = SITE / "downloads"
    if downloads.is_dir():
        for path in downloads.iterdir():
            if not (SRC / "_extra" / "downloads" / path.name).exists():
                path.unlink()


def mirror(source: Path, target: Path) -> None:
    """Make target a copy of source (files copied when they differ, files not in source removed)."""
    for path in sorted(source.rglob("*")):
        if path.is_file() and not path.name.startswith(".") and path.parts[len(source.parts)] != ".doctrees":
            write(target / path.relative_to(source), path.read_bytes())
    for path in sorted(target.rglob("*"), reverse=True):
        twin = source / path.relative_to(target)
        if path.is_file() and not twin.exists() and path.parent.name != "_images":
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


SHARED_IMAGE = re.compile(r'((?:src|href)=")((?:\.\./)*)_images/([^"/]+)"')


def share_images(translation: Path) -> None:
    """A translation's figures are the English site's (the same files, named by their content): its
    pages point one folder up, and its own copies go (6 MB less in the site and the zip)."""
    for page in translation.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        shared = SHARED_IMAGE.sub(
            lambda m: f'{m[1]}../{m[2]}_images/{m[3]}"' if (SITE / "_images" / m[3]).exists() else m[0], text)
        if shared != text:
            page.write_text(shared, encoding="utf-8")
    copies = translation / "_images"
    if copies.is_dir():
        for image in copies.iterdir():
            if (SITE / "_images" / image.name).exists():
                image.unlink()


def translated_downloads(translation: Path) -> None:
    """A translation's downloads/: its lessons (generated by tools/translate.py from the notebooks and the
    catalogs) as .ipynb and jupytext .py, and the solutions (code, as in English)."""
    import jupytext
    import translate

    folder = translation / "downloads"
    for ipynb in translate.write_notebooks(folder):
        write(ipynb.with_suffix(".py"), jupytext.writes(jupytext.read(ipynb), fmt="py:percent"))
    for solution in sorted((ROOT / "solutions").glob("lesson[0-9][0-9].py")):
        write(folder / solution.name, solution.read_bytes())


def reader_digest() -> str:
    """The code every page is read with (docs/conf.py, the site's extension, this file, which stages the
    pages and writes the sidebar's lesson titles): a change re-reads and rewrites all pages."""
    digest = hashlib.sha256()
    for path in [DOCS / "conf.py", Path(__file__).resolve(), *sorted((DOCS / "_ext").glob("*.py"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def build(quiet: bool = False) -> None:
    from sphinx.cmd.build import build_main

    start = time.perf_counter()
    digest = inputs_digest()
    stage()
    args = ["-b", "html", "-c", str(DOCS), "-d", str(DOCTREES), "-j", "auto"]
    args += ["-q"] if quiet else []
    lessons = "\n".join(ipynb.stem for ipynb in lesson_notebooks()) + "\n"
    lessons += f"read with {reader_digest()}\n"
    built_for = STAMP.with_name("site-lessons.txt")
    if not built_for.exists() or built_for.read_text() != lessons:
        # a lesson was added, renamed or removed: every page's navigation changes; or the code that reads
        # the pages changed, which Sphinx does not notice: pages it would not re-read would keep the old code's
        args += ["-E", "-a"]
    code = build_main([*args, str(SRC), str(SITE)])
    if code:
        sys.exit(f"sphinx-build failed with exit code {code}")
    drop_stale_outputs()
    for language in TRANSLATIONS:  # the same pages through the catalogs of locale/<language>/
        os.environ["NORMREG_SITE_LANGUAGE"] = language
        try:
            # built beside build/site/ (myst-nb writes into the output folder's parent), then copied into it
            doctrees, built = DOCTREES.with_name(f"{DOCTREES.name}-{language}"), SITE.with_name(f"site-{language}")
            code = build_main([*args[:5], str(doctrees), *args[6:], str(SRC), str(built)])
        finally:
            del os.environ["NORMREG_SITE_LANGUAGE"]
        if code:
            sys.exit(f"sphinx-build ({language}) failed with exit code {code}")
        drop_stale_outputs(built)
        translated_downloads(built)
        mirror(built, SITE / language)
        share_images(SITE / language)
    built_for.write_text(lessons)
    STAMP.write_text(digest + "\n")
    size = sum(p.stat().st_size for p in SITE.rglob("*") if p.is_file())
    print(f"Built the course website in {time.perf_counter() - start:.0f} s: {SITE / 'index.html'}"
          f" ({size / 1e6:.1f} MB)", flush=True)


def make_zip() -> Path:
    """build/normreg-site.zip: the site in a folder normreg-site/, for use with no network."""
    tmp = ZIP.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(SITE.rglob("*")):
            if path.is_file() and path.name != ".buildinfo":
                archive.write(path, Path("normreg-site") / path.relative_to(SITE))
    tmp.replace(ZIP)
    print(f"Wrote {ZIP} ({ZIP.stat().st_size / 1e6:.1f} MB). Unzip it, then open"
          f" normreg-site/index.html, or serve it: python3 -m http.server -d normreg-site", flush=True)
    return ZIP


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zip", action="store_true", help="also write build/normreg-site.zip")
    parser.add_argument("--verbose", action="store_true", help="Sphinx's progress too, not only its warnings")
    args = parser.parse_args(argv)
    build(quiet=not args.verbose)
    if args.zip:
        make_zip()


if __name__ == "__main__":
    main()
