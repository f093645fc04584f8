"""Outputs, media types and the one writer."""

from __future__ import annotations

import os

import pytest

from cope.media import media_type_for
from cope.writer import Output, write_outputs


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("feeds/all.rss.xml", "application/rss+xml; charset=utf-8"),
        ("feeds/all.atom.xml", "application/atom+xml; charset=utf-8"),
        ("feeds/all.json", "application/feed+json; charset=utf-8"),
        ("feeds/tag/water.json", "application/feed+json; charset=utf-8"),
        ("api/v1/index.json", "application/json; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
        ("news/a/index.html", "text/html; charset=utf-8"),
        ("channels/sms/a.txt", "text/plain; charset=utf-8"),
        ("newsletter/2026-11-30/message.eml", "message/rfc822"),
        ("images/A.PNG", "image/png"),
        ("theme/fonts/x.woff2", "font/woff2"),
        ("blob.unknown", "application/octet-stream"),
    ],
)
def test_media_type_by_suffix(path, media_type):
    assert media_type_for(path) == media_type


def test_output_takes_its_media_type_from_the_path_unless_given():
    assert Output("a/b.json", b"{}").media_type == "application/json; charset=utf-8"
    feed = Output("feeds/all.json", b"{}", "application/feed+json; charset=utf-8")
    assert feed.media_type.startswith("application/feed+json")


@pytest.mark.parametrize("bad", ["", "/etc/passwd", "../x.html", "a/../../x", "a//b", "a\\b"])
def test_output_path_must_stay_inside_output(bad):
    with pytest.raises(ValueError, match="must be relative"):
        Output(bad, b"")


def test_output_body_must_be_bytes():
    with pytest.raises(TypeError):
        Output("a.txt", "text")  # type: ignore[arg-type]


def test_two_outputs_for_one_path_are_refused(tmp_path):
    with pytest.raises(ValueError, match=r"two outputs claim a\.txt"):
        write_outputs(
            tmp_path, [Output("a.txt", b"1"), Output("b.txt", b""), Output("a.txt", b"2")]
        )


def test_writer_writes_sorted_and_skips_unchanged_files(tmp_path):
    outputs = [Output("b/c.txt", b"c"), Output("a.txt", b"a")]
    assert write_outputs(tmp_path, outputs) == ["a.txt", "b/c.txt"]
    assert (tmp_path / "b" / "c.txt").read_bytes() == b"c"
    os.utime(tmp_path / "a.txt", (1, 1))
    assert write_outputs(tmp_path, [Output("a.txt", b"a"), Output("b/c.txt", b"new")]) == [
        "b/c.txt"
    ]
    assert (tmp_path / "a.txt").stat().st_mtime == 1
    assert (tmp_path / "b" / "c.txt").read_bytes() == b"new"
