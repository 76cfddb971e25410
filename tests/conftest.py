"""Fixtures shared by several test files."""

from __future__ import annotations

import pytest
from browser_support import launch_browser


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium, one per test session (tests/browser_support.py)."""
    yield from launch_browser()
