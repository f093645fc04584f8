"""axe-core's WCAG 2.0 and 2.1 level A and AA rules on every page type, at desktop and phone
widths: zero violations.

axe.min.js comes from the axe-playwright-python wheel (PyPI), so nothing is fetched at test time.
"""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest

pytestmark = pytest.mark.browser

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

PAGES = {
    "home": "",
    "article": "news/water-main/",
    "emergency article": "alerts/boil-water/",
    "event article": "events/budget-hearing/",
    "Spanish article": "programs/ayuda-alimentaria/",
    "category": "news/",
    "tag": "tag/water/",
    "archive": "archives/",
    "categories": "categories/",
    "tags": "tags/",
    "page": "about/",
    "404": "404.html",
    "feeds page": "feeds/",
    "testimonials": "testimonials/",
    "newsletter archive": "newsletter/",
    "newsletter web view": "newsletter/2026-11-16/",
}


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
        for node in v["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = node.get("failureSummary") or ""
            lines.extend(f"        {s}" for s in summary.splitlines())
    return "\n".join(lines)


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_wcag_violations(open_page, axe_source, path, width):
    page = open_page(path, width)
    page.add_script_tag(content=axe_source)
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    assert results["testEngine"]["name"] == "axe-core"
    violations = results["violations"]
    assert not violations, f"/{path} at {width} width:\n" + describe(violations)


def test_axe_finds_a_known_violation(open_page, axe_source):
    """The harness works: an image without alt text and a page without lang are caught."""
    page = open_page("404.html")
    page.set_content("<!DOCTYPE html><title>t</title><img src='/images/water.png'>")
    page.add_script_tag(content=axe_source)
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    assert {"image-alt", "html-has-lang"} <= {v["id"] for v in results["violations"]}
