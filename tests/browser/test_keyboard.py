"""Keyboard use: the skip link comes first and moves focus to the main content; Tab reaches every
link and control, and each shows a visible focus indicator."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

KEYBOARD_PAGES = {"home": "", "article": "news/water-main/", "emergency": "alerts/boil-water/"}

# Numbers every element that should be a Tab stop (document order) and notes its unfocused look.
MARK_FOCUSABLE = """
() => {
  const selector = [
    'a[href]', 'area[href]', 'button', 'input:not([type=hidden])', 'select', 'textarea',
    'summary', 'iframe', '[contenteditable]', '[tabindex]'
  ].join(',');
  const stops = [...document.querySelectorAll(selector)].filter(el =>
    !el.disabled && el.tabIndex >= 0 && !el.closest('[inert]') &&
    el.checkVisibility({visibilityProperty: true}));
  return stops.map((el, i) => {
    el.dataset.kbIndex = String(i);
    const s = getComputedStyle(el);
    return {index: i, html: el.outerHTML.slice(0, 120),
            boxShadow: s.boxShadow, backgroundColor: s.backgroundColor};
  });
}
"""

# What has focus now and how it looks.
FOCUSED = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {
    index: el.dataset.kbIndex === undefined ? null : Number(el.dataset.kbIndex),
    tag: el.tagName.toLowerCase(), id: el.id, className: String(el.className),
    html: el.outerHTML.slice(0, 120), inMain: !!el.closest('main'),
    outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
    boxShadow: s.boxShadow, backgroundColor: s.backgroundColor,
    focusVisible: el.matches(':focus-visible'),
    onScreen: r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0 &&
              r.top < innerHeight && r.left < innerWidth,
  };
}
"""


def indicator_problem(before: dict, focused: dict) -> str | None:
    """Why this focused element shows no visible focus indicator; None when it shows one."""
    if not focused["onScreen"]:
        return "is off screen while focused"
    if focused["outlineStyle"] != "none" and focused["outlineWidth"] > 0:
        return None
    if focused["boxShadow"] not in ("none", before["boxShadow"]):
        return None
    if focused["backgroundColor"] != before["backgroundColor"]:
        return None
    return "has no outline, and neither its box-shadow nor its background changes"


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("path", KEYBOARD_PAGES.values(), ids=KEYBOARD_PAGES.keys())
def test_skip_link_is_first_and_moves_focus_to_main(open_page, path, width):
    page = open_page(path, width)
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert first is not None, "Tab focused nothing"
    assert "skip-link" in first["className"], f"first Tab stop is {first['html']}"
    assert first["onScreen"], "the skip link stays hidden when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement === document.querySelector('main')"), (
        "after the skip link, focus is on "
        + page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    )
    assert page.evaluate("document.querySelector('main').id") == "main"
    page.keyboard.press("Tab")
    after = page.evaluate(FOCUSED)
    assert after is not None and after["inMain"], (
        f"Tab after the skip link went to {after and after['html']}, not into main"
    )


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("path", KEYBOARD_PAGES.values(), ids=KEYBOARD_PAGES.keys())
def test_tab_reaches_every_control_with_a_visible_indicator(open_page, path, width):
    page = open_page(path, width)
    stops = page.evaluate(MARK_FOCUSABLE)
    assert len(stops) > 5, f"only {len(stops)} focusable elements found"
    reached: list[int] = []
    problems: list[str] = []
    for _ in range(len(stops) + 2):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (reached and focused["index"] == reached[0]):
            break  # focus left the page or came round again
        if focused["index"] is None:
            problems.append(f"Tab stop not counted as focusable: {focused['html']}")
            continue
        if focused["index"] in reached:
            break
        reached.append(focused["index"])
        why = indicator_problem(stops[focused["index"]], focused)
        if why:
            problems.append(f"{focused['html']} {why}")
    missed = [s["html"] for s in stops if s["index"] not in reached]
    assert not missed, "Tab never reaches:\n" + "\n".join(missed)
    assert len(reached) == len(stops)
    assert reached == sorted(reached), f"Tab order differs from document order: {reached}"
    assert not problems, "\n".join(problems)


def test_a_focus_style_removed_is_caught(open_page):
    """The indicator check works: outline removed, nothing else changes -> a problem."""
    page = open_page("about/")
    page.add_style_tag(
        content="a:focus, a:focus-visible { outline: none !important;"
        " box-shadow: none !important; background: none !important; }"
    )
    stops = page.evaluate(MARK_FOCUSABLE)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused["tag"] == "a"
    assert indicator_problem(stops[focused["index"]], focused)
