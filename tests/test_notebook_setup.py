"""course_lib.notebook: importing course_lib does not load TensorFlow; setup() silences it."""

import base64
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(code: str) -> subprocess.CompletedProcess:
    env_clean = {k: v for k, v in __import__("os").environ.items() if not k.startswith("TF_")}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          env=env_clean, timeout=120)


def test_numpy_modules_do_not_import_tensorflow():
    result = _run("""
        import sys
        import course_lib, course_lib.norms, course_lib.penalties, course_lib.data, course_lib.notebook
        import course_lib.objectives, course_lib.training, course_lib.autoencoders, course_lib.stats
        import course_lib.restoration, course_lib.checks.lesson07
        import course_lib.checks.lesson01, course_lib.checks.lesson02, course_lib.plots
        import course_lib.checks.lesson03, course_lib.checks.lesson04, course_lib.checks.lesson05
        import course_lib.checks.lesson06
        assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules, 'TF was imported'
        print('ok')
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_setup_with_tensorflow_prints_nothing_to_stderr_and_is_deterministic():
    result = _run("""
        from course_lib import notebook
        notebook.setup(seed=1, tensorflow=True)
        import keras, numpy as np
        a = keras.random.normal((3,), seed=None)
        notebook.seed_everything(1)
        b = keras.random.normal((3,), seed=None)
        print(bool(np.allclose(a, b)))
    """)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", f"TensorFlow wrote to stderr:\\n{result.stderr}"
    assert result.stdout.strip() == "True"


def test_setup_sets_the_thread_counts_it_is_given():
    result = _run("""
        from course_lib import notebook
        notebook.setup(seed=0, tensorflow=True, inter_op_threads=1)
        import tensorflow as tf
        print(tf.config.threading.get_inter_op_parallelism_threads())
        try:
            notebook.setup(seed=0, inter_op_threads=0)
        except ValueError as err:
            print("inter_op_threads" in str(err))
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "True"]


def test_stopwatch_reports(capsys):
    from course_lib.notebook import Stopwatch

    sw = Stopwatch()
    assert sw.elapsed() >= 0
    sw.report(budget_s=60)
    out = capsys.readouterr().out
    assert out.startswith("Notebook run time:") and "budget: 60 s" in out


def test_expect_error_prints_type_and_message_only(capsys):
    import pytest

    from course_lib.notebook import expect_error

    with expect_error(ValueError):
        raise ValueError("\x1b[1mbad\x1b[0m value\n  on two lines")
    assert capsys.readouterr().out == "ValueError: bad value on two lines\n"
    with pytest.raises(AssertionError, match="nothing was raised"), expect_error(KeyError):
        pass
    with pytest.raises(ZeroDivisionError), expect_error(KeyError):
        1 / 0  # noqa: B018


def test_seed_everything_accepts_numpy_integers_and_rejects_bad_seeds():
    import numpy as np
    import pytest

    from course_lib.notebook import seed_everything

    seed_everything(np.int64(3))
    first = np.random.rand()  # noqa: NPY002
    seed_everything(3)
    assert np.random.rand() == first  # noqa: NPY002
    for bad in (-1, 1.5, "a", True, None):
        with pytest.raises(ValueError, match="seed"):
            seed_everything(bad)


def test_claims_assert_with_the_committed_settings_and_note_otherwise(capsys):
    from course_lib import notebook

    strict, relaxed = notebook.claims(True), notebook.claims(False)
    strict(True, "holds")
    with pytest.raises(AssertionError, match="the claim"):
        strict(False, "the claim")
    relaxed(False, "the claim")
    assert capsys.readouterr().out == "note: with these settings this no longer holds: the claim\n"
    relaxed(True, "holds")
    assert capsys.readouterr().out == ""
    with pytest.raises(ValueError, match="committed"):
        notebook.claims("yes")


def test_sharp_inline_figures_does_nothing_outside_a_kernel():
    from course_lib.notebook import sharp_inline_figures

    assert sharp_inline_figures() is False


def _png_size(data: str) -> tuple[int, int]:
    header = base64.b64decode(data[:64])
    return struct.unpack(">II", header[16:24])


def test_committed_figures_are_sharp_and_fit_the_page_column():
    """Every figure is a 2x PNG shown at half its pixels, and no wider than the site's text column."""
    from course_lib.plots import COLUMN_WIDTH_IN

    column_px = COLUMN_WIDTH_IN * 80  # the lessons' figure.dpi
    too_wide, blurred = [], []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        for number, cell in enumerate(nbformat.read(path, as_version=4).cells, start=1):
            for output in cell.get("outputs", []):
                if "image/png" not in output.get("data", {}):
                    continue
                width_px, _ = _png_size(output["data"]["image/png"])
                shown = output.get("metadata", {}).get("image/png", {}).get("width")
                where = f"{path.name} cell {number}"
                if shown is None or abs(2 * shown - width_px) > 1:
                    blurred.append(f"{where}: {width_px} px shown at {shown}")
                elif shown > column_px + 16:  # bbox_inches="tight" pads 0.1 inch on each side
                    too_wide.append(f"{where}: {shown} px")
    assert not blurred, f"figures not in 2x (retina) resolution: {blurred}"
    assert not too_wide, f"figures wider than the {column_px:.0f} px column: {too_wide}"
