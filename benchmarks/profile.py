"""Profile one cope build of N synthetic articles with pyinstrument.

    python -m benchmarks.profile [-n 2000] [--out benchmarks/.cache/profile-2000.txt]

Writes pyinstrument's call tree (text) and prints the functions in cope's own code
(plugins/cope/) that take the most time: cumulative (the function and what it calls) and
own (in the function's body). pyinstrument is not a dependency of the site: install it
with `.venv/bin/python -m pip install pyinstrument` (or the `bench` extra).
"""

from __future__ import annotations

import argparse
import os
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import generate  # noqa: E402

COPE = str(ROOT / "plugins" / "cope")


def cope_functions(stats: pstats.Stats, top: int) -> tuple[list[tuple], list[tuple]]:
    """(file:function, seconds) of cope's functions, by cumulative and by own time."""
    rows = []
    for (path, line, name), (_, _, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        if path.startswith(COPE):
            where = f"{Path(path).relative_to(ROOT / 'plugins').as_posix()}:{line}:{name}"
            rows.append((where, cumulative, own))
    by_cumulative = sorted(rows, key=lambda r: -r[1])[:top]
    by_own = sorted(rows, key=lambda r: -r[2])[:top]
    return by_cumulative, by_own


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=2000, help="articles")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--out", help="text report (default: benchmarks/.cache/profile-N.txt)")
    args = parser.parse_args(argv)
    try:
        from pyinstrument.renderers import ConsoleRenderer, PstatsRenderer
        from pyinstrument.session import Session
    except ImportError:
        print("pyinstrument is not installed: .venv/bin/python -m pip install pyinstrument")
        return 2
    out = Path(args.out or ROOT / "benchmarks" / ".cache" / f"profile-{args.n}.txt")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cope-profile-") as work:
        content, output = Path(work, "content"), Path(work, "output")
        session_file = Path(work, "build.pyisession")
        generate.generate(content, args.n)
        command = [sys.executable, "-m", "pyinstrument", "-r", "session", "-o", str(session_file)]
        command += ["-m", "pelican", str(content), "-o", str(output)]
        command += ["-s", str(ROOT / "pelicanconf.py")]
        env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"))  # this checkout's cope
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stdout[-2000:], done.stderr[-2000:])
            return 1
        session = Session.load(str(session_file))
        out.write_text(
            ConsoleRenderer(unicode=True, color=False, show_all=False).render(session),
            encoding="utf-8",
        )
        stats_file = Path(work, "build.pstats")
        stats_file.write_bytes(PstatsRenderer().render(session).encode("utf-8", "surrogateescape"))
        stats = pstats.Stats(str(stats_file))
    print(f"{args.n} articles: {session.duration:.2f} s profiled; call tree in {out}")
    by_cumulative, by_own = cope_functions(stats, args.top)
    print("\ncope functions by cumulative time (with what they call):")
    for where, cumulative, _ in by_cumulative:
        print(f"  {cumulative:7.2f} s  {where}")
    print("\ncope functions by own time:")
    for where, _, own in by_own:
        print(f"  {own:7.2f} s  {where}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
