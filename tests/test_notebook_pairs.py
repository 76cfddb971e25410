"""Each notebooks/NN_name.py has an executed, in-sync NN_name.ipynb with no stderr or stray errors."""

import json
import re
import tomllib
from pathlib import Path

import jupytext
import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
SCRIPTS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.py"))
# The widest code line that the website's 688 px column shows without sideways scrolling: the
# line length `ruff format` uses in notebooks/ (notebooks/.ruff.toml).
CODE_WIDTH = tomllib.loads((NOTEBOOKS / ".ruff.toml").read_text(encoding="utf-8"))["line-length"]


def _norm(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def test_notebooks_are_numbered_contiguously():
    numbers = [int(p.name[:2]) for p in SCRIPTS]
    assert numbers == list(range(1, len(SCRIPTS) + 1)), [p.name for p in SCRIPTS]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_code_lines_fit_the_website_column(script):
    """Every line of every code cell is at most CODE_WIDTH characters (cell markers and markdown excluded)."""
    too_long, in_code = [], False
    for number, line in enumerate(script.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("# %%"):
            in_code = not re.search(r"\[(markdown|md|raw)\]", line.split("=")[0])
        elif in_code and len(line) > CODE_WIDTH:
            too_long.append(f"{script.name}:{number}: {len(line)} characters")
    assert not too_long, (f"code lines longer than {CODE_WIDTH} characters (run `ruff format notebooks/`, "
                          "then split long strings and comments by hand):\n" + "\n".join(too_long))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_pair_in_sync_and_executed(script):
    ipynb = script.with_suffix(".ipynb")
    assert ipynb.exists(), f"{ipynb.name} is missing: run `jupytext --sync {script.name}` and execute it"
    from_script = [(c.cell_type, _norm(c.source)) for c in jupytext.read(script).cells]
    nb = json.loads(ipynb.read_text(encoding="utf-8"))
    from_ipynb = [(c["cell_type"], _norm("".join(c["source"]))) for c in nb["cells"]]
    assert from_script == from_ipynb, f"{script.name} and {ipynb.name} differ: run `jupytext --sync`"

    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    counts = [c.get("execution_count") for c in code]
    assert all(counts), f"{ipynb.name} has unexecuted cells: execute it from a fresh kernel"
    assert counts == list(range(1, len(code) + 1)), f"{ipynb.name} was not run top to bottom once"
    for i, cell in enumerate(code):
        expects_error = "raises-exception" in cell.get("metadata", {}).get("tags", [])
        for out in cell.get("outputs", []):
            assert not (out["output_type"] == "stream" and out["name"] == "stderr"), (
                f"{ipynb.name} code cell {i + 1} has stderr output: {''.join(out['text'])[:300]}")
            if out["output_type"] == "error":
                assert expects_error, f"{ipynb.name} code cell {i + 1} raised {out['ename']}"
            shown = [out.get("text", ""), out.get("data", {}).get("text/plain", ""), out.get("traceback", [])]
            text = json.dumps(shown)
            assert "\\u001b[" not in text, f"{ipynb.name} code cell {i + 1} shows raw terminal colour codes"
