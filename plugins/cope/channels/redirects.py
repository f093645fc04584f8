"""Redirect pages for a story's old addresses (`redirect_from`).

Each old path gets a small HTML page that sends readers and search engines on to the
story (meta refresh plus a canonical link and a plain link for anyone it does not move).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from pathlib import PurePosixPath
from typing import Any

from ..media import media_type_for
from ..story import Story
from ..writer import Output, json_output

REDIRECTS_MANIFEST = ".cope/redirects.json"


def redirect_path(old: str) -> str:
    """Where the redirect page for an old site path is written."""
    path = old.strip("/")
    if old.endswith("/") or not PurePosixPath(path).suffix:
        return f"{path}/index.html" if path else "index.html"
    return path


def redirect_page(story: Story) -> bytes:
    url, title = escape(story.url), escape(story.title)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(story.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Moved: {title}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={url}">\n'
        f'<link rel="canonical" href="{url}">\n<meta name="robots" content="noindex">\n'
        "</head>\n<body>\n<main>\n<h1>This page has moved</h1>\n"
        f'<p>It is now at <a href="{url}">{title}</a>.</p>\n</main>\n</body>\n</html>\n'
    ).encode()


def outputs(stories: Sequence[Story], settings: Mapping[str, Any]) -> Iterable[Output]:
    targets = {}
    for story in stories:
        for old in story.redirect_from:
            # Old addresses may end in .php or .aspx; the page is HTML all the same.
            yield Output(redirect_path(old), redirect_page(story), media_type_for("x.html"))
            targets[redirect_path(old)] = story.url
    # For the deploy (never uploaded: a dot-folder): S3 serves these keys as redirects.
    yield json_output(REDIRECTS_MANIFEST, dict(sorted(targets.items())))
