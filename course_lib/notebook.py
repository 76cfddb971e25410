"""Notebook set-up: seed everything and quiet TensorFlow before it is imported; time the run."""

from __future__ import annotations

import contextlib
import os
import random
import re
import sys
import time
import warnings

import numpy as np


class Stopwatch:
    """Wall-clock time since the notebook's set-up cell."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    def elapsed(self) -> float:
        """Seconds since set-up."""
        return time.perf_counter() - self.start

    def report(self, budget_s: float | None = None) -> None:
        """Print the run time, and the budget it should stay under."""
        from ._validate import positive

        budget_s = None if budget_s is None else positive(budget_s, "budget_s")
        seconds = self.elapsed()
        from .i18n import gettext_format as _f

        note = _f(" (budget: {budget:.0f} s on 2 CPU cores)", budget=budget_s) if budget_s else ""
        print(_f("Notebook run time: {seconds:.1f} s{note}", seconds=seconds, note=note))


def quiet_tensorflow(onednn: bool = True) -> None:
    """Set the variables that silence TensorFlow's C++ and oneDNN start-up lines (before import)."""
    from ._validate import flag

    onednn = flag(onednn, "onednn")
    if "tensorflow" in sys.modules:
        warnings.warn(
            "TensorFlow was imported before course_lib.notebook.setup(): its start-up "
            "messages can no longer be silenced. Restart the kernel and run set-up first.",
            stacklevel=3,
        )
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    os.environ["TF_ENABLE_ONEDNN_OPTS"] = "1" if onednn else "0"
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")


@contextlib.contextmanager
def _os_stderr_silenced():
    """Send file descriptor 2 to /dev/null: C++ start-up lines of TensorFlow bypass Python's sys.stderr."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no real stderr (some embedded interpreters)
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(devnull)
        os.close(saved)


@contextlib.contextmanager
def expect_error(*expected: type[BaseException], max_chars: int = 300):
    """Run a block that is meant to fail; print the error's type and message only (no traceback).

    Raises AssertionError if the block does not fail, or fails with a type other
    than ``expected`` (any Exception when none is given), so a notebook cannot
    silently stop showing the error it teaches.
    """
    kinds = expected or (Exception,)
    if not all(isinstance(k, type) and issubclass(k, BaseException) for k in kinds):
        raise ValueError(f"expected must be exception classes such as ValueError, got {expected!r}"[:200])
    from ._validate import positive_int

    max_chars = positive_int(max_chars, "max_chars")
    try:
        yield
    except kinds as err:
        message = " ".join(re.sub(r"\x1b\[[0-9;]*m", "", str(err)).split())  # no terminal colour codes
        if len(message) > max_chars:
            message = message[:max_chars] + " …"
        print(f"{type(err).__name__}: {message}")
    else:
        raise AssertionError(f"expected {', '.join(k.__name__ for k in kinds)}, but nothing was raised")


def claims(committed: bool):
    """claim(condition, text): assert a lesson's claim with its committed settings, else only print a note.

    A lesson's text is checked for the parameters it was written with; a learner who
    changes them (more data, more epochs) gets notes instead of errors, because what
    holds for 150 samples need not hold for 5,000.
    """
    from ._validate import flag

    committed = flag(committed, "committed")

    def claim(condition, text: str) -> None:
        if committed:
            assert condition, text
        elif not condition:
            print(f"note: with these settings this no longer holds: {text}")

    return claim


def seed_everything(seed: int = 0) -> None:
    """Seed Python, numpy and, if TensorFlow is loaded, Keras/TF (call again before each experiment)."""
    from ._validate import seed as check_seed

    seed = check_seed(seed)
    if seed is None:
        raise ValueError("seed must be a non-negative integer, got None")
    random.seed(seed)
    np.random.seed(seed)  # noqa: NPY002 (the global RNG is what unseeded code uses)
    if "keras" in sys.modules:
        import keras

        keras.utils.set_random_seed(seed)


def sharp_inline_figures() -> bool:
    """Show inline figures as 2× PNGs ("retina"): sharp on phones and when zoomed, at the same size on the page.

    Returns False, and changes nothing, outside an IPython kernel (a plain script, a test).
    """
    try:
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:
        return False
    if get_ipython() is None:
        return False
    set_matplotlib_formats("retina")
    return True


def setup(seed: int = 0, *, tensorflow: bool = False, onednn: bool = True,
          intra_op_threads: int | None = None, inter_op_threads: int | None = None,
          language: str | None = None) -> Stopwatch:
    """Seed everything, set printing and plotting defaults (sharp 2× figures), optionally load TensorFlow quietly.

    With ``tensorflow=True`` TensorFlow is imported after its logging is
    silenced, op determinism is enabled (bit-identical runs), and Keras is seeded.
    oneDNN stays on by default: turning it off (``onednn=False``) made the CNN
    1.4–1.8× slower on 2 CPU cores (benchmarks/onednn_cnn.py), and with fd 2
    muted during import it prints nothing. ``intra_op_threads=1`` runs each
    TensorFlow operation on one core, and independent operations (the replicas of
    :class:`course_lib.trainer.Trainer`) on different cores at once: faster for
    small models, slower for large matrix products. ``inter_op_threads=1`` runs one
    operation at a time: lesson 08 needs it for bit-identical training (op determinism
    alone left differences in the 4th digit). ``language="zh_CN"`` gives the exercise
    checkers' and quizzes' feedback in Chinese (:mod:`course_lib.i18n`; the Chinese
    lessons pass it). Returns a :class:`Stopwatch`.
    """
    from ._validate import flag, positive_int
    from ._validate import seed as check_seed

    seed = check_seed(seed)
    if seed is None:
        raise ValueError("seed must be a non-negative integer, got None")
    tensorflow = flag(tensorflow, "tensorflow")
    if language is not None:
        from .i18n import set_language

        set_language(language)
    if intra_op_threads is not None:
        intra_op_threads = positive_int(intra_op_threads, "intra_op_threads", high=1024)
    if inter_op_threads is not None:
        inter_op_threads = positive_int(inter_op_threads, "inter_op_threads", high=1024)
    quiet_tensorflow(onednn=onednn)
    np.set_printoptions(precision=4, suppress=True)
    import matplotlib

    matplotlib.rcParams.update({"figure.dpi": 80, "axes.grid": True, "grid.alpha": 0.3})
    sharp_inline_figures()
    if tensorflow:
        # TF 2.21 prints its first lines (CUDA probe, oneDNN notice) before it reads
        # TF_CPP_MIN_LOG_LEVEL from a variable set inside Python, so mute fd 2 while it loads.
        with _os_stderr_silenced():
            import absl.logging
            import keras
            import tensorflow as tf

        inter = inter_op_threads
        if intra_op_threads is not None:
            try:
                tf.config.threading.set_intra_op_parallelism_threads(intra_op_threads)
            except RuntimeError:  # TensorFlow already started in this process (a second setup call)
                warnings.warn("intra_op_threads is ignored: TensorFlow was already running", stacklevel=2)
                inter = None
            else:  # independent operations on different cores at once
                inter = inter_op_threads or os.cpu_count() or 2
        if inter is not None:
            try:
                tf.config.threading.set_inter_op_parallelism_threads(inter)
            except RuntimeError:
                warnings.warn("inter_op_threads is ignored: TensorFlow was already running", stacklevel=2)
        absl.logging.set_verbosity(absl.logging.ERROR)
        tf.get_logger().setLevel("ERROR")
        tf.config.experimental.enable_op_determinism()
        keras.utils.set_random_seed(seed)
    seed_everything(seed)
    return Stopwatch()
