"""Carrying out a deploy: read both sides, plan, upload in waves, delete, invalidate,
remember, and report. Returns the exit status."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from .config import DeployConfig
from .local import LocalFile, scan
from .plan import Action, Plan, Remote, differences, invalidation_paths, make_plan
from .s3 import Bucket

OK, FAILED, REFUSED, OVER_CAP = 0, 1, 2, 3


@dataclass
class Outcome:
    uploaded: list[Action] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    etags: dict[str, str] = field(default_factory=dict)
    invalidation: str | None = None


def _parallel(work: Callable[[Any], Any], items: Iterable[Any], workers: int):
    """Run work(item) on a thread pool; yield (item, result or exception)."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(work, item): item for item in items}
        for future in as_completed(futures):
            try:
                yield futures[future], future.result()
            except Exception as error:  # reported per file; the deploy goes on
                yield futures[future], error


def remote_view(bucket: Bucket, local_keys: set[str], workers: int) -> dict[str, Remote]:
    """The bucket's objects with MD5s and headers: headers from the deploy state, the MD5
    from a single-part ETag (or the state, for a multipart ETag it knows); HEAD for keys
    the state cannot answer for, if the output still has them."""
    listing = bucket.list()
    listing.pop(bucket.state_key, None)
    state = bucket.read_state()
    view: dict[str, Remote] = {}
    unknown = []
    for key, (etag, size) in listing.items():
        entry = state.get(key)
        if entry and (entry.get("etag") == etag or ("-" not in etag and "etag" not in entry)):
            md5 = entry.get("md5") if entry.get("etag") == etag else etag
            view[key] = Remote(
                key,
                etag,
                size,
                md5,
                entry.get("content_type"),
                entry.get("cache_control"),
                entry.get("content_encoding"),
                entry.get("redirect"),
            )
        elif key in local_keys:
            unknown.append((key, etag, size))
        else:  # about to be deleted: what it holds does not matter
            view[key] = Remote(key, etag, size, None, None, None, None, None)
    for (key, _, _), result in _parallel(lambda k: bucket.head(*k), unknown, workers):
        if isinstance(result, Exception):
            raise result
        view[key] = result
    return view


def _state_entry(file: LocalFile, etag: str) -> dict[str, Any]:
    entry = {
        "content_type": file.content_type,
        "cache_control": file.cache_control,
        "content_encoding": file.content_encoding,
        "redirect": file.redirect,
    }
    if etag != file.md5:  # multipart or SSE-KMS: the ETag is not the MD5, remember both
        entry.update(etag=etag, md5=file.md5)
    return entry


def print_plan(plan: Plan, console: Console) -> None:
    for action in [*plan.uploads, *plan.deletes]:
        size = f", {action.size:,} bytes" if action.kind != "delete" else ""
        console.print(f"{action.kind:<7} {action.key}  ({action.reason}{size})", highlight=False)
    console.print(
        f"plan: upload {plan.count('upload')} new ({plan.bytes('upload'):,} bytes), "
        f"update {plan.count('update')} ({plan.bytes('update'):,} bytes), "
        f"delete {len(plan.deletes)}, unchanged {plan.unchanged}",
        highlight=False,
    )


def _upload_waves(bucket: Bucket, plan: Plan, outcome: Outcome, console: Console) -> None:
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
    )
    total = sum(a.size for a in plan.uploads)
    with Progress(*columns, console=console, disable=not console.is_terminal) as progress:
        task = progress.add_task("uploading", total=total)
        for wave in plan.waves:  # each wave finishes before the next starts
            for action, result in _parallel(
                lambda a: bucket.upload(a.file), wave, bucket.config.workers
            ):
                if isinstance(result, Exception):
                    outcome.failed.append((action.key, str(result)))
                else:
                    outcome.uploaded.append(action)
                    outcome.etags[action.key] = result
                progress.advance(task, action.size)


def deploy(output_dir: str | Path, config: DeployConfig, console: Console | None = None) -> int:
    """Deploy `output_dir` as `config` says; the exit status."""
    console = console or Console()
    started = time.monotonic()
    local = scan(output_dir, config)
    bucket = Bucket(config)
    local_keys = {f.key for f in local}
    remote = remote_view(bucket, local_keys, config.workers)
    plan = make_plan(local, remote, config, keep=[bucket.state_key])
    if config.dry_run:
        print_plan(plan, console)
        console.print("dry run: nothing was changed", highlight=False)
        return OK
    outcome = Outcome()
    try:
        _upload_waves(bucket, plan, outcome, console)
    finally:  # even when interrupted: remember what was done
        bucket.write_state(_new_state(local, remote, outcome))
    status = OK
    if outcome.failed and plan.deletes:
        console.print(
            f"{len(outcome.failed)} uploads failed, so nothing was deleted: an old "
            "page stays up until its replacement is.",
            highlight=False,
        )
    elif len(plan.deletes) > config.max_deletes and not config.force_deletes:
        console.print(
            f"{len(plan.deletes)} objects are no longer in the output, more than "
            f"max_deletes ({config.max_deletes}): nothing was deleted. Check the "
            "output, then run again with --force-deletes.",
            highlight=False,
        )
        status = OVER_CAP
    elif plan.deletes:
        failed = bucket.delete([a.key for a in plan.deletes])
        outcome.failed += [(line, "delete failed") for line in failed]
        failed_keys = {line.split(":", 1)[0] for line in failed}
        outcome.deleted = [a.key for a in plan.deletes if a.key not in failed_keys]
    changed = [*outcome.uploaded, *(a for a in plan.deletes if a.key in outcome.deleted)]
    if config.distribution_id and changed:
        try:
            outcome.invalidation = bucket.invalidate(invalidation_paths(changed, config))
        except Exception as error:
            outcome.failed.append(("CloudFront invalidation", str(error)))
    _summary(plan, outcome, console, time.monotonic() - started)
    return FAILED if outcome.failed else status


def _new_state(
    local: list[LocalFile], remote: dict[str, Remote], outcome: Outcome
) -> dict[str, dict[str, Any]]:
    """What the bucket now holds: the uploaded objects and the ones that were already right
    (a failed upload is left out, so the next deploy asks about it)."""
    state = {}
    for file in local:
        theirs = remote.get(file.key)
        if file.key in outcome.etags:
            state[file.key] = _state_entry(file, outcome.etags[file.key])
        elif theirs is not None and differences(file, theirs) is None:
            state[file.key] = _state_entry(file, theirs.etag)
    return state


def _summary(plan: Plan, outcome: Outcome, console: Console, seconds: float) -> None:
    uploaded = [a for a in outcome.uploaded if a.kind == "upload"]
    updated = [a for a in outcome.uploaded if a.kind == "update"]
    console.print(
        f"deployed in {seconds:.1f} s: {len(uploaded)} new, {len(updated)} updated "
        f"({sum(a.size for a in outcome.uploaded):,} bytes), {len(outcome.deleted)} deleted, "
        f"{plan.unchanged} unchanged"
        + (f"; CloudFront invalidation {outcome.invalidation}" if outcome.invalidation else ""),
        highlight=False,
    )
    for key, why in outcome.failed:
        console.print(f"FAILED {key}: {why}", highlight=False)
    if outcome.failed:
        console.print(
            f"{len(outcome.failed)} failed; everything else was done. Run the deploy "
            "again: it picks up where this one stopped.",
            highlight=False,
        )
