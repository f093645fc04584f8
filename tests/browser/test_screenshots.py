"""Screenshots of the home page and an article at both widths, for people to look at.

Written to the test's temporary folder; their paths are printed and listed at the end of the run.
"""

from __future__ import annotations

import pytest

from browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

SHOTS = {"home": "", "article": "news/water-main/"}


@pytest.fixture(scope="module")
def shots_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("screenshots")


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("name", SHOTS)
def test_screenshot(open_page, shots_dir, name, width):
    page = open_page(SHOTS[name], width)
    path = shots_dir / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 1000
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    print(path)
    SCREENSHOTS.append(path)
