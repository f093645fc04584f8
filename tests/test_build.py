"""Integration: real Pelican builds of tests/fixtures/site with the project's settings."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from conftest import FIXTURE_SITE, SITEURL, run_pelican, tree

PUBLISHED_PAGES = [
    "index.html",
    "404.html",
    "news/water-main/index.html",
    "alerts/boil-water/index.html",
    "alerts/old-freeze/index.html",
    "events/budget-hearing/index.html",
    "programs/ayuda-alimentaria/index.html",
    "about/index.html",
    "news/index.html",
    "alerts/index.html",
    "tag/water/index.html",
    "archives/index.html",
    "categories/index.html",
    "tags/index.html",
    "images/water.png",
    "2019/elm-street.html",
    "old/elm/index.html",
]
MARKERS = (
    b"DRAFT-MARKER-FIXTURE",
    b"HIDDEN-MARKER-FIXTURE",
    b"FUTURE-MARKER-FIXTURE",
    b"HIDDEN-PAGE-MARKER",
    b"FUTURE-PAGE-MARKER",
    b"draftonlytag",
    b"futureonlytag",
)
BANNER = f'data-cope-alert="{SITEURL}/alerts/boil-water/"'


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_published_article_and_page_is_built(built_site):
    missing = [p for p in PUBLISHED_PAGES if not (built_site / p).is_file()]
    assert missing == []


def test_drafts_hidden_and_future_reach_no_file(built_site):
    files = tree(built_site)
    leaks = [(path, m) for path, body in files.items() for m in MARKERS if m in body]
    assert leaks == []
    for gone in (
        "news/draft-story",
        "news/hidden-story",
        "news/future-story",
        "old-plan",
        "future-plan",
        "drafts",
        "tag/draftonlytag",
        "tag/futureonlytag",
    ):
        assert not (built_site / gone).exists(), gone


def test_emergency_banner_on_home_and_every_article_page(built_site):
    pages = [
        "index.html",
        "news/water-main/index.html",
        "about/index.html",
        "404.html",
        "alerts/old-freeze/index.html",
        "tag/water/index.html",
    ]
    for page in pages:
        html = (built_site / page).read_text(encoding="utf-8")
        assert html.count(BANNER) == 1, page
        assert (
            "Freeze warning"
            not in soup(built_site / page).find(attrs={"data-cope-alert": True}).get_text()
        ), page


def test_article_page_has_open_graph_and_twitter_card(built_site):
    page = soup(built_site / "news" / "water-main" / "index.html")

    def meta(key):
        tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
        return tag["content"] if tag else None

    assert meta("og:title") == "Water main work on Elm Street"
    assert meta("og:type") == "article"
    assert meta("og:url") == f"{SITEURL}/news/water-main/"
    assert meta("og:image") == f"{SITEURL}/images/water.png"
    assert meta("og:description") == "Crews will fix the water main on Elm Street next week."
    assert meta("twitter:card") == "summary_large_image"
    assert meta("twitter:image:alt") == "A blue water pipe"
    assert meta("article:published_time").startswith("2026-11-20T09:30:00-06:00")
    assert page.find("html")["lang"] == "en"
    assert len(page.find_all("h1")) == 1
    assert page.find("main", id="main") is not None
    skip = page.find("a", href="#main")
    assert skip is not None


def test_spanish_article_is_marked_spanish(built_site):
    assert soup(built_site / "programs/ayuda-alimentaria/index.html").find("html")["lang"] == "es"


def test_redirect_page_points_to_the_story(built_site):
    html = (built_site / "2019" / "elm-street.html").read_text(encoding="utf-8")
    assert f"url={SITEURL}/news/water-main/" in html


def test_no_build_timestamp_or_relative_site_links(built_site):
    for path, body in tree(built_site).items():
        if path.endswith(".html"):
            assert not re.search(rb'(href|src)="\.\./', body), path


def test_two_builds_are_byte_identical(built_site, tmp_path):
    again = tmp_path / "again"
    result = run_pelican(FIXTURE_SITE, again)
    assert result.returncode == 0, result.stderr
    first, second = tree(built_site), tree(again)
    assert sorted(first) == sorted(second)
    assert [p for p in first if first[p] != second[p]] == []


def test_bad_content_stops_the_build_and_keeps_the_previous_output(site_copy, tmp_path):
    output = tmp_path / "output"
    assert run_pelican(site_copy, output).returncode == 0
    before = tree(output)
    (site_copy / "news" / "bad.md").write_text(
        "---\ntitle: Bad\ndate: 2026-11-01\npriority: urgentt\naudiences: [teens]\n---\nx\n",
        encoding="utf-8",
    )
    (site_copy / "news" / "worse.md").write_bytes(b"---\ntitle: \xff\n---\n")
    result = run_pelican(site_copy, output)
    assert result.returncode == 1
    assert "news/bad.md: priority: 'urgentt' is not one of routine, urgent, emergency" in (
        result.stderr
    )
    assert "news/bad.md: audiences: 'teens' is not one of" in result.stderr
    assert "news/worse.md: file: is not valid UTF-8" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(output) == before


def test_unpublishing_an_article_removes_its_page(site_copy, tmp_path):
    output = tmp_path / "output"
    assert run_pelican(site_copy, output).returncode == 0
    assert (output / "news" / "water-main" / "index.html").exists()
    article = site_copy / "news" / "water-main.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("date:", "status: draft\ndate:", 1),
        encoding="utf-8",
    )
    assert run_pelican(site_copy, output).returncode == 0
    assert not (output / "news" / "water-main").exists()
    assert not (output / "2019" / "elm-street.html").exists()


def test_pelicans_own_feeds_stay_off_whatever_the_settings(tmp_path):
    output = tmp_path / "output"
    result = run_pelican(
        FIXTURE_SITE,
        output,
        'FEED_ALL_ATOM="feeds/all.atom.xml"',
        'CATEGORY_FEED_ATOM="feeds/{slug}.atom.xml"',
    )
    assert result.returncode == 0, result.stderr
    assert b"<generator>cope</generator>" in (output / "feeds" / "all.atom.xml").read_bytes()
    assert not (output / "feeds" / "news.atom.xml").exists()
