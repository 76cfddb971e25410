"""Sliders: one figure drawn at a few values of a strength (λ, a radius, c), and a slider between them.

Every frame is drawn once, when the cell runs; moving the slider only swaps pictures, so it
responds at once and trains nothing. The cell's output is the default frame as an ordinary
figure (a PNG), so the notebook reads the same without a kernel, under nbval and in the slides.
The same output carries every frame (``MIME``), from which the website builds a slider that works
offline (tools/lessons.py, docs/_static/normreg.js). In a live kernel (JupyterLab, Colab) an
ipywidgets slider under the figure swaps the frames. With the environment variable
``NORMREG_STATIC_SLIDERS=1`` (set by the tests and by the README's command that executes the
lessons) no widget is shown, so no widget state is ever committed.
"""

from __future__ import annotations

import base64
import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display

from ._validate import integer, real, text
from ._validate import values as as_list

MIME = "application/vnd.normreg.slider+json"  # every frame, for the website (the default one by index)
STATIC = "NORMREG_STATIC_SLIDERS"  # "1": the figure, with every frame in its output, but no widget


@dataclass(frozen=True)
class Frame:
    """One picture of a slider: its readout ("λ = 0.1"), its alt text and its 2× PNG (base64)."""

    label: str
    alt: str
    png: str
    width: int  # the size it is shown at, in CSS pixels (half the PNG's)
    height: int


def figure_png(fig) -> tuple[str, int, int]:
    """A matplotlib Figure as a sharp 2× PNG in 256 colours: (base64, shown width, shown height).

    Not cropped (draw with layout="constrained"): cropping draws the figure twice. The palette
    (median cut, which keeps a photograph's grey levels; octree kept 16) makes a frame 2–3× smaller.
    """
    from PIL import Image

    if not isinstance(fig, plt.Figure):
        raise ValueError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    rendered = io.BytesIO()
    fig.savefig(rendered, format="png", dpi=2 * fig.dpi, pil_kwargs={"compress_level": 1})
    picture = Image.open(rendered).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    png = io.BytesIO()
    picture.save(png, format="png")
    return base64.b64encode(png.getvalue()).decode("ascii"), picture.width // 2, picture.height // 2


def _numbers(values) -> list[float]:
    return [real(v, "values") for v in as_list(values, "values", "numbers")]


def draw_frames(draw: Callable[[float], object], values: Sequence[float], *,
                name: str, alt: Callable[[float], str], fmt: str = "{:g}") -> list[Frame]:
    """Call draw(v) for each value v and keep the matplotlib Figure it returns as a Frame.

    draw may return a new figure each time, or update and return the same one (faster: the layout
    of its first frame is kept); all are closed here.
    """
    if not callable(draw):
        raise ValueError(f"draw must be a function value -> matplotlib Figure, got {type(draw).__name__}")
    if not callable(alt):
        raise ValueError(f"alt must be a function value -> str (the frame's alt text), got {type(alt).__name__}")
    name, fmt = text(name, "name"), text(fmt, "fmt")
    values = _numbers(values)
    if len(values) < 2:
        raise ValueError(f"values must hold at least 2 values, got {len(values)}")
    frames, figures = [], []
    try:
        for value in values:
            fig = draw(value)
            if not isinstance(fig, plt.Figure):
                raise ValueError(f"draw must return a matplotlib Figure, got {type(fig).__name__} for {value!r}")
            if any(fig is seen for seen in figures):
                fig.set_layout_engine("none")  # an updated figure: keep its first layout (3× faster)
            else:
                figures.append(fig)
            png, width, height = figure_png(fig)
            description = text(alt(value), "alt(value)")
            frames.append(Frame(f"{name} = {fmt.format(value)}", description, png, width, height))
    finally:
        for fig in figures:
            plt.close(fig)
    return frames


def bundle(frames: Sequence[Frame], default: int, name: str) -> tuple[dict, dict]:
    """The output of a slider cell: the default frame as a PNG, plus every other frame under MIME."""
    frames = as_list(frames, "frames", "Frames (from draw_frames)")
    if not frames or not all(isinstance(frame, Frame) for frame in frames):
        raise ValueError("frames must be a non-empty list of Frames (from draw_frames)")
    name = text(name, "name")
    default = integer(default, "default", low=0, high=len(frames) - 1)
    shown = frames[default]
    data = {
        "image/png": shown.png,
        "text/plain": f"<slider over {name}, {len(frames)} frames, showing {shown.label}>",
        MIME: {
            "name": name,
            "default": default,
            # the default frame's picture is the image/png above: not stored twice
            "frames": [{"label": f.label, "alt": f.alt, "width": f.width, "height": f.height,
                        **({} if i == default else {"png": f.png})} for i, f in enumerate(frames)],
        },
    }
    return data, {"image/png": {"width": shown.width, "height": shown.height}}


def live() -> bool:
    """True in a kernel with a front end (JupyterLab, Colab) unless NORMREG_STATIC_SLIDERS=1."""
    if os.environ.get(STATIC) == "1":
        return False
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return getattr(get_ipython(), "kernel", None) is not None


def slider(draw: Callable[[float], object], values: Sequence[float], *, name: str, default: float,
           alt: Callable[[float], str], fmt: str = "{:g}") -> None:
    """Show draw(default) as the cell's figure, with a slider over draw(v) for every v in values.

    ``draw(v)`` returns a matplotlib Figure, new or updated (see draw_frames); ``alt(v)`` describes it
    in a sentence; the readout is ``f"{name} = {fmt.format(v)}"``. Shows nothing outside IPython.
    """
    values = _numbers(values)
    default = real(default, "default")
    matches = [i for i, v in enumerate(values) if np.isclose(v, default, rtol=1e-12, atol=0)]
    if not matches:
        raise ValueError(f"default must be one of values, got {default!r}")
    frames = draw_frames(draw, values, name=name, alt=alt, fmt=fmt)
    data, metadata = bundle(frames, matches[0], name)
    from IPython import get_ipython

    if get_ipython() is None:
        return
    if not live():
        display(data, metadata=metadata, raw=True)
        return
    handle = display(data, metadata=metadata, raw=True, display_id=True)
    _show_widget(frames, matches[0], name, handle)


def _show_widget(frames: list[Frame], default: int, name: str, handle):
    """An ipywidgets slider under the figure: moving it replaces the figure by a precomputed frame.

    Returns the slider (None without ipywidgets)."""
    try:
        import ipywidgets
    except ImportError:  # an environment without ipywidgets: the figure stays, without a slider
        print(f"(Install ipywidgets to move this figure's {name}.)")
        return None
    control = ipywidgets.SelectionSlider(
        options=[(frame.label.split(" = ", 1)[-1], i) for i, frame in enumerate(frames)], value=default,
        description=name, continuous_update=True, style={"description_width": "initial"},
        layout=ipywidgets.Layout(width="min(100%, 560px)"))

    def show(change) -> None:
        frame = frames[change["new"]]
        handle.update({"image/png": frame.png, "text/plain": f"<{frame.label}: {frame.alt}>"},
                      metadata={"image/png": {"width": frame.width, "height": frame.height}}, raw=True)

    control.observe(show, names="value")
    display(control)
    return control
