"""Run an experiment over a grid of λ and seeds, with progress lines, into a tidy table (one row per run)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Sequence

import numpy as np
import pandas as pd

from ._validate import flag, text, values
from ._validate import seeds as check_seeds
from .notebook import seed_everything


def near_zero_fraction(weights, tol: float = 1e-3) -> float:
    """Fraction of entries with |w| < tol over one array or an iterable of arrays/variables."""
    from ._validate import nonnegative
    from .penalties import _as_arrays

    tol = nonnegative(tol, "tol")
    arrays = _as_arrays(weights)
    total = sum(a.size for a in arrays)
    if total == 0:
        raise ValueError("weights must hold at least one entry")
    return float(sum(np.count_nonzero(np.abs(a) < tol) for a in arrays) / total)


def _check_lams(lams: Iterable[float]) -> list[float]:
    out = []
    for lam in lams:
        if isinstance(lam, (bool, np.bool_)) or not isinstance(lam, (int, float, np.integer, np.floating)) or (
                not math.isfinite(lam) or lam < 0):
            raise ValueError(f"lams must be finite numbers >= 0, got {lam!r}")
        out.append(float(lam))
    return out


def sweep(run: Callable[[float, int], dict[str, float]], lams: Iterable[float], seeds: Iterable[int] = (0,), *,
          show: Sequence[str] = (), progress: bool = True) -> pd.DataFrame:
    """Call run(lam, seed) -> {metric: value} for every λ and seed, each after seeding everything.

    Returns a DataFrame with one row per run (columns lam, seed, the metrics,
    time_s), in the order run. Prints one progress line per λ, with the mean over
    seeds of each metric named in ``show``.
    """
    if not callable(run):
        raise ValueError(f"run must be a function run(lam, seed) -> dict of metrics, got {type(run).__name__}")
    lams, seeds = _check_lams(values(lams, "lams")), check_seeds(seeds)
    if not lams or not seeds:
        raise ValueError("lams and seeds must each hold at least one value")
    if isinstance(show, str):
        show = [show]
    show = [text(m, "show") for m in values(show, "show")]
    progress = flag(progress, "progress")
    rows = []
    for i, lam in enumerate(lams, start=1):
        start = time.perf_counter()
        for seed in seeds:
            seed_everything(seed)
            t = time.perf_counter()
            returned = run(lam, seed)
            try:
                metrics = dict(returned)
            except (TypeError, ValueError):
                raise ValueError(f"run must return a dict of metrics, got {type(returned).__name__}") from None
            rows.append({"lam": lam, "seed": seed, **metrics, "time_s": time.perf_counter() - t})
        if progress:
            done = rows[-len(seeds):]
            missing = [m for m in show if m not in done[0]]
            if missing:
                raise ValueError(f"show names metrics that run() does not return: {missing}")
            shown = "  ".join(f"{m}={np.mean([r[m] for r in done]):.4g}" for m in show)
            print(f"[{i}/{len(lams)}] lam={lam:<8.3g} {len(seeds)} seeds  mean {shown}  "
                  f"({time.perf_counter() - start:.1f} s)", flush=True)
    return pd.DataFrame(rows)
