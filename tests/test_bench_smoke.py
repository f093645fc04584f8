"""The benchmark (make bench) runs and reports, on a small site. Times are never asserted:
speed is measured by `make bench`, not by tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import generate, run  # noqa: E402

STATUSES = {"met", "not met", "not measured"}


def test_generated_content_is_deterministic_and_passes_cope_check(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    made = generate.generate(first, 60)
    generate.generate(second, 60)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    assert len({a.stem for a in made}) == len(made) == 60
    assert {a.category for a in made} == set(generate.CATEGORIES)
    assert any("alert" in a.meta for a in made) and any("event" in a.meta for a in made)
    checked = subprocess.run(
        [sys.executable, "-m", "cope", "check", str(first), "-s", "pelicanconf.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    vanilla = tmp_path / "vanilla"
    generate.generate(vanilla, 60, flavor="vanilla")
    text = (vanilla / made[0].path).read_text(encoding="utf-8")
    assert text.startswith(f"Title: {made[0].meta['title']}\n")


def test_bench_runs_and_reports(tmp_path):
    out = tmp_path / "results.json"
    status = run.main(
        [
            "--sizes",
            "50",
            "--runs",
            "1",
            "--deploy-articles",
            "30",
            "--deploy-files",
            "400",
            "--tools",
            "cope",
            "--out",
            str(out),
            "--workdir",
            str(tmp_path / "work"),
        ]
    )
    assert status == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    assert {"machine", "parameters", "build", "deploy", "targets"} <= set(results)
    assert results["machine"]["nproc"] >= 1 and results["machine"]["python"]

    (row,) = results["build"]
    assert row["articles"] == 50
    for name in ("vanilla", "cope", "cope_cached"):
        assert row[name]["seconds"] > 0
        assert row[name]["peak_rss_mb"] > 0
    assert row["vanilla"]["files"] > 0 and row["cope"]["files"] > 0
    assert row["time_ratio"] > 0 and row["memory_ratio"] > 0
    assert isinstance(row["cope_cached"]["same_output_as_uncached"], bool)

    deploy = results["deploy"]
    assert deploy["files"] == 400 and deploy["padding_files"] > 0
    assert deploy["changed_files"] > 0
    cope = deploy["tools"]["cope"]
    assert cope["available"] is True
    for scenario in run.SCENARIOS:
        assert cope[scenario]["seconds"] > 0
        assert cope[scenario]["puts"] >= 0
        assert cope[scenario]["stale_or_missing"] == 0
    assert cope["first"]["puts"] >= deploy["site_files"]
    assert {"exact", "changed_files", "unchanged_files_put"} <= set(cope["change"]["only_changed"])

    assert set(results["targets"]) == {
        "build_time_ratio_2000",
        "build_growth_2000_4000",
        "peak_memory_ratio",
        "deploy_first_vs_hugo",
        "deploy_noop_vs_hugo",
        "deploy_uploads_only_changed",
    }
    assert {t["status"] for t in results["targets"].values()} <= STATUSES


def test_targets_are_judged_from_the_numbers():
    def size(n, vanilla, cope, memory):
        return {
            "articles": n,
            "vanilla": {"seconds": vanilla},
            "cope": {"seconds": cope},
            "time_ratio": round(cope / vanilla, 3),
            "memory_ratio": memory,
        }

    build = [size(2000, 10.0, 12.0, 1.2), size(4000, 20.0, 30.0, 1.4)]
    timing = {"first": {"seconds": 2.0}, "noop": {"seconds": 1.0}, "noop_rebuilt": {"seconds": 1.0}}
    deploy = {
        "tools": {
            "cope": {"available": True, **timing, "change": {"only_changed": {"exact": True}}},
            "hugo": {"available": True, **timing, "first": {"seconds": 1.0}},
        }
    }
    found = run.targets(build, deploy)
    assert found["build_time_ratio_2000"]["status"] == "met"
    assert found["build_growth_2000_4000"]["value"] == 2.5
    assert found["build_growth_2000_4000"]["status"] == "not met"
    assert found["peak_memory_ratio"]["status"] == "not met"
    assert found["deploy_first_vs_hugo"]["status"] == "not met"
    assert found["deploy_noop_vs_hugo"]["status"] == "met"
    assert found["deploy_uploads_only_changed"]["status"] == "met"
    assert run.targets([], None)["deploy_first_vs_hugo"]["status"] == "not measured"


def test_put_keys_are_object_keys():
    requests = [
        ("PUT", "/b"),
        ("PUT", "/b/news/a%20b/index.html?x-id=PutObject"),
        ("GET", "/b?list-type=2"),
        ("PUT", "/b/feeds/all.rss.xml"),
    ]
    assert run.put_keys(requests, "b") == ["news/a b/index.html", "feeds/all.rss.xml"]
