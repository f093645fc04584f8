"""Pelican reader for Markdown with YAML front matter (python-frontmatter + Python-Markdown).

The front matter was already parsed and checked by source.load_site when Pelican started;
the reader turns that Document into Pelican's (HTML, metadata) pair.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, ClassVar

from markdown import Markdown
from pelican.readers import BaseReader

from .schema import InvalidContent
from .source import (
    Document,
    category_name,
    classify,
    is_published,
    load_document,
    rules_from,
    story_slug,
)
from .text.html import first_paragraph

DOCUMENTS_KEY = "_COPE_DOCUMENTS"
# Markdown's `meta` extension would eat an opening "Word: text" line of the body.
DROPPED_EXTENSIONS = ("markdown.extensions.meta", "meta")
# Keys Pelican turns into its own objects; the rest are passed through as they are.
PELICAN_PROCESSED = ("tags", "authors", "category")


def markdown_config(settings: dict[str, Any]) -> dict[str, Any]:
    config = dict(settings.get("MARKDOWN") or {})
    extensions = dict(config.get("extension_configs") or {})
    for name in DROPPED_EXTENSIONS:
        extensions.pop(name, None)
    config["extension_configs"] = extensions
    config["extensions"] = [e for e in config.get("extensions", []) if e not in DROPPED_EXTENSIONS]
    return config


class CopeMarkdownReader(BaseReader):
    """Reads `.md` files whose front matter follows cope's contract."""

    enabled = True
    file_extensions: ClassVar[list[str]] = ["md", "markdown"]

    def __init__(self, settings: dict[str, Any]):
        super().__init__(settings)
        self._md = Markdown(**markdown_config(settings))

    def _render(self, text: str) -> str:
        self._md.reset()
        return self._md.convert(text)

    def _document(self, source_path: str) -> Document:
        rel = Path(os.path.relpath(source_path, self.settings["PATH"])).as_posix()
        document = (self.settings.get(DOCUMENTS_KEY) or {}).get(rel)
        if document is None:  # not seen at start-up, e.g. added during autoreload
            kind = classify(rel, self.settings) or "article"
            document, problems = load_document(rel, kind, rules_from(self.settings))
            if problems:
                raise InvalidContent(problems)
        return document

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        document = self._document(source_path)
        content = self._render(document.body)
        meta = dict(document.meta)
        summary = meta.pop("summary", None)
        metadata: dict[str, Any] = {
            key: value for key, value in meta.items() if key not in PELICAN_PROCESSED
        }
        metadata["summary"] = self._render(summary) if summary else first_paragraph(content)
        metadata["cope_source"] = document.path
        metadata["cope_status"] = meta.get("status", "published")
        # Pelican writes its 'hidden' status and future-dated pages; draft it never writes.
        published = is_published(document, dt.datetime.now(dt.UTC))
        metadata["status"] = "published" if published else "draft"
        metadata["slug"] = story_slug(document, self.settings)
        for key in ("tags", "authors"):
            if meta.get(key):
                metadata[key] = self.process_metadata(key, meta[key])
        if document.kind == "article":
            category = category_name(document, self.settings)
            metadata["category"] = self.process_metadata("category", category)
        return content, metadata
