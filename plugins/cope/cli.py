"""Command line: `python -m cope check [CONTENT] [-s SETTINGS]`.

`check` reads the settings and every content file and prints each problem on one line,
without building or writing anything; exit status 1 when there is a problem.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cope", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="check the content; write nothing")
    check_parser.add_argument("content", nargs="?", help="content folder (default: PATH)")
    check_parser.add_argument("-s", "--settings", default="pelicanconf.py")
    args = parser.parse_args(argv)
    return check(args.content, args.settings)
