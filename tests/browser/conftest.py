"""The browser suite's fixtures: the fixture site built for, and served on, 127.0.0.1, and
Debian's Chromium driven by Playwright (never a downloaded browser).

The site is built once per session with the pelican command and the project's pelicanconf.py,
as tests/conftest.py's run_pelican does, with SITEURL set to the address it is served on.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FIXTURE_SITE, run_pelican

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NO_CHROMIUM = f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
WIDTHS = {"desktop": 1280, "phone": 375}
HEIGHTS = {"desktop": 800, "phone": 812}

# Screenshot paths, listed at the end of the run (pytest hides a passing test's prints).
SCREENSHOTS: list[Path] = []


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: checks the built site in Debian's Chromium and with validators"
    )


def pytest_terminal_summary(terminalreporter) -> None:
    if SCREENSHOTS:
        terminalreporter.section("browser screenshots")
        for path in SCREENSHOTS:
            terminalreporter.write_line(str(path))


@dataclass(frozen=True)
class Site:
    url: str  # http://127.0.0.1:PORT, no trailing slash
    output: Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The fixture site, built for and served at http://127.0.0.1:PORT/ (port picked first)."""
    output = tmp_path_factory.mktemp("browser-site") / "output"
    output.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        result = run_pelican(FIXTURE_SITE, output, f'SITEURL="{url}"')
        assert result.returncode == 0, result.stdout + result.stderr
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield Site(url, output)
        server.shutdown()
        thread.join(timeout=5)
    finally:
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium under Playwright; skips the test when it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def open_page(browser, site: Site):
    """open_page(path, width="desktop") -> a loaded Playwright page; closed after the test."""
    contexts = []

    def _open(path: str, width: str = "desktop"):
        # Reduced motion turns the theme's smooth scrolling off, so a focused element is
        # already scrolled into view when the keyboard tests look at it.
        context = browser.new_context(
            viewport={"width": WIDTHS[width], "height": HEIGHTS[width]},
            reduced_motion="reduce",
        )
        contexts.append(context)
        page = context.new_page()
        response = page.goto(f"{site.url}/{path}", wait_until="load")
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        return page

    yield _open
    for context in contexts:
        context.close()
