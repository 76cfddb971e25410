"""course_lib.sliders: λ sliders drawn once per value, live in JupyterLab, precomputed on the website."""

from __future__ import annotations

import base64
import io
import json
import os
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pytest
from browser_support import move_every_slider
from PIL import Image
from scripts import load_script

from course_lib import sliders

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
lessons = load_script("tools/lessons.py")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
matplotlib.use("Agg")


def line_figure(value):
    fig, ax = plt.subplots(figsize=(4, 2), layout="constrained")
    ax.plot([0, 1], [0, value])
    return fig


def describe(value):
    return f"A line rising from 0 to {value:g} over the unit interval."


def png_size(data: str) -> tuple[int, int]:
    return Image.open(io.BytesIO(base64.b64decode(data))).size


def committed_sliders() -> list[tuple[str, dict]]:
    """(lesson, slider data) for every slider output of the committed lessons."""
    found = []
    for notebook in NOTEBOOKS:
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                slider = lessons.slider_data(output)
                if slider is not None:
                    found.append((notebook.stem, slider))
    return found


# ------------------------------------------------------------------------------------------
# The helper


def test_frames_are_sharp_pngs_with_their_own_label_and_alt_text():
    frames = sliders.draw_frames(line_figure, [0.5, 1, 2], name="λ", alt=describe, fmt="{:.1f}")
    assert [f.label for f in frames] == ["λ = 0.5", "λ = 1.0", "λ = 2.0"]
    assert [f.alt for f in frames] == [describe(v) for v in (0.5, 1, 2)]
    for frame in frames:
        assert png_size(frame.png) == (2 * frame.width, 2 * frame.height)  # 2×, like every figure
        assert frame.width == 4 * plt.rcParams["figure.dpi"]  # not cropped: the figure's own width
    assert len({f.png for f in frames}) == 3
    assert plt.get_fignums() == []  # every figure closed


def test_an_updated_figure_is_drawn_again_for_each_value_and_closed_once():
    fig, ax = plt.subplots(figsize=(4, 2), layout="constrained")
    (line,) = ax.plot([0, 1], [0, 0])

    def update(value):
        line.set_ydata([0, value])
        ax.set_ylim(0, 3)
        return fig

    frames = sliders.draw_frames(update, [1, 2, 3], name="c", alt=describe)
    assert len({f.png for f in frames}) == 3 and plt.get_fignums() == []


def test_the_output_holds_the_default_frame_as_a_figure_and_the_others_once():
    frames = sliders.draw_frames(line_figure, [1, 2, 3], name="λ", alt=describe)
    data, metadata = sliders.bundle(frames, 1, "λ")
    assert data["image/png"] == frames[1].png
    assert metadata == {"image/png": {"width": frames[1].width, "height": frames[1].height}}
    stored = data[sliders.MIME]
    assert stored["default"] == 1 and stored["name"] == "λ"
    assert "png" not in stored["frames"][1]  # the default frame is the image/png, not stored twice
    assert [f.get("png") for f in stored["frames"]] == [frames[0].png, None, frames[2].png]
    assert lessons.slider_data({"data": data})["frames"][1]["png"] == frames[1].png
    assert lessons.SLIDER_MIME == sliders.MIME


@pytest.mark.parametrize(("arguments", "message"), [
    ({"draw": "not a function"}, "draw"),
    ({"alt": None}, "alt"),
    ({"values": [1]}, "values"),
    ({"values": "abc"}, "values"),
    ({"values": [1, float("nan")]}, "values"),
    ({"default": 5}, "default"),
    ({"name": 3}, "name"),
    ({"draw": lambda v: None}, "draw must return a matplotlib Figure"),
    ({"alt": lambda v: 42}, "alt"),
])
def test_bad_arguments_are_refused_naming_the_argument(arguments, message):
    call = {"draw": line_figure, "values": [1, 2], "name": "λ", "default": 1, "alt": describe} | arguments
    with pytest.raises(ValueError, match=message):
        sliders.slider(**call)
    assert plt.get_fignums() == []


def test_the_building_blocks_refuse_bad_input_too():
    frames = sliders.draw_frames(line_figure, [1, 2], name="λ", alt=describe)
    for call, message in [(lambda: sliders.figure_png("fig"), "fig"),
                          (lambda: sliders.bundle([], 0, "λ"), "frames"),
                          (lambda: sliders.bundle(["png"], 0, "λ"), "frames"),
                          (lambda: sliders.bundle(frames, 2, "λ"), "default"),
                          (lambda: sliders.bundle(frames, 0, None), "name")]:
        with pytest.raises(ValueError, match=message):
            call()


def test_no_widget_outside_a_kernel_or_when_static(monkeypatch):
    monkeypatch.delenv(sliders.STATIC, raising=False)
    assert sliders.live() is False  # no IPython kernel in pytest
    monkeypatch.setenv(sliders.STATIC, "1")
    assert sliders.live() is False


def test_moving_the_widget_shows_the_precomputed_frame_at_once():
    frames = sliders.draw_frames(line_figure, [1, 2, 3], name="λ", alt=describe)

    class Handle:
        def __init__(self):
            self.updates = []

        def update(self, data, metadata=None, raw=False):
            self.updates.append((data, metadata))

    handle = Handle()
    control = sliders._show_widget(frames, 0, "λ", handle)
    assert control.value == 0 and control.options[2] == ("3", 2)
    control.value = 2
    data, metadata = handle.updates[-1]
    assert data["image/png"] == frames[2].png and frames[2].alt in data["text/plain"]
    assert metadata == {"image/png": {"width": frames[2].width, "height": frames[2].height}}


def test_in_a_live_kernel_the_slider_swaps_the_figure_in_place(monkeypatch):
    """A real kernel, as JupyterLab runs it: the figure is shown with a display id, then the ipywidgets
    slider; setting the slider's value replaces that figure (update_display_data) at once."""
    from jupyter_client.manager import start_new_kernel

    monkeypatch.delenv(sliders.STATIC, raising=False)
    code = """
import warnings, matplotlib.pyplot as plt, ipywidgets
from course_lib.sliders import slider
def draw(v):
    fig, ax = plt.subplots(figsize=(3, 2), layout="constrained")
    ax.plot([0, v])
    return fig
slider(draw, [1, 2, 3], name="λ", default=2, alt=lambda v: f"A line that rises to {v} in this test.")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    (control,) = [w for w in ipywidgets.Widget.widgets.values() if isinstance(w, ipywidgets.SelectionSlider)]
control.value = 0
"""
    manager, client = start_new_kernel(kernel_name="python3", env=dict(os.environ))
    try:
        client.execute(code)
        messages = []
        while not (messages and messages[-1]["msg_type"] == "status"
                   and messages[-1]["content"]["execution_state"] == "idle"):
            messages.append(client.get_iopub_msg(timeout=60))
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    kinds = [(m["msg_type"], m["content"]) for m in messages if m["msg_type"] != "status"]
    assert not [c for kind, c in kinds if kind == "error"], kinds
    shown = [c for kind, c in kinds if kind == "display_data" and "image/png" in c["data"]]
    widget = [c for kind, c in kinds if kind == "display_data" and WIDGET_VIEW in c["data"]]
    updates = [c for kind, c in kinds if kind == "update_display_data"]
    assert len(shown) == len(widget) == len(updates) == 1
    assert sliders.MIME in shown[0]["data"]
    assert updates[0]["transient"]["display_id"] == shown[0]["transient"]["display_id"]
    assert updates[0]["data"]["image/png"] == shown[0]["data"][sliders.MIME]["frames"][0]["png"]


# ------------------------------------------------------------------------------------------
# The lessons' sliders


def test_the_lessons_have_at_least_five_sliders_each_frame_described():
    found = committed_sliders()
    assert len(found) >= 5, [lesson for lesson, _ in found]
    assert {lesson[:2] for lesson, _ in found} >= {"01", "02", "03", "07", "08"}
    for lesson, slider in found:
        frames = slider["frames"]
        assert len(frames) >= 4, lesson
        assert len({f["alt"] for f in frames}) == len(frames), f"{lesson}: each frame needs its own alt text"
        assert len({f["label"] for f in frames}) == len(frames), lesson
        for frame in frames:
            assert len(frame["alt"].split()) >= 12, (lesson, frame["alt"])
            assert png_size(frame["png"]) == (2 * frame["width"], 2 * frame["height"]), lesson
            assert frame["width"] <= 688 + 16, lesson  # the website's column


def test_no_widget_state_is_committed():
    """Lessons are executed with NORMREG_STATIC_SLIDERS=1 (README): no widget output, no widget state."""
    for notebook in NOTEBOOKS:
        text = notebook.read_text(encoding="utf-8")
        assert WIDGET_VIEW not in text, notebook.name
        assert "widgets" not in json.loads(text).get("metadata", {}), notebook.name


def test_the_site_gets_every_frame_as_a_file_and_one_visible_image():
    notebook = next(p for p in NOTEBOOKS if p.stem.startswith("02"))
    page, files = lessons.site_notebook(notebook)
    html_outputs = [output["data"]["text/html"] for cell in json.loads(page)["cells"]
                    for output in cell.get("outputs", []) if "normreg-slider" in
                    "".join(output.get("data", {}).get("text/html", ""))]
    (slider,) = [s for lesson, s in committed_sliders() if lesson == notebook.stem]
    assert len(html_outputs) == 1 and len(files) == len(slider["frames"])
    shown = html_outputs[0].count("<img ") - html_outputs[0].count(" hidden ")
    assert shown == 1 and html_outputs[0].count("<img ") == len(files)
    assert sliders.MIME not in page.decode("utf-8")  # the frames are files, not page text
    for name, png in files.items():
        assert name.startswith("02-") and png.startswith(b"\x89PNG"), name


# ------------------------------------------------------------------------------------------
# On the website, in the browser (tests/test_site.py's page test also moves every slider of every
# lesson page, served, with no outside request, no console error and axe clean)

SLIDER_PAGES = sorted({lesson for lesson, _ in committed_sliders()})

def test_a_slider_works_from_the_files_of_the_zip_on_a_phone(browser, site):
    """The site opened as files (as from the zip), on a 390 px phone: the slider moves, fits the width."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    outside, errors = [], []
    context.route("**/*", lambda route: (route.continue_() if route.request.url.startswith("file:")
                                         else (outside.append(route.request.url), route.abort())))
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    try:
        page.goto((site / "notebooks" / f"{SLIDER_PAGES[0]}.html").as_uri(), wait_until="load")
        problems = move_every_slider(page)
        widths = page.locator("figure.normreg-slider").evaluate_all(
            "figures => figures.map(f => f.getBoundingClientRect().right)")
        expected = sum(lesson == SLIDER_PAGES[0] for lesson, _ in committed_sliders())
        if len(widths) != expected:
            problems.append(f"{len(widths)} sliders on the page, {expected} in the notebook")
        problems += [f"a slider reaches {right:.0f} px on a 390 px screen" for right in widths if right > 390]
    finally:
        context.close()
    assert (problems, outside, errors) == ([], [], [])
