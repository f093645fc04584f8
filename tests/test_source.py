"""Reading the whole content tree: YAML rules, files that do not belong, and addresses."""

from __future__ import annotations

from pathlib import Path

import pytest

from cope.schema import InvalidContent
from cope.source import load_site, parse_text

SETTINGS = {
    "SITEURL": "https://www.example.gov",
    "TIMEZONE": "America/Chicago",
    "COPE_AUDIENCES": {"residents": {"name": "Residents"}},
    "COPE_AGENCY": {"email": "help@example.gov"},
    "COPE_NEWSLETTER": {
        "from_address": "news@example.gov",
        "unsubscribe_url": "https://example.gov/u",
    },
    "PAGE_PATHS": ["pages"],
    "ARTICLE_PATHS": [""],
    "ARTICLE_EXCLUDES": ["pages", "images", "testimonials"],
    "IGNORE_FILES": [".*"],
    "ARTICLE_SAVE_AS": "{category}/{slug}/index.html",
    "PAGE_SAVE_AS": "{slug}/index.html",
    "CATEGORY_SAVE_AS": "{slug}/index.html",
}
STORY = "---\ntitle: {title}\ndate: 2026-01-01\n{extra}---\nText.\n"


def write(root: Path, rel: str, text: str | bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())


def problems(root: Path) -> list[str]:
    with pytest.raises(InvalidContent) as raised:
        load_site({**SETTINGS, "PATH": str(root)})
    return [str(p) for p in raised.value.problems]


def test_numbers_stay_text_and_repeated_keys_are_refused():
    meta, _, found = parse_text("a.md", b"---\ntitle: 3.10\ntags: [1.10, 010]\n---\n")
    assert found == [] and meta == {"title": "3.10", "tags": ["1.10", "010"]}
    _, _, found = parse_text("a.md", b"---\ntitle: First\ndate: 2026-01-01\ntitle: Second\n---\n")
    assert [str(p) for p in found] == [
        "a.md: front matter: invalid YAML on line 4: the key 'title' is given twice"
    ]


def test_unclosed_or_list_front_matter():
    _, _, found = parse_text("a.md", b"---\ntitle: T\ndate: 2026-01-01\nBody\n")
    assert [str(p) for p in found] == [
        "a.md: front matter: has no closing '---' line after the keys"
    ]
    _, _, found = parse_text("a.md", b"---\n- a\n- b\n---\nBody\n")
    assert [str(p) for p in found] == ["a.md: front matter: must be 'key: value' lines"]


def test_files_that_cope_would_not_check_are_refused(tmp_path):
    write(tmp_path, "news/ok.md", STORY.format(title="OK", extra=""))
    write(tmp_path, "news/legacy.html", "<html><head><title>Old</title></head></html>")
    write(tmp_path, "pages/old.rst", "Old\n===\n")
    write(tmp_path, "images/notes.md", STORY.format(title="Notes", extra="status: draft\n"))
    write(tmp_path, "images/photo.png", b"\x89PNG")
    assert problems(tmp_path) == [
        "images/notes.md: file: is a Markdown file outside the story and page folders; "
        "move it into a category folder or pages/",
        "news/legacy.html: file: is not Markdown; stories and pages must be .md files with "
        "front matter",
        "pages/old.rst: file: is not Markdown; stories and pages must be .md files with "
        "front matter",
    ]


def test_two_stories_cannot_share_an_address(tmp_path):
    write(tmp_path, "news/a.md", STORY.format(title="A", extra="slug: same\n"))
    write(tmp_path, "alerts/b.md", STORY.format(title="B", extra="slug: same\n"))
    write(tmp_path, "pages/news.md", "---\ntitle: News page\n---\nx\n")
    write(tmp_path, "pages/feeds.md", "---\ntitle: Feeds\n---\nx\n")
    assert problems(tmp_path) == [
        "news/a.md: slug: 'same' is also used by alerts/b.md; every story needs its own "
        "(rename the file or set slug:)",
        "pages/feeds.md: slug: 'feeds' is an address the site uses itself; rename the file "
        "or set slug:",
        "pages/news.md: slug: 'news' is also the address of the category News; choose another",
    ]


def test_redirects_cannot_replace_pages_or_each_other(tmp_path):
    write(tmp_path, "news/a.md", STORY.format(title="A", extra="redirect_from: [/, /old/]\n"))
    write(tmp_path, "news/b.md", STORY.format(title="B", extra="redirect_from: [/news/a/, /old]\n"))
    write(tmp_path, "news/c.md", STORY.format(title="C", extra="redirect_from: ['/x.aspx?id=1']\n"))
    found = problems(tmp_path)
    assert found[:3] == [
        "news/a.md: redirect_from: '/' is the address of the site itself; a redirect cannot "
        "replace a page",
        "news/b.md: redirect_from: '/news/a/' is the address of news/a.md; a redirect cannot "
        "replace a page",
        "news/b.md: redirect_from: '/old' is also redirected by news/a.md",
    ]
    assert found[3].startswith("news/c.md: redirect_from: must be a list of old site paths")


def test_links_in_the_summary_are_checked_and_future_pages_are_unpublished(tmp_path):
    write(
        tmp_path,
        "news/a.md",
        STORY.format(title="A", extra="summary: See [plan]({filename}/pages/plan.md)\n"),
    )
    write(tmp_path, "pages/plan.md", "---\ntitle: Plan\ndate: 2099-01-01\n---\nx\n")
    assert problems(tmp_path) == [
        "news/a.md: body: links to pages/plan.md, which is not published "
        "(draft, hidden or future-dated)"
    ]


def test_control_characters_are_refused_with_their_line():
    _, _, found = parse_text("a.md", b"---\ntitle: T\n---\nOne\x0btwo\n")
    assert [str(p) for p in found] == [
        "a.md: file: has the invisible control character U+000B on line 4 (often pasted from a "
        "word processor); delete it"
    ]
