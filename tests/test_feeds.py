"""Feeds: RSS and Atom checked with feedparser, JSON Feed with a 1.1 schema, discovery."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import SITEURL
from jsonschema import Draft202012Validator, FormatChecker
from test_story import make_story

from cope.channels import feeds
from cope.story import Term

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "jsonfeed-1.1.schema.json").read_text())
FEED_TITLES = [  # the fixture's published stories whose channels include feeds, newest first
    "Boil water notice for North Riverbend",
    "Water main work on Elm Street",
    "Public budget hearing",
    "Ayuda con la comida",
    "Freeze warning has ended",
]
SETTINGS = {
    "SITENAME": "Site",
    "SITEURL": SITEURL,
    "COPE_AUDIENCES": {"residents": {"name": "Residents"}, "seniors": {"name": "Seniors"}},
}


def xml_feeds(site: Path) -> list[Path]:
    return sorted(site.glob("feeds/**/*.xml"))


def test_every_feed_set_has_three_formats(built_site):
    stems = {
        p.relative_to(built_site / "feeds").as_posix().split(".")[0]
        for p in (built_site / "feeds").rglob("*.*")
        if p.name != "index.html"
    }
    assert {"all", "category/news", "category/alerts", "tag/water", "audience/offline"} <= stems
    for stem in stems:
        for suffix in ("rss.xml", "atom.xml", "json"):
            assert (built_site / "feeds" / f"{stem}.{suffix}").is_file(), (stem, suffix)


def test_rss_and_atom_parse_cleanly_with_absolute_links(built_site):
    assert len(xml_feeds(built_site)) >= 20
    for path in xml_feeds(built_site):
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
        assert self_links == [f"{SITEURL}/{path.relative_to(built_site).as_posix()}"]
        for entry in parsed.entries:
            assert entry.link.startswith(SITEURL + "/")
            html = BeautifulSoup(entry.content[0].value, "html.parser")
            urls = [a["href"] for a in html.find_all(href=True)]
            urls += [i["src"] for i in html.find_all(src=True)]
            assert all(u.startswith(("http://", "https://", "mailto:")) for u in urls), urls


@pytest.mark.parametrize("suffix", ["rss.xml", "atom.xml"])
def test_site_feed_lists_the_published_stories(built_site, suffix):
    parsed = feedparser.parse((built_site / "feeds" / f"all.{suffix}").read_bytes())
    assert [e.title for e in parsed.entries] == FEED_TITLES
    first = parsed.entries[0]
    assert first.id == "tag:riverbend.example.gov,2026-11-25:alerts/boil-water"
    assert "emergency" in [t.term for t in first.tags]
    assert first.published_parsed[:5] == (2026, 11, 25, 12, 0)  # 06:00 Chicago in UTC
    water = parsed.entries[1]
    assert water.author == "Pat Lee"
    assert [t.term for t in water.tags][-2:] == ["water", "roads"]
    assert water.enclosures[0].href == f"{SITEURL}/images/water.png"
    assert water.enclosures[0].type == "image/png"
    assert parsed.feed.language == "en"


def test_atom_feed_has_id_updated_and_author_from_the_stories(built_site):
    parsed = feedparser.parse((built_site / "feeds" / "all.atom.xml").read_bytes())
    assert parsed.feed.id == f"{SITEURL}/feeds/all.atom.xml"
    assert parsed.feed.updated == "2026-11-25T06:00:00-06:00"
    assert parsed.feed.author == "Riverbend County Department of Human Services"
    assert parsed.entries[1].updated == "2026-11-21T14:00:00-06:00"
    rss = feedparser.parse((built_site / "feeds" / "all.rss.xml").read_bytes())
    assert rss.feed.updated_parsed[:4] == (2026, 11, 25, 12)


def test_json_feeds_validate_against_the_1_1_schema(built_site):
    validator = Draft202012Validator(SCHEMA, format_checker=FormatChecker())
    paths = sorted((built_site / "feeds").rglob("*.json"))
    assert len(paths) >= 10
    for path in paths:
        document = json.loads(path.read_text(encoding="utf-8"))
        errors = [e.message for e in validator.iter_errors(document)]
        assert errors == [], path
        assert document["feed_url"] == f"{SITEURL}/{path.relative_to(built_site).as_posix()}"
    site = json.loads((built_site / "feeds" / "all.json").read_text(encoding="utf-8"))
    assert [item["title"] for item in site["items"]] == FEED_TITLES
    assert site["items"][0]["date_published"] == "2026-11-25T06:00:00-06:00"
    assert "emergency" in site["items"][0]["tags"]


def test_schema_rejects_a_broken_feed():
    validator = Draft202012Validator(SCHEMA, format_checker=FormatChecker())
    broken = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "x",
        "items": [{"id": "1", "date_published": "yesterday"}],
        "bogus": 1,
    }
    assert len(list(validator.iter_errors(broken))) == 3


def test_category_tag_and_audience_feeds_hold_only_their_stories(built_site):
    def titles(rel):
        return [e.title for e in feedparser.parse((built_site / rel).read_bytes()).entries]

    assert titles("feeds/category/alerts.atom.xml") == [FEED_TITLES[0], FEED_TITLES[4]]
    assert titles("feeds/tag/roads.rss.xml") == ["Water main work on Elm Street"]
    # water-main is for residents and seniors only; the others have no audiences (= all)
    assert "Water main work on Elm Street" not in titles("feeds/audience/families.rss.xml")
    assert "Ayuda con la comida" in titles("feeds/audience/families.rss.xml")
    assert titles("feeds/audience/offline.rss.xml") == [
        FEED_TITLES[0],
        FEED_TITLES[2],
        FEED_TITLES[4],
    ]


def test_max_items_and_updated_come_from_the_stories():
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    stories = [
        make_story(
            slug=f"s{i}",
            title=f"S{i}",
            channels=frozenset({"feeds"}),
            date=base + dt.timedelta(days=10 - i),
            modified=base + dt.timedelta(days=10 - i),
        )
        for i in range(5)
    ]
    stories.append(make_story(slug="quiet", channels=frozenset({"api"})))
    sets = feeds.feed_sets(stories, {**SETTINGS, "COPE_FEEDS": {"max_items": 2}})
    site = sets[0]
    assert [i.title for i in site.items] == ["S0", "S1"]
    assert site.updated == base + dt.timedelta(days=10)
    audiences = {f.key: f for f in sets if f.kind == "audience"}
    assert audiences["seniors"].items == ()
    assert audiences["seniors"].updated == site.updated  # an empty feed takes the site's time


def test_modified_after_publication_moves_updated():
    story = make_story(channels=frozenset({"feeds"}))
    later = dataclasses.replace(story, modified=story.date + dt.timedelta(days=3))
    assert feeds.feed_sets([later], SETTINGS)[0].updated == later.modified


def test_discovery_links_on_every_page_and_on_category_pages(built_site):
    def alternates(rel):
        page = BeautifulSoup((built_site / rel).read_text(encoding="utf-8"), "html.parser")
        return [
            (link["type"], link["href"])
            for link in page.find_all("link", rel="alternate")
            if link.get("type")
        ]

    site_feeds = [
        ("application/rss+xml", f"{SITEURL}/feeds/all.rss.xml"),
        ("application/atom+xml", f"{SITEURL}/feeds/all.atom.xml"),
        ("application/feed+json", f"{SITEURL}/feeds/all.json"),
    ]
    for page in ("index.html", "about/index.html", "news/water-main/index.html", "404.html"):
        assert alternates(page)[:3] == site_feeds, page
    assert alternates("news/index.html")[3:] == [
        ("application/rss+xml", f"{SITEURL}/feeds/category/news.rss.xml"),
        ("application/atom+xml", f"{SITEURL}/feeds/category/news.atom.xml"),
        ("application/feed+json", f"{SITEURL}/feeds/category/news.json"),
    ]
    assert f"{SITEURL}/feeds/tag/water.json" in dict(alternates("tag/water/index.html")).values()


def test_feeds_page_lists_every_feed_in_plain_words(built_site):
    page = BeautifulSoup(
        (built_site / "feeds/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert page.find("h1").get_text(strip=True) == "Follow our news with a feed"
    assert page.find(id="what-is-a-feed") is not None
    listed = {a["href"] for a in page.select("ul.feed-list a")}
    written = {
        f"{SITEURL}/{p.relative_to(built_site).as_posix()}"
        for p in (built_site / "feeds").rglob("*.*")
        if p.name != "index.html"
    }
    assert listed == written


def test_tags_differing_only_in_case_share_one_feed():
    water = [
        make_story(
            slug="a", id="tag:a", channels=frozenset({"feeds"}), tags=(Term("Water", "water", "u"),)
        ),
        make_story(
            slug="b", id="tag:b", channels=frozenset({"feeds"}), tags=(Term("water", "water", "u"),)
        ),
    ]
    sets = {(f.kind, f.key): f for f in feeds.feed_sets(water, SETTINGS)}
    assert [i.id for i in sets[("tag", "water")].items] == ["tag:a", "tag:b"]


def test_entries_carry_their_language_and_remote_images_an_enclosure():
    story = make_story(
        channels=frozenset({"feeds"}),
        lang="es",
        image="https://cdn.example.org/a.jpg",
        image_type="image/jpeg",
    )
    feed = feeds.feed_sets([story], SETTINGS)[0]
    rss, atom, _ = feeds.render(feed, SETTINGS)
    assert b"<dc:language>es</dc:language>" in rss.body
    assert b'length="0"' in rss.body and b"https://cdn.example.org/a.jpg" in rss.body
    assert not feedparser.parse(atom.body).bozo
    assert b'<entry xml:lang="es">' in atom.body
