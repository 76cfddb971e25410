"""The instructor guide's timings, agendas and 3-hour path, generated from the notebooks.

    python tools/timings.py          # rewrite the generated parts of docs/instructor-guide.md
    python tools/timings.py --check  # exit 1 if they differ from what the notebooks say (the tests run this)
    python tools/timings.py --mark   # write the 3-hour path's marks under the lessons' headings (then
                                     # run `jupytext --sync` on the lessons it names)

Every executed lesson ends with a cell that prints "Notebook run time: X s". This script reads
that line from each committed notebooks/NN_name.ipynb, and writes, between the markers
<!-- generated:NAME:begin --> and <!-- generated:NAME:end --> of the guide:
  timings     one row per lesson: its run time, and the waiting time the agendas allow for it;
  agenda-3h   a three-hour workshop, and
  agenda-day  a full day, each block's minutes = teaching + exercises + waiting for the notebook,
              with the time left over shown as a buffer (an agenda that overflows is an error);
  path-3h     the 3-hour path: per lesson of AGENDA_3H, the words a teacher says in its minutes
              of teaching, which must stay at or below SPEAKING_WPM words per minute, and
  path-NN     for each of those lessons, which sections to teach, show or skip (PATH_3H).
Re-execute a notebook (or change a lesson's text), run this, and the guide follows.
Standard library only. Other code can import three_hour_marks() (see its docstring).
"""

from __future__ import annotations

import json
import math
import re
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from lessons import HEADING, lesson_notebooks, notebook_title, script_heading
from lessons import short_title as title_before_colon

GUIDE = ROOT / "docs" / "instructor-guide.md"
STOPWATCH = re.compile(r"Notebook run time: (\d+(?:\.\d+)?) s")

# How long a participant waits for a lesson: SLOW × (its stopwatch + the kernel's start and imports),
# RUNS times (one "Run All", then re-runs of exercise cells and parts of the lesson).
SLOW = 2.0  # laptops of the reference's kind took up to twice as long
RUNS = 2
STARTUP_S = {"tensorflow": 10.0, "numpy": 5.0}  # kernel start + imports, which the stopwatch leaves out
USES_TENSORFLOW = {"03", "04", "05", "06", "08"}

# (lesson number or label, minutes of teaching, minutes of exercises); a lesson gets its waiting time added.
# AGENDA_3H's minutes of teaching are those of the 3-hour path (PATH_3H below).
AGENDA_3H = [
    ("Welcome: `course.py check` results, open JupyterLab with `course.py lab`", 10, 0),
    ("01", 13, 8),
    ("02", 15, 10),
    ("Break", 10, 0),
    ("03", 16, 8),
    ("06", 15, 8),
    ("Break", 5, 0),
    ("07", 13, 6),
    ("Wrap-up: which regularizer when ([the handout](handout.md)); lessons 04, 05 and 08 as homework", 10, 0),
]
AGENDA_DAY = [
    ("Welcome: `course.py check` results, open JupyterLab with `course.py lab`", 15, 0),
    ("01", 25, 15),
    ("02", 30, 25),
    ("Break", 15, 0),
    ("03", 25, 15),
    ("04", 20, 10),
    ("Lunch", 45, 0),
    ("05", 30, 20),
    ("06", 30, 20),
    ("Break", 15, 0),
    ("07", 30, 15),
    ("08", 20, 8),
    ("Wrap-up: which regularizer when ([the handout](handout.md)), questions, where to go next", 15, 0),
]
AGENDAS = {"agenda-3h": (AGENDA_3H, 9 * 60, 3 * 60), "agenda-day": (AGENDA_DAY, 9 * 60, 8 * 60)}

# The 3-hour path. A lesson's sections are its "## " and "### " headings from the first numbered one
# ("1. ...") to its summary. The text before them (the goals, "how to use it", the parameters) is the
# lesson's introduction, and the summary closes it: the teacher says each in about a minute, so each
# counts SHOW_WORDS. The exercises are not counted. Every section of a lesson in AGENDA_3H is taught
# (talked through: its words count), shown (its figure or result and one sentence, about a minute:
# SHOW_WORDS, whatever its length) or skipped (homework; the notebook still runs it). Names are the
# headings' text; a heading that has a mark appended after that text still matches.
SPEAKING_WPM = 130  # a speaker manages 130 to 150 words per minute, and must also explain figures and code
SHOW_WORDS = 150  # a shown section, the introduction and the summary: about a minute each
PATH_3H = {
    "01": {
        "teach": ["1. Lp norms of a vector", "A correction to source 000",
                  "Why an L1 penalty sets small weights to exactly zero", "3. Norms of a weight matrix",
                  'Which "L2 norm" of a matrix?', "5. Proximal operators: soft-thresholding vs shrinkage"],
        "show": {
            "2. Unit balls in 2-D": "the L1 ball is a diamond with corners on the axes; the L2 ball is a disc.",
            "An L2 penalty is weight decay only under plain SGD":
                "with plain SGD, `L2(lam)` is weight decay with wd = 2·lam; with Adam it is not (lesson 06).",
            "4. Why L1 gives sparse solutions":
                "the contour figure: a loss often first touches the L1 diamond at a corner, where one weight "
                "is exactly 0 (about two thirds of 2,000 random losses); the L2 disc has no corners.",
        },
        "skip": ["p = ½ is not a norm: the triangle inequality fails", "The nuclear norm favours low rank",
                 "The unsquared L2 norm zeroes whole groups"],
    },
    "02": {
        "teach": ["1. Data with a known sparse truth", "2. The two objectives",
                  "A case solved by hand: orthonormal columns", "5. Regularization paths",
                  "6. Training, validation and test error against λ",
                  "7. L1 selects features, L2 shrinks them (the source's FAQ Q1, measured)"],
        "show": {
            "3. Ridge: closed form and gradient descent":
                "ridge has a closed form, and gradient descent reaches it at a linear rate (the straight line).",
            "4. Lasso: three solvers, and who gets exact zeros":
                "the race figure and the zero count: ISTA and FISTA give exact zeros, subgradient descent "
                "none; FISTA is far faster than ISTA.",
            "8. Choosing λ by K-fold cross-validation":
                "the table: λ chosen by cross-validation predicts well but keeps a few noise features; "
                "finding exactly the true features needs a larger λ (or the relaxed lasso).",
            "Appendix A (optional). One λ, six conventions":
                'the table: "λ = 5" is a different model in each library; convert, never copy '
                "(exercise 2 needs it; the λ conventions page).",
        },
        "skip": ["Appendix B (optional). The source's λ/(2m) scaling, and why it matters (source error 4)"],
    },
    "03": {
        "teach": ["3.1 A data set that can be learned, and overfitted",
                  "3.3 Without a penalty the network overfits", "3.4 Choosing c on the validation set",
                  "4. Weight histograms and sparsity",
                  "4.1 A proximal training loop gives exact zeros", "5. The test set, once"],
        "show": {
            "1. The model, and the penalty three ways":
                "`kernel_regularizer`, a custom loss and `add_loss` give the same penalty and the same "
                "training; setting `kernel_regularizer` on a built layer silently adds nothing.",
            "2. Source error: its penalty term":
                "the first problem (the code does not run), then name the other three: `reduce_mean` is far "
                "too weak, the biases get penalized, and `m` is a sum of targets.",
            "3. Source error: random targets have nothing to learn":
                "on random targets the networks did worse than a constant: no penalty helps where there is "
                "nothing to learn.",
            "3.5 Two regularizers you already have: a smaller network, and early stopping":
                "a smaller network did not help here (measure it, do not assume it); Keras's `EarlyStopping` "
                "needs `restore_best_weights=True`.",
        },
        "skip": ["3.2 One training step, traced once, for every run"],
    },
    "06": {
        "teach": ["1. Data: a fresh training set per seed, one validation split, the full test set",
                  "3. Without regularization the network overfits",
                  "4. Choosing each strength on the validation split",
                  "6. An L2 penalty is not weight decay under Adam", "7. The test set, once"],
        "show": {
            "2. The model, and a training loop traced once":
                "the CNN, and the list of what each method does; dropout zeroes random units during training "
                "and is off at test time.",
        },
        "skip": ["5. Sparsity: what L1 does to the kernels"],
    },
    "07": {
        "teach": ["1. The image and the noise", "2. Why images want L1",
                  "3. L2 penalties: on the pixels, and on the gradient (Tikhonov)",
                  "4. L1 on the gradient: total variation"],
        "show": {
            "5. L1 on wavelet coefficients: soft-thresholding":
                "one soft-thresholding step, the exact lasso of lesson 02, beats every per-band linear "
                "shrinkage; with cycle spinning, hard thresholding beats it: convex is not the same as best.",
            "6. Choosing λ without the clean image":
                "SURE chooses λ within 0.1 dB of the oracle from the noisy image alone; the discrepancy "
                "principle and the universal threshold oversmooth.",
        },
        "skip": ["7. Impulse noise: an L1 data term", "8. A bridge to lesson 05: TV or a denoising autoencoder?"],
    },
}
KINDS = ("teach", "show", "skip")


def stopwatch(notebook: dict, name: str) -> float:
    """The run time the notebook printed in its last cell that printed one."""
    found = None
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            match = STOPWATCH.search("".join(output.get("text", "")))
            found = float(match.group(1)) if match else found
    if found is None:
        raise ValueError(f"{name} prints no 'Notebook run time: X s': execute it from a fresh kernel")
    return found


def lessons() -> dict[str, dict]:
    """Number -> {stem, title, seconds} for every committed lesson."""
    result = {}
    for path in lesson_notebooks():
        notebook = json.loads(path.read_text(encoding="utf-8"))
        result[path.name[:2]] = {"stem": path.stem, "title": notebook_title(notebook, path.stem),
                                 "seconds": stopwatch(notebook, path.name)}
    return result


def wait_minutes(number: str, seconds: float) -> int:
    startup = STARTUP_S["tensorflow" if number in USES_TENSORFLOW else "numpy"]
    return math.ceil(RUNS * SLOW * (seconds + startup) / 60)


# ------------------------------------------------------------------------------------------------
# The words of a lesson, section by section


MATH_LINE = re.compile(r"\$[^$]+\$[.,;:]?")  # a line that is one inline formula and nothing else


def spoken_words(markdown: str) -> int:
    """The words of a markdown text a teacher would say: no headings, code blocks or math-only lines."""
    words, fence, math = 0, "", False
    for line in markdown.splitlines():
        text = line.strip()
        if fence:
            fence = "" if text.startswith(fence) else fence
        elif text.startswith(("```", "~~~")):
            fence = text[:3]
        elif math:
            math = not text.endswith("$$")
        elif text.startswith("$$"):
            math = len(text) == 2 or not text.endswith("$$")
        elif not (HEADING.fullmatch(text) or MATH_LINE.fullmatch(text) or text.startswith("<!--")):
            words += len(text.split())
    return words


def sections(notebook: dict) -> tuple[int, list[dict], int]:
    """(words of the introduction, the sections, words of the summary) of a lesson notebook.

    Each section is {"heading", "level", "words"}; the sections run from the first numbered "## " or
    "### " heading to the summary. The words count markdown only, without the heading lines; the
    exercises, after the summary, are not counted.
    """
    text: dict[str, list[str]] = {"intro": [], "summary": [], "exercises": []}
    found: list[dict] = []
    part, fence = "intro", ""
    for cell in notebook["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        for line in [*"".join(cell["source"]).splitlines(), ""]:
            stripped = line.strip()
            if fence:
                fence = "" if stripped.startswith(fence) else fence
            elif stripped.startswith(("```", "~~~")):
                fence = stripped[:3]
            elif (match := HEADING.fullmatch(line)) and len(match.group(1)) in (2, 3) and part != "exercises":
                heading = match.group(2).strip()
                if heading in ("Summary", "Exercises"):
                    part = heading.lower()
                elif part == "section" or (part == "intro" and heading[0].isdigit()):
                    part = "section"
                    found.append({"heading": heading, "level": len(match.group(1)), "lines": []})
            (found[-1]["lines"] if part == "section" else text[part]).append(line)
    result = [{"heading": s["heading"], "level": s["level"], "words": spoken_words("\n".join(s["lines"]))}
              for s in found]
    return spoken_words("\n".join(text["intro"])), result, spoken_words("\n".join(text["summary"]))


def heading_matches(name: str, heading: str) -> bool:
    """The heading is the name, or the name and a mark after it that begins with a symbol or punctuation
    ("2. Unit balls in 2-D (3 h: show)", "... · show"), not with a letter or digit ("... of a matrix")."""
    rest = heading[len(name):].lstrip() if heading.startswith(name) else "x"
    return not rest or not rest[0].isalnum()


def three_hour_path(data: dict[str, dict] | None = None) -> dict[str, dict]:
    """Number -> the 3-hour path of that lesson, checked against its notebook.

    Each value: {"stem", "minutes" (of teaching, from AGENDA_3H), "kinds" ({heading: kind}, in the
    notebook's order), "labels" ({heading: "§N *title*"}), "taught_words", "shown", "skipped" (numbers
    of sections), "words" (to say: the taught words plus
    SHOW_WORDS for each shown section, the introduction and the summary), "all_words" (the whole text
    but the exercises), "wpm"}. Raises ValueError when a named section is missing or named twice, a
    section is not named, or a lesson needs more than SPEAKING_WPM words per minute.
    """
    data = data if data is not None else lessons()
    minutes = {label: teach for label, teach, _ in AGENDA_3H if re.fullmatch(r"\d\d", label)}
    if set(minutes) != set(PATH_3H):
        raise ValueError(f"PATH_3H covers lessons {sorted(PATH_3H)}, AGENDA_3H teaches {sorted(minutes)}")
    result = {}
    for number, path in PATH_3H.items():
        stem = data[number]["stem"]
        notebook = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))
        intro, found, summary = sections(notebook)
        kinds: dict[str, str] = {}
        for kind in KINDS:
            for name in path[kind]:
                hits = [s for s in found if heading_matches(name, s["heading"])]
                if len(hits) != 1:
                    raise ValueError(f"PATH_3H[{number!r}] {kind} {name!r}: {len(hits)} headings of {stem} match")
                if name in kinds:
                    raise ValueError(f"PATH_3H[{number!r}] names {name!r} twice ({kinds[name]} and {kind})")
                kinds[name] = kind
        names = {s["heading"]: name for name in kinds for s in found if heading_matches(name, s["heading"])}
        missing = [s["heading"] for s in found if s["heading"] not in names]
        if missing:
            raise ValueError(f"PATH_3H[{number!r}] does not say whether to teach, show or skip {missing}")
        ordered = {names[s["heading"]]: kinds[names[s["heading"]]] for s in found}
        taught = sum(s["words"] for s in found if ordered[names[s["heading"]]] == "teach")
        shown = sum(kind == "show" for kind in ordered.values())
        words = taught + SHOW_WORDS * (shown + 2)  # + the introduction and the summary
        wpm = words / minutes[number]
        if wpm > SPEAKING_WPM:
            raise ValueError(f"lesson {number}'s 3-hour path needs {wpm:.0f} words per minute of teaching "
                             f"(at most {SPEAKING_WPM}): show or skip more, or give it more minutes")
        result[number] = {
            "stem": stem, "minutes": minutes[number], "kinds": ordered, "labels": section_labels(found, names),
            "taught_words": taught, "shown": shown, "skipped": sum(kind == "skip" for kind in ordered.values()),
            "words": words, "all_words": intro + summary + sum(s["words"] for s in found), "wpm": wpm,
        }
    return result


def three_hour_marks() -> dict[str, dict[str, str]]:
    """What the 3-hour path does with each section, for code that marks the notebooks' headings.

    Returns {notebook stem: {heading text: "teach" | "show" | "skip"}} for each lesson of the 3-hour
    agenda (lessons not in it are homework as a whole), the headings in the notebook's order, each
    as PATH_3H names it: the heading line's text after "## " or "### ", without any mark appended to
    it later. The introduction, the summary and the exercises are not sections. Raises ValueError
    like three_hour_path().
    """
    return {path["stem"]: dict(path["kinds"]) for path in three_hour_path().values()}


MARKS = {  # the line under a section's heading that tells a 3-hour workshop what to do with it
    "show": "> **3-hour workshop:** shown briefly (its key result); read the rest at home.",
    "skip": "> **3-hour workshop:** skipped; read it at home.",
}


def mark_notebooks() -> list[Path]:
    """Write MARKS under the headings of the shown and skipped sections in the lessons' jupytext
    sources (notebooks/NN_name.py), removing outdated ones; returns the files changed. Run
    `jupytext --sync` on them afterwards."""
    changed = remarked_sources()
    for source, text in changed.items():
        source.write_text(text, encoding="utf-8")
    return list(changed)


def remarked_sources() -> dict[Path, str]:
    """{jupytext source: its text with the 3-hour marks brought up to date}, for the sources that change."""
    changed = {}
    for stem, kinds in three_hour_marks().items():
        source = ROOT / "notebooks" / f"{stem}.py"
        lines = source.read_text(encoding="utf-8").splitlines()
        kept = []
        for line in lines:  # drop every mark and the blank comment line written before it
            if any(line == f"# {mark}" for mark in MARKS.values()) and kept and kept[-1] == "#":
                kept.pop()
            elif not any(line == f"# {mark}" for mark in MARKS.values()):
                kept.append(line)
        marked = []
        for line in kept:
            marked.append(line)
            heading = script_heading(line)
            name = heading and next((n for n in kinds if heading_matches(n, heading[1])), None)
            if name and kinds[name] in MARKS:
                marked += ["#", f"# {MARKS[kinds[name]]}"]
        if marked != lines:
            changed[source] = "\n".join(marked) + "\n"
    return changed


def section_label(heading: str, parent: str = "") -> str:
    """§2 *Unit balls in 2-D* for a numbered heading; §1 › *A correction to source 000* for an unnumbered
    subsection of section 1 (parent: the label of the section above it)."""
    numbered = re.fullmatch(r"(\d+(?:\.\d+)?)\.? (.+)", heading)
    appendix = re.fullmatch(r"(Appendix \w+)(?: \(optional\))?\. (.+)", heading)
    if numbered:
        return f"§{numbered.group(1)} *{numbered.group(2)}*"
    if appendix:
        return f"{appendix.group(1)} *{appendix.group(2)}*"
    return f"{parent.split(' *')[0]} › *{heading}*" if parent else f"*{heading}*"


def section_labels(found: list[dict], names: dict[str, str]) -> dict[str, str]:
    """PATH_3H name -> its label in the guide, for the sections of one lesson."""
    labels, parent = {}, ""
    for section in found:
        if section["level"] == 2:
            parent = label = section_label(section["heading"])
        else:
            label = section_label(section["heading"], parent)
        labels[names[section["heading"]]] = label
    return labels


def path_table(path: dict[str, dict], data: dict[str, dict]) -> str:
    lines = [
        "| lesson | sections taught, shown, skipped | words to say | minutes of teaching | words per minute "
        "| the whole text would need |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for number, lesson in path.items():
        lines.append(f"| [{number} {short_title(data[number])}](notebooks/{lesson['stem']}.ipynb) "
                     f"| {len(lesson['kinds']) - lesson['shown'] - lesson['skipped']}, {lesson['shown']}, "
                     f"{lesson['skipped']} | {lesson['words']:,} | {lesson['minutes']} | {lesson['wpm']:.0f} "
                     f"| {lesson['all_words'] / lesson['minutes']:.0f} wpm |")
    return "\n".join(lines)


def path_lesson(number: str, lesson: dict) -> str:
    kinds, labels, show = lesson["kinds"], lesson["labels"], PATH_3H[number]["show"]
    teach = "; ".join(labels[h] for h, kind in kinds.items() if kind == "teach")
    skip = "; ".join(labels[h] for h, kind in kinds.items() if kind == "skip")
    lines = [f"**3-hour path** ({lesson['minutes']} min of teaching, {lesson['wpm']:.0f} words per minute):",
             f"- **Teach:** {teach}.", "- **Show** (about a minute each):"]
    lines += [f"  - {labels[h]}: {show[h]}" for h, kind in kinds.items() if kind == "show"]
    lines.append(f"- **Skip** (homework): {skip}." if skip else "- **Skip:** nothing.")
    return "\n".join(wrap(line) for line in lines)


def wrap(line: str, width: int = 100) -> str:
    """A markdown line wrapped at width, list items with a hanging indent (code spans may wrap: a
    line break inside one reads as a space)."""
    indent = " " * (len(line) - len(line.lstrip(" -")))
    return "\n".join(textwrap.wrap(line, width, subsequent_indent=indent, break_long_words=False,
                                   break_on_hyphens=False))


def short_title(lesson: dict) -> str:
    """The lesson's short title without its number: "Norms"."""
    return title_before_colon(lesson["title"]).split("·", 1)[-1].strip()


def timing_table(data: dict[str, dict]) -> str:
    lines = [
        "| lesson | run time (its stopwatch) | on a laptop 2× slower | waiting time in the agendas |",
        "|---|---:|---:|---:|",
    ]
    for number, lesson in data.items():
        lines.append(f"| [{number} {short_title(lesson)}](notebooks/{lesson['stem']}.ipynb) "
                     f"| {lesson['seconds']:.1f} s | {SLOW * lesson['seconds']:.0f} s "
                     f"| {wait_minutes(number, lesson['seconds'])} min |")
    total = sum(lesson["seconds"] for lesson in data.values())
    lines.append(f"| all lessons | {total:.1f} s | {SLOW * total:.0f} s "
                 f"| {sum(wait_minutes(n, lesson['seconds']) for n, lesson in data.items())} min |")
    return "\n".join(lines)


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def agenda(blocks: list, data: dict[str, dict], start: int, length: int, name: str) -> str:
    lines = ["| time | block | minutes | of which waiting for the notebook |", "|---|---|---:|---:|"]
    now = start
    for label, teach, exercises in blocks:
        if label in data:
            lesson = data[label]
            wait = wait_minutes(label, lesson["seconds"])
            what = (f"[{label} {short_title(lesson)}](notebooks/{lesson['stem']}.ipynb): {teach} min teaching, "
                    f"{exercises} min exercises")
        elif re.fullmatch(r"\d\d", label):
            raise ValueError(f"{name}: lesson {label} has no notebook")
        else:
            wait, what = 0, label
        minutes = teach + exercises + wait
        lines.append(f"| {clock(now)} | {what} | {minutes} | {wait or ''} |")
        now += minutes
    buffer = start + length - now
    if buffer < 0:
        raise ValueError(f"{name} overflows by {-buffer} min with the measured run times: shorten a block")
    lines.append(f"| {clock(now)} | Buffer: questions, late starts, slow laptops | {buffer} | |")
    lines.append(f"| {clock(start + length)} | End | | |")
    return "\n".join(lines)


def generated() -> dict[str, str]:
    data = lessons()
    parts = {"timings": timing_table(data)}
    for name, (blocks, start, length) in AGENDAS.items():
        parts[name] = agenda(blocks, data, start, length, name)
    path = three_hour_path(data)
    parts["path-3h"] = path_table(path, data)
    for number, lesson in path.items():
        parts[f"path-{number}"] = path_lesson(number, lesson)
    return parts


def block(name: str) -> re.Pattern:
    return re.compile(rf"(<!-- generated:{name}:begin[^>]*-->\n)(.*?)(\n<!-- generated:{name}:end -->)", re.S)


def render(text: str, parts: dict[str, str]) -> str:
    for name, body in parts.items():
        pattern = block(name)
        if not pattern.search(text):
            raise ValueError(f"{GUIDE.name} has no <!-- generated:{name}:begin --> ... end marker pair")
        text = pattern.sub(lambda m, body=body: m.group(1) + body + m.group(3), text)
    return text


def main(argv: list[str]) -> int:
    if "--mark" in argv:
        changed = mark_notebooks()
        print("Marked: " + (" ".join(str(p.relative_to(ROOT)) for p in changed) or "nothing changed"))
        return 0
    text = GUIDE.read_text(encoding="utf-8")
    new = render(text, generated())
    if "--check" in argv:
        if new != text:
            print(f"{GUIDE.relative_to(ROOT)} is out of date with the notebooks (their stopwatches or their "
                  "sections): run `python tools/timings.py`.", file=sys.stderr)
            return 1
        print(f"{GUIDE.relative_to(ROOT)} matches the notebooks' stopwatches and sections.")
        return 0
    if new != text:
        GUIDE.write_text(new, encoding="utf-8")
        print(f"Updated {GUIDE.relative_to(ROOT)}.")
    else:
        print(f"{GUIDE.relative_to(ROOT)} was up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
