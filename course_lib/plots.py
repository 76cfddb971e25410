"""Figures shared by the notebooks (matplotlib only; every function returns its Axes)."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np

from .norms import unit_ball


def _p_label(p: float) -> str:
    return "∞" if np.isinf(p) else f"{p:g}"


def plot_unit_balls(ps: Sequence[float] = (0.5, 1, 2, np.inf), ax=None, n_points: int = 400):
    """Draw the 2-D unit spheres {w : ‖w‖_p = 1} for each p on one square Axes."""
    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, 4.5))
    for p in ps:
        pts = unit_ball(p, n_points)
        ax.plot(*np.hstack([pts, pts[:, :1]]), label=f"p = {_p_label(p)}")
    ax.axhline(0, color="k", lw=0.5)
    ax.axvline(0, color="k", lw=0.5)
    ax.set(aspect="equal", xlabel="$w_1$", ylabel="$w_2$", title="Unit spheres $\\|w\\|_p = 1$")
    ax.legend(loc="upper right", fontsize="small")
    return ax
