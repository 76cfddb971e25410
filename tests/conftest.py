"""Fixtures shared by several test files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from browser_support import launch_browser, serve_folder
from scripts import load_script

# The lessons run by nbval draw their sliders' frames but show no ipywidgets slider, which a kernel
# without a front end cannot show (course_lib.sliders); their kernels inherit this environment.
os.environ.setdefault("NORMREG_STATIC_SLIDERS", "1")


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium, one per test session (tests/browser_support.py)."""
    yield from launch_browser()


@pytest.fixture(scope="session")
def site() -> Path:
    """build/site/, built first if it is missing or older than its inputs (docs/build.py)."""
    builder = load_script("docs/build.py")
    if not builder.is_fresh():
        subprocess.run([sys.executable, str(builder.ROOT / "docs" / "build.py")], cwd=builder.ROOT, check=True)
    assert builder.is_fresh(), "the site build did not record its inputs"
    return builder.SITE


@pytest.fixture(scope="session")
def base_url(site):
    """The built site served on 127.0.0.1, its URL ending in /."""
    with serve_folder(site) as url:
        yield url


# Seconds each slow test file took on the reference machine (2 cores, `course.py test`, 2026-12-06).
# With --dist loadfile, pytest-xdist hands out whole files, the ones with the most tests first; a slow
# file with few tests (test_install.py) then starts last and one worker runs it alone while the other
# idles. Handing out the slowest files first keeps both workers busy to the end (measured: the
# pytest step of CI is shorter; the files' results do not depend on the order).
SLOW_FILES_S = {
    "tests/test_site.py": 97, "notebooks/05_autoencoder_mnist.ipynb": 73,
    "notebooks/06_cnn_classification.ipynb": 71, "tests/test_install.py": 30,
    "notebooks/03_mlp_regularization.ipynb": 37, "notebooks/08_inverse_problems.ipynb": 36,
    "notebooks/07_image_restoration.ipynb": 27, "notebooks/04_penalties_and_gradients.ipynb": 24,
    "tests/test_slides.py": 19, "tests/test_checks_robustness.py": 14, "tests/test_trainer.py": 13,
    "tests/test_notebook_setup.py": 11, "tests/test_quizzes.py": 10, "tests/test_sliders.py": 8,
    "tests/test_site_zh.py": 17, "tests/test_translations.py": 15, "tests/test_i18n.py": 5,
}


def pytest_xdist_make_scheduler(config, log):
    """--dist loadfile, but the slowest files (SLOW_FILES_S) first; None (xdist's own) otherwise."""
    if config.getoption("dist", None) != "loadfile":
        return None
    try:
        from xdist.scheduler import LoadFileScheduling
    except ImportError:
        return None

    class SlowFilesFirst(LoadFileScheduling):
        def _assign_work_unit(self, node):
            if self.workqueue:
                slowest = max(self.workqueue, key=lambda scope: SLOW_FILES_S.get(scope, 0))
                self.workqueue.move_to_end(slowest, last=False)
            super()._assign_work_unit(node)

    return SlowFilesFirst(config, log)
