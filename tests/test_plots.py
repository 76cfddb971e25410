"""course_lib.plots: what the figures draw (the artists), not how they look."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np

from course_lib.plots import plot_sweep
from course_lib.stats import paired


def test_chosen_marker_is_filled_and_drawn_above_the_errorbars():
    """The "filled: chosen" marker was once hidden under the errorbar's white-faced marker (zorder)."""
    rng = np.random.default_rng(0)
    base = rng.normal(size=5)
    curves = {"L2": {lam: paired(base - lam + rng.normal(scale=0.1, size=5), base) for lam in (0.01, 0.1, 1.0)}}
    fig, ax = plt.subplots()
    plot_sweep(curves, ax=ax, chosen={"L2": 0.1})
    chosen = [line for line in ax.lines if line.get_gid() == "chosen"]
    assert len(chosen) == 1
    marker = chosen[0]
    others = [artist.get_zorder() for artist in ax.lines if artist is not marker]
    assert marker.get_zorder() > max(others)
    face, colour = mcolors.to_rgba(marker.get_markerfacecolor()), mcolors.to_rgba(marker.get_color())
    assert face == colour != mcolors.to_rgba("white")
    plt.close(fig)
