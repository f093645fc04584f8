"""Deploy settings: COPE_DEPLOY from the Pelican settings, then COPE_DEPLOY_* environment
variables, then the command line, each overriding the one before."""

from __future__ import annotations

import fnmatch
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from ..settings import merged

ENV_PREFIX = "COPE_DEPLOY_"


def matches(path: str, pattern: str) -> bool:
    """A glob ('*' spans '/'), or a regular expression when the pattern starts with 're:'."""
    if pattern.startswith("re:"):
        return re.fullmatch(pattern[3:], path) is not None
    return fnmatch.fnmatchcase(path, pattern)


@dataclass(frozen=True)
class DeployConfig:
    bucket: str
    prefix: str = ""
    region: str | None = None
    endpoint_url: str | None = None
    distribution_id: str | None = None
    max_deletes: int = 100
    force_deletes: bool = False
    workers: int = 8
    dry_run: bool = False
    gzip: bool = False
    cache_control: tuple[tuple[str, str], ...] = ()
    last: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    invalidation_paths: int = 300
    multipart_threshold: int = 8 * 1024 * 1024
    max_attempts: int = 8  # calls per request, first try included (botocore standard mode)
    cloudfront_endpoint_url: str | None = None  # only for tests and CloudFront look-alikes

    @property
    def key_prefix(self) -> str:
        """The prefix as keys begin with it: '' or 'site/'."""
        prefix = self.prefix.strip("/")
        return f"{prefix}/" if prefix else ""


def _convert(name: str, value: Any) -> Any:
    if name in (
        "max_deletes",
        "workers",
        "invalidation_paths",
        "multipart_threshold",
        "max_attempts",
    ):
        return int(value)
    if name in ("gzip", "force_deletes", "dry_run") and isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    if name in ("cache_control", "last", "exclude") and isinstance(value, str):
        value = json.loads(value)  # from the environment: JSON, e.g. '["cache/*"]'
    if name == "cache_control":
        return tuple(tuple(rule) for rule in value)
    if name in ("last", "exclude"):
        return tuple(value)
    return value


def load_config(
    settings: Mapping[str, Any],
    environ: Mapping[str, str] | None = None,
    arguments: Mapping[str, Any] | None = None,
) -> DeployConfig:
    """The deploy settings; ValueError naming what is missing or wrong."""
    values: dict[str, Any] = dict(merged(settings, "COPE_DEPLOY"))
    environ = os.environ if environ is None else environ
    names = {f.name for f in fields(DeployConfig)}
    for name in names:
        if f"{ENV_PREFIX}{name.upper()}" in environ:
            values[name] = environ[f"{ENV_PREFIX}{name.upper()}"]
    for name, value in (arguments or {}).items():
        if value is not None and name in names:
            values[name] = value
    if not values.get("bucket"):
        raise ValueError(
            "no bucket: give --bucket, set COPE_DEPLOY_BUCKET or COPE_DEPLOY['bucket']"
        )
    config = DeployConfig(**{k: _convert(k, v) for k, v in values.items() if k in names})
    if config.workers < 1 or config.max_deletes < 0:
        raise ValueError("workers must be at least 1 and max_deletes at least 0")
    return config
