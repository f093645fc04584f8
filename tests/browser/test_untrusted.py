"""Untrusted text: testimonials that try XSS (tests/fixtures/site/testimonials/xss.md) run no
script in the browser and load nothing from elsewhere."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["testimonials/", ""], ids=["testimonials", "home"])
def test_testimonials_fire_no_dialog(browser, site, path):
    context = browser.new_context()
    try:
        page = context.new_page()
        dialogs: list[str] = []
        foreign: list[str] = []
        errors: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
        here = urlsplit(site.url).netloc

        def record(request):
            if urlsplit(request.url).netloc != here:
                foreign.append(request.url)

        page.on("request", record)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{site.url}/{path}", wait_until="load")
        # Hover every quote's parts (for onmouseover), and give onerror/onload a moment.
        for element in page.query_selector_all(".testimonial, .testimonial *"):
            if element.is_visible():
                element.hover(timeout=1000)
        page.wait_for_timeout(300)
        if path == "testimonials/":
            assert "Thanks!" in page.inner_text("main"), "the XSS testimonial is not on the page"
        assert dialogs == [], f"script ran: {dialogs}"
        assert foreign == [], f"requests to other hosts: {foreign}"
        assert errors == [], f"script errors: {errors}"
    finally:
        context.close()
