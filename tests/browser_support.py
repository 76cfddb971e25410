"""Headless Chromium for the tests of the website and the slides: find it, serve a folder, visit a page.

Without Chromium the browser tests skip, saying how to install it; with NORMREG_REQUIRE_BROWSER=1
(set by .ci/run) a missing browser fails them instead. The `browser` fixture is in conftest.py.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

BROWSER_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
INSTALL_HINT = (
    "no Chromium found, so the browser tests (website and slides) are skipped. Install it "
    "(Debian/Ubuntu: `sudo apt-get install chromium`; other systems: any Chrome or Chromium) "
    "and, if it is not on PATH as `chromium`, set NORMREG_CHROMIUM=/path/to/the/browser."
)


@contextlib.contextmanager
def serve_folder(folder: Path):
    """Serve a folder on 127.0.0.1 (a free port) while the block runs; yields its URL, ending in /."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def find_chromium() -> str | None:
    candidates = [os.environ.get("NORMREG_CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser"),
                  "/usr/bin/chromium", shutil.which("google-chrome")]
    return next((c for c in candidates if c and Path(c).exists()), None)


def skip_or_fail(reason: str):
    if os.environ.get("NORMREG_REQUIRE_BROWSER") == "1":
        pytest.fail(f"NORMREG_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)



def launch_browser():
    """A headless Chromium (Playwright's Browser) for a session-scoped fixture; skips without one."""
    executable = find_chromium()
    if executable is None:
        skip_or_fail(INSTALL_HINT)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("the Python package playwright is missing: run `python3 course.py install`.")
    with sync_playwright() as playwright:
        # Playwright gives every launch a fresh, empty profile (user-data-dir).
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=BROWSER_FLAGS)
        yield chromium
        chromium.close()


class Visit:
    """One page opened in a fresh browser context, with everything it asked of the network."""

    def __init__(self, browser, url: str, viewport: tuple[int, int] = (1280, 800), **context_options):
        self.outside: list[str] = []  # requests to any host but 127.0.0.1, aborted
        self.failed: list[str] = []  # requests that failed, or answered >= 400
        self.errors: list[str] = []  # console errors and uncaught exceptions
        size = {"width": viewport[0], "height": viewport[1]}
        self.context = browser.new_context(viewport=size, **context_options)  # e.g. color_scheme, permissions
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} ({r.status})"))
        self.page.goto(url, wait_until="load")
        self.page.evaluate("() => window.MathJax?.startup?.promise ?? null")  # typesetting done
        self.page.wait_for_load_state("networkidle")

    def _route(self, route):
        if urlsplit(route.request.url).hostname != "127.0.0.1":
            self.outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    def close(self):
        self.context.close()


# Sliders (course_lib.sliders, on the website: docs/_static/normreg.js)
STATE = """figure => ({
    visible: [...figure.querySelectorAll('img')].filter(i => !i.hidden).map(i => i.getAttribute('src')),
    loaded: [...figure.querySelectorAll('img')].filter(i => !i.hidden).every(i => i.complete && i.naturalWidth),
    alt: [...figure.querySelectorAll('img')].filter(i => !i.hidden).map(i => i.alt)[0],
    output: figure.querySelector('output').textContent,
    valuetext: figure.querySelector('input[type=range]').getAttribute('aria-valuetext'),
    width: figure.getBoundingClientRect().width,
})"""


def settled(page, figure) -> dict:
    """The slider's state once its visible frame has loaded (or after 5 s)."""
    try:
        page.wait_for_function("f => [...f.querySelectorAll('img')].filter(i => !i.hidden)"
                               ".every(i => i.complete && i.naturalWidth)",
                               arg=figure.element_handle(), timeout=5000)
    except Exception:  # the state below then says what is missing
        pass
    return figure.evaluate(STATE)


def move_every_slider(page) -> list[str]:
    """Move each slider of the page from the keyboard; the problems seen."""
    problems = []
    figures = page.locator("figure.normreg-slider")
    for k in range(figures.count()):
        figure = figures.nth(k)
        before = figure.evaluate(STATE)
        figure.locator("input[type=range]").focus()
        page.keyboard.press("Home")
        first = settled(page, figure)
        page.keyboard.press("End")
        last = settled(page, figure)
        for name, state in [("default", before), ("first", first), ("last", last)]:
            if len(state["visible"]) != 1 or not state["loaded"]:
                problems.append(f"slider {k}, {name} frame: {len(state['visible'])} images shown, loaded: "
                                f"{state['loaded']}")
            if state["output"] != state["valuetext"] or not state["output"]:
                problems.append(f"slider {k}, {name}: readout {state['output']!r}, aria {state['valuetext']!r}")
        if not (first["visible"] != last["visible"] and first["output"] != last["output"]
                and first["alt"] != last["alt"]):
            problems.append(f"slider {k}: Home and End show the same picture or value: {first} {last}")
    return problems
