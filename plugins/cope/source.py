"""Reading the content tree: every Markdown file parsed and checked in one pass.

This is the I/O edge in front of schema.py. `load_site` runs when Pelican starts, before
anything is written; it returns the parsed documents (the reader reuses them, so each
file's YAML is parsed once) or raises InvalidContent listing every problem.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import frontmatter
import yaml

from .schema import InvalidContent, Problem, Rules, check_body, check_front_matter, check_links
from .settings import check_settings, merged

MARKDOWN_SUFFIXES = (".md", ".markdown")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastYAML(frontmatter.YAMLHandler):
    """python-frontmatter's YAML handler with libyaml's loader when it is there."""

    def load(self, fm: str, **kwargs: object) -> Any:
        return yaml.load(fm, Loader=_YAML_LOADER)


_HANDLER = _FastYAML()


@dataclass(frozen=True)
class Document:
    """One content file: its kind, its checked front matter and its Markdown body."""

    path: str  # relative to the content folder, with '/'
    kind: str  # "article", "page", "testimonial" or "newsletter"
    meta: dict[str, Any] = field(hash=False)
    body: str = field(hash=False)


def parse_text(path: str, raw: bytes) -> tuple[dict[str, Any] | None, str, list[Problem]]:
    """Split one file into (front matter, body); problems if it is not UTF-8 or YAML."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        bad = raw[error.start : error.start + 1].hex()
        return None, "", [Problem(path, "file", f"is not valid UTF-8 (byte 0x{bad} on line "
                                  f"{line}); save it with UTF-8 encoding")]  # fmt: skip
    if not text.lstrip().startswith("---"):
        return None, "", [Problem(path, "front matter", "is missing; start the file with a "
                                  "line '---', then the keys, then another '---'")]  # fmt: skip
    try:
        meta, body = frontmatter.parse(text, handler=_HANDLER)
    except yaml.YAMLError as error:
        # The front matter text starts on the '---' line, so YAML's 0-based line is the
        # file's 1-based line.
        mark = getattr(error, "problem_mark", None)
        where = f" on line {mark.line + 1}" if mark is not None else ""
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return None, "", [Problem(path, "front matter", f"invalid YAML{where}: {reason}")]
    if not isinstance(meta, dict):
        return None, "", [Problem(path, "front matter", "must be 'key: value' lines")]
    return meta, body, []


def _matches(rel: str, patterns: list[str]) -> bool:
    return any(rel == p or rel.startswith(p.rstrip("/") + "/") for p in patterns if p)


def classify(rel: str, settings: Mapping[str, Any]) -> str | None:
    """Which kind of content a path holds, following Pelican's path settings."""
    where = merged(settings, "COPE_CONTENT")
    if _matches(rel, [where["testimonials_path"]]):
        return "testimonial"
    if _matches(rel, [where["newsletters_path"]]):
        return "newsletter"
    if _matches(rel, settings.get("PAGE_PATHS", ["pages"])) and not _matches(
        rel, settings.get("PAGE_EXCLUDES", [])
    ):
        return "page"
    article_paths = settings.get("ARTICLE_PATHS") or [""]
    if (article_paths == [""] or _matches(rel, article_paths)) and not _matches(
        rel, settings.get("ARTICLE_EXCLUDES", [])
    ):
        return "article"
    return None


def content_files(content_path: Path, ignore: list[str]) -> list[str]:
    """Every Markdown file under the content folder, relative, sorted."""
    found = []
    for root, dirs, files in os.walk(content_path):
        dirs[:] = sorted(d for d in dirs if not any(fnmatch.fnmatch(d, i) for i in ignore))
        for name in files:
            if name.endswith(MARKDOWN_SUFFIXES) and not any(
                fnmatch.fnmatch(name, i) for i in ignore
            ):
                found.append(Path(root, name).relative_to(content_path).as_posix())
    return sorted(found)


def rules_from(settings: Mapping[str, Any]) -> Rules:
    return Rules(
        timezone=ZoneInfo(settings.get("TIMEZONE") or "UTC"),
        audiences=tuple(settings.get("COPE_AUDIENCES") or ()),
        content_path=Path(settings["PATH"]),
    )


def load_document(rel: str, kind: str, rules: Rules) -> tuple[Document | None, list[Problem]]:
    """Read, parse and check one file."""
    raw = (rules.content_path / rel).read_bytes()
    meta, body, problems = parse_text(rel, raw)
    if meta is None:
        return None, problems
    if kind in ("article", "page"):
        meta, problems = check_front_matter(rel, meta, rules, is_article=kind == "article")
        problems += check_body(rel, body)
    return Document(rel, kind, meta, body), problems


def load_site(settings: Mapping[str, Any]) -> dict[str, Document]:
    """Check the settings and every content file; all documents by relative path.

    Raises InvalidContent with every problem found, so the build stops before writing.
    """
    problems = check_settings(settings)
    rules = rules_from(settings)
    documents: dict[str, Document] = {}
    for rel in content_files(rules.content_path, settings.get("IGNORE_FILES", [])):
        kind = classify(rel, settings)
        if kind is None:
            continue
        document, found = load_document(rel, kind, rules)
        problems += found
        if document is not None:
            documents[rel] = document
    problems += _link_problems(documents, rules)
    if problems:
        raise InvalidContent(problems)
    return documents


def _link_problems(documents: dict[str, Document], rules: Rules) -> list[Problem]:
    now = dt.datetime.now(dt.UTC)
    files = {
        p.relative_to(rules.content_path).as_posix()
        for p in rules.content_path.rglob("*")
        if p.is_file()
    }
    unpublished = {
        rel
        for rel, doc in documents.items()
        if doc.meta.get("status", "published") != "published"
        or (doc.kind == "article" and doc.meta.get("date") and doc.meta["date"] > now)
    }
    return [
        problem
        for rel, doc in documents.items()
        if rel not in unpublished
        for problem in check_links(rel, doc.body, files, unpublished)
    ]
