"""Shared test helpers: real Pelican builds of tests/fixtures/site into temporary folders."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
SITEURL = "http://127.0.0.1:8000"


def run_pelican(content: Path, output: Path, *settings: str, conf: str = "pelicanconf.py"):
    """Build with the pelican command, as `make html` does, with `-e` settings such as
    'SITEURL="http://127.0.0.1:8000"'; the finished process."""
    extra = ["-e", *settings] if settings else []
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", conf, *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, relative path -> bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    """A copy of the fixture site that a test may change."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, target)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site built once with the pelican command."""
    output = tmp_path_factory.mktemp("built") / "output"
    result = run_pelican(FIXTURE_SITE, output)
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture(scope="session")
def build_context(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The generators' shared context after an in-process build of the fixture site."""
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(FIXTURE_SITE),
            "OUTPUT_PATH": str(tmp_path_factory.mktemp("inprocess")),
        },
    )
    pelican = Pelican(settings)
    captured: dict = {}

    def grab(generators):
        captured["context"] = generators[0].context
        captured["articles"] = generators[0].articles

    from pelican import signals

    signals.all_generators_finalized.connect(grab)
    try:
        pelican.run()
    finally:
        signals.all_generators_finalized.disconnect(grab)
    return captured
