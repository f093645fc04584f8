"""Command line.

python -m cope check [CONTENT] [-s SETTINGS]
    Read the settings and every content file and print each problem on one line, without
    building or writing anything; exit status 1 when there is a problem.
python -m cope deploy [OUTPUT_DIR] [-s SETTINGS] --bucket B [--prefix P] [--region R]
        [--endpoint-url URL] [--distribution-id ID] [--dry-run] [--max-deletes N]
        [--force-deletes] [--workers N]
    Deploy the built site to S3 (docs/deploy.md). Exit status 0 when done, 1 when
    something failed (what was and was not done is printed), 2 when the output folder is
    refused, 3 when deletions exceeded max_deletes and none were made.
python -m cope hootsuite [OUTPUT_DIR] --start "2026-12-04 09:00" [--every 30] [--out DIR]
    Write Hootsuite bulk-upload CSVs from the built queue (channels/queue.json) with times
    from --start, one post every --every minutes per network (Hootsuite accepts only times
    at least 10 minutes ahead, ending in 0 or 5). The built CSVs keep the stories' own times.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pelican.settings import read_settings

from .schema import InvalidContent
from .source import load_site


def check(content: str | None, settings_file: str) -> int:
    override = {"PATH": content} if content else {}
    settings = read_settings(settings_file, override=override)
    try:
        documents = load_site(settings)
    except InvalidContent as error:
        print(error.code, file=sys.stderr)
        return 1
    print(f"cope: {len(documents)} files checked, no problems.")
    return 0


DEPLOY_OPTIONS = (
    "bucket",
    "prefix",
    "region",
    "endpoint_url",
    "distribution_id",
    "max_deletes",
    "workers",
)


def deploy(args: argparse.Namespace) -> int:
    from .deploy.config import load_config
    from .deploy.local import DeployRefused
    from .deploy.run import REFUSED
    from .deploy.run import deploy as run_deploy

    settings = read_settings(args.settings) if Path(args.settings).is_file() else {}
    arguments = {name: getattr(args, name) for name in DEPLOY_OPTIONS}
    arguments["dry_run"] = args.dry_run or None
    arguments["force_deletes"] = args.force_deletes or None
    try:
        config = load_config(settings, arguments=arguments)
        return run_deploy(args.output, config)
    except (DeployRefused, ValueError) as error:
        print(f"cope deploy: {error}", file=sys.stderr)
        return REFUSED


def hootsuite(args: argparse.Namespace) -> int:
    import datetime as dt
    import json

    from .channels.posts import hootsuite_csv, scheduled_rows

    try:
        start = dt.datetime.fromisoformat(args.start)
    except ValueError:
        print(
            f"cope hootsuite: --start {args.start!r} is not a time like 2026-12-04 09:00",
            file=sys.stderr,
        )
        return 2
    if start < dt.datetime.now() + dt.timedelta(minutes=10) or args.every % 5:
        print(
            "cope hootsuite: Hootsuite needs times at least 10 minutes ahead and --every "
            "a multiple of 5 minutes",
            file=sys.stderr,
        )
        return 2
    queue = Path(args.output) / "channels" / "queue.json"
    if not queue.is_file():
        print(f"cope hootsuite: {queue} not found; build the site first", file=sys.stderr)
        return 2
    items = json.loads(queue.read_text(encoding="utf-8"))["items"]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for network, rows in scheduled_rows(items, start, args.every).items():
        (out / f"{network}.csv").write_bytes(hootsuite_csv(rows))
        print(f"{out / f'{network}.csv'}: {len(rows)} posts from {rows[0][0]}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cope",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="check the content; write nothing")
    check_parser.add_argument("content", nargs="?", help="content folder (default: PATH)")
    check_parser.add_argument("-s", "--settings", default="pelicanconf.py")
    deploy_parser = commands.add_parser("deploy", help="deploy the built site to S3")
    deploy_parser.add_argument("output", nargs="?", default="output", help="default: output")
    deploy_parser.add_argument(
        "-s",
        "--settings",
        default="publishconf.py",
        help="Pelican settings with COPE_DEPLOY (default: publishconf.py)",
    )
    deploy_parser.add_argument("--bucket")
    deploy_parser.add_argument("--prefix")
    deploy_parser.add_argument("--region")
    deploy_parser.add_argument("--endpoint-url", dest="endpoint_url")
    deploy_parser.add_argument("--distribution-id", dest="distribution_id")
    deploy_parser.add_argument("--max-deletes", dest="max_deletes", type=int)
    deploy_parser.add_argument("--workers", type=int)
    deploy_parser.add_argument("--dry-run", dest="dry_run", action="store_true")
    deploy_parser.add_argument("--force-deletes", dest="force_deletes", action="store_true")
    schedule = commands.add_parser("hootsuite", help="Hootsuite CSVs with future times")
    schedule.add_argument("output", nargs="?", default="output", help="default: output")
    schedule.add_argument("--start", required=True, help="first post, e.g. 2026-12-04 09:00")
    schedule.add_argument("--every", type=int, default=30, help="minutes between posts")
    schedule.add_argument("--out", default="hootsuite", help="folder for the CSVs")
    args = parser.parse_args(argv)
    if args.command == "deploy":
        return deploy(args)
    if args.command == "hootsuite":
        return hootsuite(args)
    return check(args.content, args.settings)
