"""The deploy plan: what differs between output/ and the bucket, and in what order to act.

Pure functions. An object is uploaded when it is new, when its MD5 differs, or when its
Content-Type, Cache-Control, Content-Encoding or redirect differs. Uploads go in three
waves: assets first, then pages, then what lists and links to the rest (COPE_DEPLOY
'last'); deletions of objects no longer in output/ come after, capped by max_deletes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import quote

from .config import DeployConfig, matches
from .local import LocalFile

WAVES = ("assets", "pages", "indexes")


@dataclass(frozen=True)
class Remote:
    """What the bucket holds at one key, as far as the deploy needs to know."""

    key: str
    etag: str
    size: int
    md5: str | None
    content_type: str | None
    cache_control: str | None
    content_encoding: str | None
    redirect: str | None


@dataclass(frozen=True)
class Action:
    kind: str  # "upload" (new), "update" or "delete"
    key: str
    reason: str
    size: int = 0
    file: LocalFile | None = None


@dataclass
class Plan:
    waves: list[list[Action]] = field(default_factory=lambda: [[], [], []])
    deletes: list[Action] = field(default_factory=list)
    unchanged: int = 0

    @property
    def uploads(self) -> list[Action]:
        return [action for wave in self.waves for action in wave]

    def count(self, kind: str) -> int:
        return sum(1 for a in [*self.uploads, *self.deletes] if a.kind == kind)

    def bytes(self, kind: str) -> int:
        return sum(a.size for a in self.uploads if a.kind == kind)


def wave_of(path: str, config: DeployConfig) -> int:
    """0: assets, 1: HTML pages, 2: what lists and links to the rest."""
    if any(matches(path, pattern) for pattern in config.last):
        return 2
    return 1 if path.endswith((".html", ".htm")) else 0


def differences(local: LocalFile, remote: Remote) -> str | None:
    """Why the object must be uploaded again, or None when it is right."""
    checks = (
        (remote.md5 == local.md5, "content changed"),
        (remote.content_type == local.content_type, "Content-Type changed"),
        ((remote.cache_control or "") == local.cache_control, "Cache-Control changed"),
        (remote.content_encoding == local.content_encoding, "Content-Encoding changed"),
        (remote.redirect == local.redirect, "redirect changed"),
    )
    return next((reason for same, reason in checks if not same), None)


def make_plan(
    local: Iterable[LocalFile],
    remote: Mapping[str, Remote],
    config: DeployConfig,
    keep: Iterable[str] = (),
) -> Plan:
    """Compare output/ with the bucket; `keep` are keys never deleted (the deploy state)."""
    plan = Plan()
    wanted = set(keep)
    for file in local:
        wanted.add(file.key)
        theirs = remote.get(file.key)
        if theirs is None:
            action = Action("upload", file.key, "new", file.size, file)
        elif reason := differences(file, theirs):
            action = Action("update", file.key, reason, file.size, file)
        else:
            plan.unchanged += 1
            continue
        plan.waves[wave_of(file.path, config)].append(action)
    plan.deletes = [
        Action("delete", key, "not in the output", remote[key].size)
        for key in sorted(remote)
        if key not in wanted
    ]
    return plan


def invalidation_paths(actions: Iterable[Action], config: DeployConfig) -> list[str]:
    """CloudFront paths for changed keys: each index.html also as its folder; past
    `invalidation_paths` paths, one wildcard per top folder (at most 15, else '/*')."""
    paths: set[str] = set()
    for action in actions:
        path = "/" + quote(action.key, safe="/")  # CloudFront wants unsafe characters encoded
        paths.add(path)
        if path.endswith("/index.html"):
            paths.add(path[: -len("index.html")])
    if len(paths) <= config.invalidation_paths:
        return sorted(paths)
    wildcards = sorted({_folder_wildcard(path) for path in paths})
    return wildcards if len(wildcards) <= 15 else ["/*"]


def _folder_wildcard(path: str) -> str:
    """'/news/a/index.html' -> '/news/*'; a path at the top ('/', '/data.json') as it is."""
    parts = path.split("/", 2)
    return f"/{parts[1]}/*" if len(parts) == 3 else path
