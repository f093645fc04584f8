"""`python -m cope check`: checks the content and writes nothing."""

from __future__ import annotations

import subprocess
import sys

from conftest import FIXTURE_SITE, ROOT


def cope(*args):
    return subprocess.run(
        [sys.executable, "-m", "cope", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_passes_on_good_content():
    result = cope("check", str(FIXTURE_SITE))
    assert result.returncode == 0, result.stderr
    assert "no problems" in result.stdout


def test_check_lists_every_problem_and_fails(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text("---\ndate: someday\n---\n", encoding="utf-8")
    result = cope("check", str(tmp_path))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[:2] == [
        "news/a.md: date: 'someday' is not a date; write it like 2026-11-28 09:30 or 2026-11-28",
        "news/a.md: title: is missing; it is required",
    ]
    assert list(tmp_path.rglob("*")) == [tmp_path / "news", tmp_path / "news" / "a.md"]


def test_hootsuite_csvs_with_future_times(built_site, tmp_path):
    import csv
    import datetime as dt

    start = (dt.datetime.now() + dt.timedelta(days=1)).replace(hour=9, minute=2)
    result = cope(
        "hootsuite",
        str(built_site),
        "--start",
        start.strftime("%Y-%m-%d %H:%M"),
        "--every",
        "15",
        "--out",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader((tmp_path / "x.csv").open(encoding="utf-8")))
    assert [r[0][-5:] for r in rows] == ["09:05", "09:20", "09:35", "09:50"]
    assert rows[0][1].startswith("ALERT: Boil water notice")  # the live emergency first
    assert not (tmp_path / "sms.csv").exists()
    past = cope("hootsuite", str(built_site), "--start", "2020-01-01 09:00", "--out", str(tmp_path))
    assert past.returncode == 2 and "10 minutes ahead" in past.stderr
