"""Run an experiment over a grid of λ and seeds, with progress lines and a tidy result table."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .notebook import seed_everything


def near_zero_fraction(weights, tol: float = 1e-3) -> float:
    """Fraction of entries with |w| < tol over one array or an iterable of arrays/variables."""
    from ._validate import nonnegative
    from .penalties import _as_arrays

    tol = nonnegative(tol, "tol")
    arrays = _as_arrays(weights)
    total = sum(a.size for a in arrays)
    return float(sum(np.count_nonzero(np.abs(a) < tol) for a in arrays) / total)


@dataclass
class SweepTable:
    """Rows {'lam', 'seed', metric..., 'time_s'} of a sweep, with per-λ summaries."""

    rows: list[dict] = field(default_factory=list)

    @property
    def lams(self) -> list[float]:
        """The distinct λ values, in the order they were run."""
        return list(dict.fromkeys(r["lam"] for r in self.rows))

    def values(self, metric: str, lam: float) -> np.ndarray:
        """The metric over all seeds run at this λ."""
        return np.array([r[metric] for r in self.rows if r["lam"] == lam])

    def summary(self, metric: str) -> dict[float, tuple[float, float]]:
        """{λ: (mean, std over seeds)} of one metric (std with ddof=0)."""
        return {lam: (float(v.mean()), float(v.std())) for lam in self.lams
                for v in [self.values(metric, lam)]}

    def best_lam(self, metric: str, *, mode: str = "max") -> float:
        """The λ with the best mean of the metric ('max' or 'min'); ties go to the smaller λ."""
        if mode not in ("max", "min"):
            raise ValueError(f"mode must be 'max' or 'min', got {mode!r}")
        means = {lam: m for lam, (m, _) in self.summary(metric).items()}
        sign = 1 if mode == "max" else -1
        return min(means, key=lambda lam: (-sign * means[lam], lam))

    def show(self, metrics: Sequence[str], digits: int = 4) -> None:
        """Print mean ± std over seeds of each metric, one row per λ."""
        header = f"{'lam':>10} | " + " | ".join(f"{m:>22}" for m in metrics)
        print(header)
        print("-" * len(header))
        for lam in self.lams:
            cells = []
            for m in metrics:
                v = self.values(m, lam)
                cells.append(f"{v.mean():>{12}.{digits}f} ± {v.std():<{7}.{digits}f}")
            print(f"{lam:>10.3g} | " + " | ".join(cells))


def sweep(run: Callable[[float, int], dict[str, float]], lams: Iterable[float],
          seeds: Iterable[int] = (0,), *, show: Sequence[str] = (), progress: bool = True) -> SweepTable:
    """Call run(lam, seed) -> {metric: value} for every λ and seed, each after seeding everything.

    Prints one progress line per run (the metrics named in ``show``) and
    returns a :class:`SweepTable`. Keras's global state is cleared between runs.
    """
    lams, seeds = list(lams), list(seeds)
    if not lams or not seeds:
        raise ValueError("lams and seeds must each hold at least one value")
    for lam in lams:
        if not (isinstance(lam, (int, float, np.floating)) and math.isfinite(lam) and lam >= 0):
            raise ValueError(f"lams must be finite and >= 0, got {lam!r}")
    table = SweepTable()
    total = len(lams) * len(seeds)
    for i, (lam, seed) in enumerate(((lam, s) for lam in lams for s in seeds), start=1):
        _clear_keras_session()
        seed_everything(seed)
        start = time.perf_counter()
        metrics = dict(run(lam, seed))
        row = {"lam": float(lam), "seed": seed, **metrics, "time_s": time.perf_counter() - start}
        table.rows.append(row)
        if progress:
            shown = "  ".join(f"{m}={row[m]:.4g}" for m in show)
            print(f"[{i:>{len(str(total))}}/{total}] lam={lam:<8.3g} seed={seed}  {shown}", flush=True)
    return table


def _clear_keras_session() -> None:
    import sys

    if "keras" in sys.modules:
        import keras

        keras.backend.clear_session(free_memory=False)  # free_memory=True adds a slow gc.collect()
