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


def plot_history(histories: dict, metric: str = "loss", ax=None, *, logy: bool = False):
    """Training curves of several Keras histories: train solid, validation dashed, one colour per run.

    ``histories`` maps a label to a ``keras.callbacks.History`` (or its ``.history`` dict).
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    for i, (label, hist) in enumerate(histories.items()):
        h = getattr(hist, "history", hist)
        if metric not in h:
            raise ValueError(f"metric {metric!r} not in history {label!r}; it has {sorted(h)}")
        color = f"C{i}"
        epochs = np.arange(1, len(h[metric]) + 1)
        ax.plot(epochs, h[metric], color=color, label=f"{label} (train)")
        if f"val_{metric}" in h:
            ax.plot(epochs, h[f"val_{metric}"], color=color, ls="--", label=f"{label} (validation)")
    ax.set(xlabel="epoch", ylabel=metric, yscale="log" if logy else "linear")
    ax.legend(fontsize="small")
    return ax


def plot_weight_histograms(weights: dict, ax=None, *, bins: int = 80, tol: float | None = None):
    """Overlaid histograms of flattened weights, one per label (e.g. {'no penalty': w0, 'L1': w1})."""
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    arrays = {label: np.concatenate([np.ravel(np.asarray(w)) for w in
                                     (ws if isinstance(ws, (list, tuple)) else [ws])])
              for label, ws in weights.items()}
    lo = min(a.min() for a in arrays.values())
    hi = max(a.max() for a in arrays.values())
    edges = np.linspace(lo, hi, bins + 1)
    for label, a in arrays.items():
        ax.hist(a, bins=edges, histtype="step", lw=1.5, label=label)
    if tol is not None:
        ax.axvspan(-tol, tol, color="gray", alpha=0.2, label=f"|w| < {tol:g}")
    ax.set(xlabel="weight value", ylabel="count", yscale="log")
    ax.legend(fontsize="small")
    return ax


def plot_sweep(curves: dict, ax=None, *, xlabel: str = "λ", ylabel: str = "", logx: bool = True,
               chosen: dict | None = None):
    """Mean paired difference from the baseline, with its 95 % t interval, against the strength.

    ``curves`` maps a label to {strength: :class:`course_lib.stats.Paired`}; a
    horizontal line marks 0 (no difference from the baseline). ``chosen`` maps a
    label to the strength chosen for it, drawn as a filled marker.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    for i, (label, by_strength) in enumerate(curves.items()):
        strengths = np.array(sorted(by_strength))
        means = np.array([by_strength[s].mean for s in strengths])
        low = means - np.array([by_strength[s].low for s in strengths])
        high = np.array([by_strength[s].high for s in strengths]) - means
        ax.errorbar(strengths, means, yerr=[low, high], marker="o", mfc="white", capsize=3, color=f"C{i}",
                    label=label)
        if chosen and label in chosen:
            ax.plot(chosen[label], by_strength[chosen[label]].mean, "o", color=f"C{i}", ms=8)
    ax.axhline(0, color="k", lw=0.8)
    ax.set(xlabel=xlabel, ylabel=ylabel, xscale="log" if logx else "linear")
    ax.legend(fontsize="small")
    return ax


def plot_paired(results: dict, ax=None, *, xlabel: str = "difference from the baseline"):
    """One row per method: its per-seed paired differences (dots) and their mean with the 95 % t interval.

    ``results`` maps a label to a :class:`course_lib.stats.Paired`. An interval that
    does not cross the vertical line at 0 is a difference established at that level.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 0.6 * len(results) + 1.2))
    for i, (_label, result) in enumerate(results.items()):
        y = len(results) - 1 - i
        color = "C3" if result.excludes_zero else "0.4"
        ax.plot(result.differences, np.full(result.n, y + 0.15), "x", color="k", alpha=0.6)
        ax.errorbar(result.mean, y, xerr=[[result.mean - result.low], [result.high - result.mean]], fmt="o",
                    color=color, capsize=4, ms=7)
    ax.axvline(0, color="k", lw=0.8)
    ax.set(yticks=range(len(results)), yticklabels=list(reversed(list(results))), xlabel=xlabel,
           ylim=(-0.6, len(results) - 0.4))
    ax.grid(axis="y", visible=False)
    return ax


def plot_reconstructions(rows: dict, n: int = 8, axes=None, *, image_shape: Sequence[int] = (28, 28),
                         show_mse: bool = True, cmap: str = "gray"):
    """Image grid, one row per label: {'original': x, 'autoencoder': x_hat, ...}, the first n images of each.

    Every array holds images of ``image_shape`` (or flattened ones) in [0, 1].
    With ``show_mse`` each image of a later row is titled with its MSE against
    the same image of the first row. Returns the (rows, n) array of Axes.
    """
    if not rows:
        raise ValueError("rows must hold at least one labelled array of images")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n <= 0:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    size = int(np.prod(image_shape))
    images = {}
    for label, x in rows.items():
        a = np.asarray(x, dtype=float)
        if a.ndim == 0 or a.size % size or len(a.reshape(-1, size)) < n:
            raise ValueError(f"rows[{label!r}] must hold at least n = {n} images of shape "
                             f"{tuple(image_shape)}, got an array of shape {a.shape}")
        images[label] = a.reshape(-1, *image_shape)[:n]
    if axes is None:
        _, axes = plt.subplots(len(images), n, figsize=(1.1 * n, 1.25 * len(images)), squeeze=False)
    axes = np.asarray(axes).reshape(len(images), n)
    reference = next(iter(images.values()))
    for r, (label, imgs) in enumerate(images.items()):
        for c in range(n):
            ax = axes[r, c]
            ax.imshow(imgs[c], cmap=cmap, vmin=0, vmax=1)
            ax.set(xticks=[], yticks=[])
            ax.grid(False)
            if show_mse and r > 0:
                ax.set_title(f"{np.mean((imgs[c] - reference[c]) ** 2):.3f}", fontsize="x-small", pad=2)
        axes[r, 0].set_ylabel(label, rotation=0, ha="right", va="center", fontsize="small")
    return axes
