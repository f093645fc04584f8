"""What output/ holds, as the bucket should hold it: keys, MD5s, headers and redirects."""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..channels.redirects import REDIRECTS_MANIFEST
from ..media import media_type_for
from .config import DeployConfig, matches

COMPRESSIBLE = (
    "text/",
    "application/json",
    "application/feed+json",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "application/ld+json",
    "application/manifest+json",
    "image/svg+xml",
)


class DeployRefused(ValueError):
    """The output folder must not be deployed; the message says why."""


@dataclass(frozen=True)
class LocalFile:
    path: str  # relative to output/, with '/'
    key: str  # the object key: prefix + path
    source: Path | None  # the file to upload
    md5: str
    size: int
    content_type: str
    cache_control: str
    content_encoding: str | None = None
    redirect: str | None = None
    body: bytes | None = None  # the bytes to send when they are not the file's (gzip)


def cache_control_for(path: str, config: DeployConfig) -> str:
    for pattern, value in config.cache_control:
        if matches(path, pattern):
            return value
    return ""


def _hidden(name: str) -> bool:
    """Dot-files and dot-folders are never uploaded, but .well-known (security.txt...) is."""
    return name.startswith(".") and name != ".well-known"


def _skipped(rel: str, config: DeployConfig) -> bool:
    return any(_hidden(part) for part in rel.split("/")) or any(
        matches(rel, pattern) for pattern in config.exclude
    )


def _md5_of(path: Path) -> str:
    digest = hashlib.md5()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _file(root: Path, rel: str, config: DeployConfig) -> LocalFile:
    source = root / rel
    content_type = media_type_for(rel)
    common = {
        "path": rel,
        "key": config.key_prefix + rel,
        "source": source,
        "content_type": content_type,
        "cache_control": cache_control_for(rel, config),
    }
    if config.gzip and content_type.startswith(COMPRESSIBLE):
        body = gzip.compress(source.read_bytes(), compresslevel=9, mtime=0)
        return LocalFile(
            **common,
            md5=hashlib.md5(body).hexdigest(),
            size=len(body),
            content_encoding="gzip",
            body=body,
        )
    return LocalFile(**common, md5=_md5_of(source), size=source.stat().st_size)


def scan(output_dir: str | Path, config: DeployConfig) -> list[LocalFile]:
    """Every file to deploy, sorted by path; DeployRefused for a folder not to deploy."""
    root = Path(output_dir)
    if not root.is_dir():
        raise DeployRefused(f"{root}: no such folder; build the site first (make publish)")
    if not (root / "index.html").is_file():
        raise DeployRefused(
            f"{root}: no index.html, so this is not a built site; build it first (make publish)"
        )
    resolved = root.resolve()
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        for name in files:
            path = Path(folder, name)
            rel = path.relative_to(root).as_posix()
            if _skipped(rel, config) or not path.resolve().is_relative_to(resolved):
                continue  # dot-files, excluded globs, links to outside output/
            found.append(rel)
    manifest = root / REDIRECTS_MANIFEST
    redirects = json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else {}
    # A redirect page goes up as the HTML page it is, with S3's redirect header as well.
    files = [
        dataclasses.replace(_file(root, rel, config), redirect=redirects.get(rel))
        for rel in sorted(found)
    ]
    if not files:
        raise DeployRefused(f"{root}: nothing to deploy")
    return files
