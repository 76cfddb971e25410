"""Copy each figure's alt text from a lesson's .py into its .ipynb, before `jupytext --sync`.

    .venv/bin/python tools/sync_alt.py

When only a cell's metadata changed in the .py, `jupytext --sync` keeps the .ipynb's old `alt`
and writes it back into the .py: an edited alt text silently reverts. Run this first; it checks
that the two files hold the same cells and changes nothing else.
"""

import json
from pathlib import Path

import jupytext

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
for py in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.py")):
    ipynb = py.with_suffix(".ipynb")
    text_cells = jupytext.read(py).cells
    nb = json.loads(ipynb.read_text(encoding="utf-8"))
    if len(text_cells) != len(nb["cells"]):
        raise SystemExit(f"{py.name}: the .py and the .ipynb have different cells: run jupytext --sync first")
    changed = 0
    for t, c in zip(text_cells, nb["cells"], strict=True):
        if "".join(c["source"]).strip() != t.source.strip():
            raise SystemExit(f"{py.name}: cell {t.source[:60]!r} differs: run jupytext --sync first")
        alt = t.metadata.get("alt")
        if c["metadata"].get("alt") != alt:
            changed += 1
            if alt is None:
                c["metadata"].pop("alt")
            else:
                c["metadata"]["alt"] = alt
    if changed:
        ipynb.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(py.name, "alt texts updated:", changed)
