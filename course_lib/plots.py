"""Figures shared by the notebooks (matplotlib only; every function returns its Axes)."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np

from ._validate import array, flag, nonnegative, positive, positive_int, shape, text, values
from .norms import unit_ball
from .stats import Paired

COLUMN_WIDTH_IN = 8.6  # the website's text column, 688 px, at the lessons' 80 dpi: wider figures are shrunk


def _p_label(p: float) -> str:
    return "∞" if np.isinf(p) else f"{p:g}"


def _axes(ax, name: str = "ax", **figure):
    """The given matplotlib Axes, or a new figure's Axes when ax is None."""
    if ax is None:
        return plt.subplots(**figure)[1]
    if not isinstance(ax, plt.Axes):
        raise ValueError(f"{name} must be a matplotlib Axes or None, got {type(ax).__name__}")
    return ax


def _mapping(value, name: str) -> dict:
    if not isinstance(value, dict) or not value:
        raise ValueError(f"{name} must be a non-empty dict {{label: ...}}, got {type(value).__name__}")
    return value


def plot_unit_balls(ps: Sequence[float] = (0.5, 1, 2, np.inf), ax=None, n_points: int = 400):
    """Draw the 2-D unit spheres {w : ‖w‖_p = 1} for each p on one square Axes."""
    ps = values(ps, "ps", "values of p")
    if not ps:
        raise ValueError("ps must hold at least one value of p")
    n_points = positive_int(n_points, "n_points", high=1_000_000)
    ax = _axes(ax, figsize=(4.5, 4.5))
    for p in ps:
        pts = unit_ball(p, n_points)
        ax.plot(*np.hstack([pts, pts[:, :1]]), label=f"p = {_p_label(p)}")
    ax.axhline(0, color="k", lw=0.5)
    ax.axvline(0, color="k", lw=0.5)
    ax.set(aspect="equal", xlabel="$w_1$", ylabel="$w_2$", title="Unit spheres $\\|w\\|_p = 1$")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize="small")  # off the shapes
    return ax


def plot_history(histories: dict, metric: str = "loss", ax=None, *, logy: bool = False):
    """Training curves of several Keras histories: train solid, validation dashed, one colour per run.

    ``histories`` maps a label to a ``keras.callbacks.History`` (or its ``.history`` dict).
    """
    histories = _mapping(histories, "histories")
    metric = text(metric, "metric")
    logy = flag(logy, "logy")
    curves = {}
    for label, hist in histories.items():
        h = getattr(hist, "history", hist)
        if not isinstance(h, dict):
            raise ValueError(f"histories[{label!r}] must be a History or a dict of lists, "
                             f"got {type(hist).__name__}")
        if metric not in h:
            raise ValueError(f"metric {metric!r} not in history {label!r}; it has {sorted(map(str, h))}")
        curves[label] = {key: array(h[key], f"histories[{label!r}][{key!r}]", ndim=1, min_size=1)
                         for key in (metric, f"val_{metric}") if key in h}
    ax = _axes(ax, figsize=(6, 4))
    for i, (label, h) in enumerate(curves.items()):
        color = f"C{i}"
        epochs = np.arange(1, len(h[metric]) + 1)
        ax.plot(epochs, h[metric], color=color, label=f"{label} (train)")
        if f"val_{metric}" in h:
            val = h[f"val_{metric}"]
            ax.plot(np.arange(1, len(val) + 1), val, color=color, ls="--", label=f"{label} (validation)")
    ax.set(xlabel="epoch", ylabel=metric, yscale="log" if logy else "linear")
    ax.legend(fontsize="small")
    return ax


def plot_seed_histories(histories: Sequence[dict], ax=None, *,
                        labels: tuple[str, str] = ("training", "validation")):
    """One model trained with several seeds: each seed's training loss (solid) and validation loss
    (dashed), and a dot at its lowest validation loss; returns the Axes.

    ``histories`` holds one dict per seed with the lists ``loss`` and ``val_loss`` (and ``val_epoch``,
    the epochs validated, when not every epoch was), as :class:`course_lib.trainer.Trainer` returns.
    """
    if isinstance(histories, dict) or not isinstance(histories, Sequence) or not histories:
        raise ValueError(f"histories must be a non-empty list of history dicts, got {type(histories).__name__}")
    for i, h in enumerate(histories):
        if not isinstance(h, dict) or "loss" not in h or "val_loss" not in h:
            raise ValueError(f"histories[{i}] must be a dict with the lists 'loss' and 'val_loss'")
    if (not isinstance(labels, tuple) or len(labels) != 2
            or not all(isinstance(label, str) for label in labels)):
        raise ValueError(f"labels must be a tuple of two strings (training, validation), got {labels!r}")
    ax = _axes(ax, figsize=(6, 4))
    for i, h in enumerate(histories):
        loss = array(h["loss"], f"histories[{i}]['loss']", ndim=1, min_size=1)
        val_loss = array(h["val_loss"], f"histories[{i}]['val_loss']", ndim=1, min_size=1)
        val_epoch = array(h.get("val_epoch", np.arange(1, len(val_loss) + 1)), f"histories[{i}]['val_epoch']",
                          ndim=1, min_size=1)
        if len(val_epoch) != len(val_loss):
            raise ValueError(f"histories[{i}]: val_epoch and val_loss differ in length")
        ax.plot(np.arange(1, len(loss) + 1), loss, color="C0", alpha=0.7, label=labels[0] if i == 0 else None)
        ax.plot(val_epoch, val_loss, color="C1", ls="--", alpha=0.7, label=labels[1] if i == 0 else None)
        best = int(np.argmin(val_loss))
        ax.plot(val_epoch[best], val_loss[best], "o", color="C1")
    return ax


def plot_weight_histograms(weights: dict, ax=None, *, bins: int = 80, tol: float | None = None):
    """Overlaid histograms of flattened weights, one per label (e.g. {'no penalty': w0, 'L1': w1})."""
    weights = _mapping(weights, "weights")
    bins = positive_int(bins, "bins", high=100_000)
    tol = None if tol is None else nonnegative(tol, "tol")
    arrays = {}
    for label, ws in weights.items():
        parts = ws if isinstance(ws, (list, tuple)) else [ws]
        arrays[label] = np.concatenate([array(w, f"weights[{label!r}]").ravel() for w in parts] or [np.zeros(0)])
        if arrays[label].size == 0:
            raise ValueError(f"weights[{label!r}] must hold at least one value")
    ax = _axes(ax, figsize=(6, 4))
    lo = min(a.min() for a in arrays.values())
    hi = max(a.max() for a in arrays.values())
    if hi - lo < 1e-12 * max(1.0, abs(lo)):  # all values (nearly) equal: give the bins some width
        lo, hi = lo - 0.5, hi + 0.5
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
    curves = _mapping(curves, "curves")
    logx = flag(logx, "logx")
    xlabel, ylabel = text(xlabel, "xlabel"), text(ylabel, "ylabel")
    for label, by_strength in curves.items():
        by_strength = _mapping(by_strength, f"curves[{label!r}]")
        for strength, result in by_strength.items():
            if not isinstance(result, Paired):
                raise ValueError(f"curves[{label!r}] must map strengths to Paired results, got "
                                 f"{type(result).__name__}")
            if isinstance(strength, bool) or not isinstance(strength, (int, float, np.integer, np.floating)) or (
                    not np.isfinite(strength) or (logx and strength <= 0)):
                raise ValueError(f"curves[{label!r}] has strength {strength!r}: strengths must be finite numbers"
                                 + (", > 0 on a log axis" if logx else ""))
    chosen = {} if chosen is None else dict(chosen) if isinstance(chosen, dict) else None
    if chosen is None or any(label not in curves or s not in curves[label] for label, s in chosen.items()):
        raise ValueError("chosen must map labels of curves to one of their strengths")
    ax = _axes(ax, figsize=(6, 4))
    for i, (label, by_strength) in enumerate(curves.items()):
        strengths = np.array(sorted(by_strength))
        means = np.array([by_strength[s].mean for s in strengths])
        low = means - np.array([by_strength[s].low for s in strengths])
        high = np.array([by_strength[s].high for s in strengths]) - means
        ax.errorbar(strengths, means, yerr=[low, high], marker="o", mfc="white", capsize=3, color=f"C{i}",
                    label=label)
        if chosen and label in chosen:
            # above the errorbar's white-faced markers (zorder 2.1), or the chosen point looks hollow
            ax.plot(chosen[label], by_strength[chosen[label]].mean, "o", color=f"C{i}", mfc=f"C{i}", ms=8,
                    zorder=3, gid="chosen")
    ax.axhline(0, color="k", lw=0.8)
    ax.set(xlabel=xlabel, ylabel=ylabel, xscale="log" if logx else "linear")
    ax.legend(fontsize="small")
    return ax


PAIRS_AS_CROSSES = 50  # up to this many pairs, plot_paired draws each one; more become a histogram


def plot_paired(results: dict, ax=None, *, xlabel: str = "difference from the baseline"):
    """One row per method: its paired differences and their mean with the 95 % t interval.

    ``results`` maps a label to a :class:`course_lib.stats.Paired`. An interval that
    does not cross the vertical line at 0 is a difference established at that level.
    Up to ``PAIRS_AS_CROSSES`` pairs (seeds) each difference is a cross; with more
    (test images) their histogram is drawn above the row and the interval is written
    beside its marker, since it is then too narrow to see.
    """
    results = _mapping(results, "results")
    if not all(isinstance(r, Paired) for r in results.values()):
        raise ValueError("results must map labels to course_lib.stats.Paired results")
    xlabel = text(xlabel, "xlabel")
    ax = _axes(ax, figsize=(6, 0.6 * len(results) + 1.2))
    for i, result in enumerate(results.values()):
        y = len(results) - 1 - i
        color = "C3" if result.excludes_zero else "0.4"
        if result.n <= PAIRS_AS_CROSSES:
            ax.plot(result.differences, np.full(result.n, y + 0.15), "x", color="k", alpha=0.6)
        else:
            counts, edges = np.histogram(result.differences, bins=40)
            ax.stairs(y + 0.1 + 0.35 * counts / counts.max(), edges, baseline=y + 0.1, fill=True, color="0.6",
                      alpha=0.6, label="per-pair differences" if i == 0 else None)
            ax.annotate(f"{result.mean:+.4g} [{result.low:+.3g}, {result.high:+.3g}]", (result.mean, y),
                        xytext=(0, -14), textcoords="offset points", ha="center", va="top", fontsize="small")
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
    rows = _mapping(rows, "rows")
    n = positive_int(n, "n", high=1_000)
    image_shape = shape(image_shape, "image_shape", ndims=(1, 2, 3))
    if len(image_shape) == 3 and image_shape[2] not in (1, 3, 4):
        raise ValueError(f"image_shape must be (height, width) or (height, width, 1, 3 or 4 channels), "
                         f"got {image_shape}")
    show_mse = flag(show_mse, "show_mse")
    cmap = text(cmap, "cmap")
    if cmap not in plt.colormaps():
        raise ValueError(f"cmap must be the name of a matplotlib colormap such as 'gray', got {cmap!r}")
    size = int(np.prod(image_shape))
    images = {}
    for label, x in rows.items():
        a = array(x, f"rows[{label!r}]")
        if a.ndim == 0 or a.size % size or len(a.reshape(-1, size)) < n:
            raise ValueError(f"rows[{label!r}] must hold at least n = {n} images of shape "
                             f"{tuple(image_shape)}, got an array of shape {a.shape}")
        images[label] = a.reshape(-1, *image_shape)[:n]
        if len(image_shape) == 1:
            images[label] = images[label][:, None, :]  # a row of pixels, drawn as a 1-pixel-high image
        elif len(image_shape) == 3 and image_shape[2] == 1:
            images[label] = images[label][..., 0]
    if axes is None:
        cell = min(1.1, COLUMN_WIDTH_IN / (n + 1))  # one cell's width kept for the row labels
        _, axes = plt.subplots(len(images), n, figsize=(cell * n, (cell + 0.15) * len(images)), squeeze=False)
    elif np.asarray(axes, dtype=object).size != len(images) * n or not all(
            isinstance(a, plt.Axes) for a in np.asarray(axes, dtype=object).ravel()):
        raise ValueError(f"axes must hold {len(images)} × {n} matplotlib Axes, or be None")
    axes = np.asarray(axes, dtype=object).reshape(len(images), n)
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


def show_images(images: dict, crop=None, *, title: str | None = None, size: float | None = None,
                columns: int | None = None):
    """Grey images in a grid on one shared scale, 0 = black, 1 = white (no panel is stretched); returns the Axes.

    ``images`` maps a panel title to a 2-D array in [0, 1]; ``crop`` is an optional index
    (e.g. ``np.s_[40:140, 60:160]``) applied to every image. The grid fits a page column of
    :data:`COLUMN_WIDTH_IN` inches: by default one row of up to 3 images, 2 × 2 for four and
    rows of 3 beyond; ``size`` (inches per panel) and ``columns`` override it.
    """
    images = _mapping(images, "images")
    for label, image in images.items():
        if np.ndim(image) != 2:
            raise ValueError(f"images[{label!r}] must be a 2-D array, got shape {np.shape(image)}")
    n = len(images)
    size = None if size is None else positive(size, "size")
    if columns is None:
        columns = (n if n <= 3 else 2 if n == 4 else 3) if size is None else max(1, int(COLUMN_WIDTH_IN // size))
    columns = min(n, positive_int(columns, "columns", high=100))
    size = min(4.2, COLUMN_WIDTH_IN / columns) if size is None else size
    rows = -(-n // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(size * columns, (size + 0.25) * rows), squeeze=False,
                             layout="constrained")
    axes = axes.ravel()
    for ax, (label, image) in zip(axes, images.items(), strict=False):
        ax.imshow(np.asarray(image) if crop is None else np.asarray(image)[crop], cmap="gray", vmin=0, vmax=1)
        ax.set(xticks=[], yticks=[], title=label)
        ax.grid(False)
    for ax in axes[n:]:
        ax.set_axis_off()
    if title:
        fig.suptitle(title)
    return axes[:n]
