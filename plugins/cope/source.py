"""Reading the content tree: every file parsed and checked in one pass.

This is the I/O edge in front of schema.py. `load_site` runs when Pelican starts, before
anything is written (and before Pelican empties the output folder); it returns the parsed
documents (the reader reuses them, so each file's YAML is parsed once) or raises
InvalidContent listing every problem: in files, in links between them, and in the
addresses they would be written to.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import frontmatter
import yaml
from pelican.utils import slugify

from .channels import sms, social
from .channels.redirects import redirect_path
from .schema import (
    InvalidContent,
    Problem,
    Rules,
    check_body,
    check_front_matter,
    check_intro,
    check_links,
    check_testimonial,
)
from .settings import check_settings, merged

MARKDOWN_SUFFIXES = (".md", ".markdown")
# Control characters other than tab and line ends: not allowed in XML (feeds) or most text.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Formats Pelican could read but cope does not check: refused in story and page folders.
UNCHECKED_SUFFIXES = (".html", ".htm", ".rst")
# First path segments the site's own pages and cope's channels use.
RESERVED = (
    "feeds",
    "api",
    "data.json",
    "channels",
    "newsletter",
    "testimonials",
    "tag",
    "tags",
    "categories",
    "archives",
    "page",
    "theme",
    "images",
    "index.html",
    "404.html",
)
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NUMBERS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


class ContentLoader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """YAML for editors: numbers stay text ('title: 3.10' is '3.10', not 3.1), and a key
    given twice is an error instead of the last one silently winning."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, Any]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in _NUMBERS]
        for first, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen = set()
        for key_node, _ in node.value:
            key = getattr(key_node, "value", None)
            if isinstance(key, str) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key '{key}' is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep)


class _ContentYAML(frontmatter.YAMLHandler):
    def load(self, fm: str, **kwargs: object) -> Any:
        return yaml.load(fm, Loader=ContentLoader)


_HANDLER = _ContentYAML()


@dataclass(frozen=True)
class Document:
    """One content file: its kind, its checked front matter and its Markdown body."""

    path: str  # relative to the content folder, with '/'
    kind: str  # "article", "page", "testimonial" or "newsletter"
    meta: dict[str, Any] = field(hash=False)
    body: str = field(hash=False)


def _one(path: str, field_name: str, message: str) -> tuple[None, str, list[Problem]]:
    return None, "", [Problem(path, field_name, message)]


def parse_text(path: str, raw: bytes) -> tuple[dict[str, Any] | None, str, list[Problem]]:
    """Split one file into (front matter, body); a problem if it is not UTF-8 or YAML."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        bad = raw[error.start : error.start + 1].hex()
        return _one(
            path,
            "file",
            f"is not valid UTF-8 (byte 0x{bad} on line {line}); save it with UTF-8 encoding",
        )
    if bad := CONTROL.search(text):
        line = text.count("\n", 0, bad.start()) + 1
        return _one(
            path,
            "file",
            f"has the invisible control character U+{ord(bad.group()):04X} "
            f"on line {line} (often pasted from a word processor); delete it",
        )
    if not _HANDLER.detect(text):
        return _one(
            path,
            "front matter",
            "is missing; start the file with a line '---', then the keys, then another '---'",
        )
    try:
        fm, body = _HANDLER.split(text)
    except ValueError:
        return _one(path, "front matter", "has no closing '---' line after the keys")
    try:
        meta = _HANDLER.load(fm)
    except yaml.YAMLError as error:
        # The front matter text starts on the '---' line, so YAML's 0-based line is the
        # file's 1-based line.
        mark = getattr(error, "problem_mark", None)
        where = f" on line {mark.line + 1}" if mark is not None else ""
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return _one(path, "front matter", f"invalid YAML{where}: {reason}")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return _one(path, "front matter", "must be 'key: value' lines")
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
    """Every file under the content folder but the ignored ones, relative, sorted."""
    found = []
    for root, dirs, files in os.walk(content_path):
        dirs[:] = sorted(d for d in dirs if not any(fnmatch.fnmatch(d, i) for i in ignore))
        found += [
            Path(root, name).relative_to(content_path).as_posix()
            for name in files
            if not any(fnmatch.fnmatch(name, i) for i in ignore)
        ]
    return sorted(found)


def rules_from(settings: Mapping[str, Any]) -> Rules:
    return Rules(
        timezone=ZoneInfo(settings.get("TIMEZONE") or "UTC"),
        audiences=tuple(settings.get("COPE_AUDIENCES") or ()),
        content_path=Path(settings["PATH"]),
    )


def is_published(document: Document, now: dt.datetime) -> bool:
    """Published status and not dated in the future (articles and pages alike)."""
    date = document.meta.get("date")
    return document.meta.get("status", "published") == "published" and not (
        isinstance(date, dt.datetime) and date > now
    )


def make_slug(text: str, settings: Mapping[str, Any]) -> str:
    """Pelican's slug of a text, with the site's SLUG_REGEX_SUBSTITUTIONS."""
    return slugify(text, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))


def story_slug(document: Document, settings: Mapping[str, Any]) -> str:
    """The slug: `slug:` when given, else the file name ('news/flood-update.md')."""
    return document.meta.get("slug") or make_slug(PurePosixPath(document.path).stem, settings)


def category_name(document: Document, settings: Mapping[str, Any]) -> str:
    """`category:` when given, else the folder: 'press-releases/x.md' -> 'Press releases'."""
    if document.meta.get("category"):
        return document.meta["category"]
    parent = PurePosixPath(document.path).parent.name
    if not parent:
        return settings.get("DEFAULT_CATEGORY", "misc")
    return parent.replace("-", " ").replace("_", " ").capitalize()


def load_document(rel: str, kind: str, rules: Rules) -> tuple[Document | None, list[Problem]]:
    """Read, parse and check one file."""
    raw = (rules.content_path / rel).read_bytes()
    meta, body, problems = parse_text(rel, raw)
    if meta is None:
        return None, problems
    if kind in ("article", "page"):
        meta, problems = check_front_matter(rel, meta, rules, is_article=kind == "article")
        problems += check_body(rel, body)
    elif kind == "testimonial":
        meta, problems = check_testimonial(rel, meta, rules)
    elif kind == "newsletter":
        meta, problems = check_intro(rel, meta, rules)
    return Document(rel, kind, meta, body), problems


def _file_problem(rel: str, kind: str | None) -> Problem | None:
    if rel.endswith(MARKDOWN_SUFFIXES) and kind is None:
        return Problem(
            rel,
            "file",
            "is a Markdown file outside the story and page folders; "
            "move it into a category folder or pages/",
        )
    if rel.endswith(UNCHECKED_SUFFIXES) and kind in ("article", "page"):
        return Problem(
            rel, "file", "is not Markdown; stories and pages must be .md files with front matter"
        )
    return None


def load_site(settings: Mapping[str, Any]) -> dict[str, Document]:
    """Check the settings and every content file; all documents by relative path.

    Raises InvalidContent with every problem found, so the build stops before writing.
    """
    problems = check_settings(settings)
    rules = rules_from(settings)
    files = content_files(rules.content_path, settings.get("IGNORE_FILES", []))
    documents: dict[str, Document] = {}
    for rel in files:
        kind = classify(rel, settings)
        problem = _file_problem(rel, kind)
        if problem or not rel.endswith(MARKDOWN_SUFFIXES):
            problems += [problem] if problem else []
            continue
        document, found = load_document(rel, kind, rules)
        problems += found
        if document is not None:
            documents[rel] = document
    now = dt.datetime.now(dt.UTC)
    problems += _link_problems(documents, set(files), now)
    problems += _address_problems(documents, settings)
    if not problems:  # the lengths need good settings and addresses
        problems += _override_problems(documents, settings)
    if problems:
        raise InvalidContent(problems)
    return documents


def _link_problems(
    documents: dict[str, Document], files: set[str], now: dt.datetime
) -> list[Problem]:
    unpublished = {rel for rel, doc in documents.items() if not is_published(doc, now)}
    return [
        problem
        for rel, doc in documents.items()
        if rel not in unpublished and doc.kind in ("article", "page")
        for problem in check_links(
            rel, doc.body + "\n" + doc.meta.get("summary", ""), files, unpublished
        )
    ]


def _save_as(pattern: str, **values: Any) -> str | None:
    """A Pelican *_SAVE_AS pattern filled in; None when it needs what we do not know."""
    try:
        return pattern.format(**values) if pattern else None
    except (KeyError, ValueError, IndexError, AttributeError):
        return None


class _Addresses:
    """Output paths claimed so far, and the problems of two claims on one path."""

    def __init__(self) -> None:
        self.owners: dict[str, str] = {}
        self.problems: list[Problem] = []

    def claim(self, path: str | None, owner: str, rel: str, field_name: str, what: str) -> None:
        if path is None:
            return
        if path in self.owners:
            self.problems.append(
                Problem(
                    rel,
                    field_name,
                    f"{what} is also the address of {self.owners[path]}; choose another",
                )
            )
        else:
            self.owners[path] = owner


def _address_problems(documents: dict[str, Document], settings: Mapping[str, Any]) -> list[Problem]:
    """Two files that would be written to one address, or an address cope needs itself."""
    addresses = _Addresses()
    stories = [doc for _, doc in sorted(documents.items()) if doc.kind in ("article", "page")]
    categories = {
        make_slug(category_name(doc, settings), settings): category_name(doc, settings)
        for doc in reversed(stories)
        if doc.kind == "article"
    }
    for slug, name in sorted(categories.items()):
        path = _save_as(settings.get("CATEGORY_SAVE_AS", ""), slug=slug)
        addresses.claim(path, f"the category {name}", "settings", "CATEGORY_SAVE_AS", slug)
    slugs: dict[str, str] = {}
    for doc in stories:
        slug, rel = story_slug(doc, settings), doc.path
        if doc.kind == "page" and slug in RESERVED:
            reserved = f"'{slug}' is an address the site uses itself; rename the file or set slug:"
            addresses.problems.append(Problem(rel, "slug", reserved))
            continue
        if doc.kind == "page":
            addresses.claim(
                _save_as(settings.get("PAGE_SAVE_AS", ""), slug=slug, lang=""),
                rel,
                rel,
                "slug",
                f"'{slug}'",
            )
            continue
        if slug in slugs:
            addresses.problems.append(
                Problem(
                    rel,
                    "slug",
                    f"'{slug}' is also used by "
                    f"{slugs[slug]}; every story needs its own "
                    "(rename the file or set slug:)",
                )
            )
            continue
        slugs[slug] = rel
        path = _save_as(settings.get("ARTICLE_SAVE_AS", ""), **_article_values(doc, settings))
        addresses.claim(path, rel, rel, "slug", f"'{slug}'")
    return addresses.problems + _redirect_problems(stories, addresses.owners)


def _article_values(document: Document, settings: Mapping[str, Any]) -> dict[str, Any]:
    """What Pelican fills ARTICLE_URL and ARTICLE_SAVE_AS with."""
    return {
        "slug": story_slug(document, settings),
        "category": make_slug(category_name(document, settings), settings),
        "lang": document.meta.get("lang", ""),
        "date": document.meta.get("date"),
    }


def _override_problems(
    documents: dict[str, Document], settings: Mapping[str, Any]
) -> list[Problem]:
    """Social and SMS overrides that would not fit once the story's link is added."""
    problems = []
    for rel, doc in sorted(documents.items()):
        if doc.kind != "article" or not (doc.meta.get("social") or doc.meta.get("sms")):
            continue
        values = _article_values(doc, settings)
        url = f"{settings['SITEURL']}/{_save_as(settings.get('ARTICLE_URL', ''), **values) or ''}"
        problems += social.override_problems(
            rel, doc.meta.get("social") or {}, url, values["slug"], settings
        )
        if doc.meta.get("sms"):
            problems += sms.override_problems(rel, doc.meta["sms"], settings)
    return problems


def _redirect_problems(stories: list[Document], owners: Mapping[str, str]) -> list[Problem]:
    problems = []
    redirected: dict[str, str] = {}
    for doc in stories:
        for old in doc.meta.get("redirect_from", []):
            target = redirect_path(old)
            if target.split("/", 1)[0] in RESERVED or target in owners:
                where = owners.get(target, "the site itself")
                problems.append(
                    Problem(
                        doc.path,
                        "redirect_from",
                        f"'{old}' is the address of {where}; a redirect cannot replace a page",
                    )
                )
            elif target in redirected:
                problems.append(
                    Problem(
                        doc.path,
                        "redirect_from",
                        f"'{old}' is also redirected by {redirected[target]}",
                    )
                )
            else:
                redirected[target] = doc.path
    return problems
