"""Copy each figure's alt text from a lesson's .py into its .ipynb, before `jupytext --sync`.

    .venv/bin/python tools/sync_alt.py

When only a cell's metadata changed in the .py, `jupytext --sync` keeps the .ipynb's old `alt`
and writes it back into the .py: an edited alt text silently reverts. Run this first. It skips a
notebook whose cells' code or text changed too, and changes nothing but the alt texts.
"""

import json
from pathlib import Path

import jupytext

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
for py in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.py")):
    ipynb = py.with_suffix(".ipynb")
    text_cells = jupytext.read(py).cells
    nb = json.loads(ipynb.read_text(encoding="utf-8"))
    sources = ["".join(c["source"]).strip() for c in nb["cells"]]
    if sources != [t.source.strip() for t in text_cells]:
        print(f"{py.name}: skipped, its cells changed: edit alt texts and cells in separate steps, "
              "with `jupytext --sync` in between")
        continue
    changed = 0
    for t, c in zip(text_cells, nb["cells"], strict=True):
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
