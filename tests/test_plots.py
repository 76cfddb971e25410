"""course_lib.plots: what the figures draw (the artists), not how they look."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.patches import StepPatch

from course_lib.plots import PAIRS_AS_CROSSES, plot_paired, plot_sweep
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


def test_paired_plot_draws_few_pairs_as_crosses_and_many_as_a_histogram():
    """10,000 per-digit crosses once made a black bar that hid the interval (review 0305 M13)."""
    rng = np.random.default_rng(1)
    few = paired(rng.normal(size=5) - 0.5, np.zeros(5))
    many = paired(rng.normal(size=10_000) - 0.01, np.zeros(10_000), unit="test digits")
    fig, ax = plt.subplots()
    plot_paired({"few": few, "many": many}, ax=ax)
    crosses = [line for line in ax.lines if line.get_marker() == "x"]
    assert [len(line.get_xdata()) for line in crosses] == [few.n] and few.n <= PAIRS_AS_CROSSES
    histograms = [patch for patch in ax.patches if isinstance(patch, StepPatch)]
    assert len(histograms) == 1 and np.sum(np.histogram(many.differences, bins=40)[0]) == many.n
    assert any(f"{many.low:+.3g}" in t.get_text() for t in ax.texts)  # the interval, written out
    plt.close(fig)


def test_show_images_draws_each_image_on_the_same_grey_scale_and_checks_its_arguments():
    from course_lib.plots import show_images

    images = {"a": np.zeros((8, 8)), "b": np.linspace(0, 2, 64).reshape(8, 8)}
    axes = show_images(images, crop=np.s_[2:6, 2:6], title="t")
    assert [ax.get_title() for ax in axes] == ["a", "b"]
    for ax in axes:
        (picture,) = ax.get_images()
        assert picture.get_clim() == (0, 1) and picture.get_array().shape == (4, 4)
    plt.close("all")
    with pytest.raises(ValueError, match="images"):
        show_images({"a": np.zeros(3)})
    with pytest.raises(ValueError, match="images"):
        show_images({})
    with pytest.raises(ValueError, match="size"):
        show_images(images, size=-1)
    with pytest.raises(ValueError, match="columns"):
        show_images(images, columns=1.5)


@pytest.mark.parametrize(("n", "grid"), [(1, (1, 1)), (2, (1, 2)), (3, (1, 3)), (4, (2, 2)), (5, (2, 3)),
                                         (6, (2, 3))])
def test_show_images_fits_the_page_column(n, grid):
    from course_lib.plots import COLUMN_WIDTH_IN, show_images

    axes = show_images({f"image {i}": np.zeros((4, 4)) for i in range(n)})
    figure = axes[0].figure
    assert len(axes) == n and figure.get_size_inches()[0] <= COLUMN_WIDTH_IN
    assert axes[0].get_subplotspec().get_gridspec().get_geometry() == grid
    assert sum(ax.get_visible() and ax.axison for ax in figure.axes) == n  # the spare panels are blank
    plt.close(figure)


def test_plot_seed_histories_draws_each_seed_and_marks_its_lowest_validation_loss():
    from course_lib.plots import plot_seed_histories

    every_epoch = {"loss": [3.0, 2.0, 1.0], "val_loss": [2.5, 2.0, 2.2]}
    every_other = {"loss": [3.0, 2.5, 2.0, 1.5], "val_loss": [2.0, 1.0], "val_epoch": [2, 4]}
    ax = plot_seed_histories([every_epoch, every_other], labels=("train", "val"))
    lines = ax.get_lines()
    assert len(lines) == 6 and [line.get_label() for line in lines[:2]] == ["train", "val"]
    assert not lines[3].get_label().startswith("train")  # one legend entry per kind, not per seed
    dots = [(float(line.get_xdata()[0]), float(line.get_ydata()[0])) for line in lines if line.get_marker() == "o"]
    assert dots == [(2.0, 2.0), (4.0, 1.0)]
    assert list(lines[4].get_xdata()) == [2, 4]
    plt.close("all")
    for bad in ({}, [], [{"loss": [1.0]}], {"a": every_epoch}):
        with pytest.raises(ValueError, match="histories"):
            plot_seed_histories(bad)
    with pytest.raises(ValueError, match="val_epoch"):
        plot_seed_histories([{"loss": [1.0], "val_loss": [1.0, 2.0], "val_epoch": [1]}])
    with pytest.raises(ValueError, match="labels"):
        plot_seed_histories([every_epoch], labels="train")
