"""Post stubs, SMS, queue, CSV and preview from a real build of the fixture site."""

from __future__ import annotations

import csv
import json
import re

from bs4 import BeautifulSoup
from conftest import SITEURL, run_pelican, tree

from cope.text import sms as sms_rules
from cope.text.networks import rules

RULES = rules({})


def load(site, rel):
    return json.loads((site / rel).read_text(encoding="utf-8"))


def test_stubs_for_stories_whose_channels_include_social(built_site):
    written = sorted(p.stem for p in (built_site / "channels/social").glob("*.json"))
    # budget-hearing's channels leave social out
    assert written == ["ayuda-alimentaria", "boil-water", "old-freeze", "water-main"]
    stub = load(built_site, "channels/social/water-main.json")
    assert list(stub) == ["id", "url", "title", "priority", "date", "posts"]
    assert stub["id"] == "tag:riverbend.example.gov,2026-11-20:news/water-main"
    assert list(stub["posts"]) == ["x", "facebook", "mastodon", "bluesky", "linkedin"]
    x = stub["posts"]["x"]
    assert x["text"].startswith("Elm Street water main work starts Monday.\n\n")  # the override
    assert x["text"].endswith(x["url"]) and "utm_source=x" in x["url"]
    assert x["image"] == f"{SITEURL}/images/water.png" and x["image_alt"] == "A blue water pipe"
    assert "facets" in stub["posts"]["bluesky"] and "facets" not in x
    for network, post in stub["posts"].items():
        assert RULES[network].fits(post["text"])
        assert post["length"] == RULES[network].measure(post["text"])
        assert post["limit"] == RULES[network].limit


def test_sms_for_sms_channel_and_every_emergency(built_site):
    written = sorted(p.stem for p in (built_site / "channels/sms").glob("*.txt"))
    assert written == ["boil-water", "budget-hearing", "old-freeze"]
    override = (built_site / "channels/sms/boil-water.txt").read_text(encoding="utf-8")
    assert override.startswith("Boil water before drinking in North Riverbend until further")
    for name in written:
        message = (built_site / f"channels/sms/{name}.txt").read_text(encoding="utf-8")
        assert sms_rules.count(message).segments == 1


def test_queue_puts_live_emergencies_first_then_newest(built_site):
    items = load(built_site, "channels/queue.json")["items"]
    order = list(dict.fromkeys(item["slug"] for item in items))
    # old-freeze is an emergency whose alert expired: it takes its place by date
    assert order == [
        "boil-water",
        "water-main",
        "budget-hearing",
        "ayuda-alimentaria",
        "old-freeze",
    ]
    networks = [i["network"] for i in items if i["slug"] == "boil-water"]
    assert networks == ["x", "facebook", "mastodon", "bluesky", "linkedin", "sms"]
    sms_item = next(i for i in items if i["network"] == "sms")
    assert sms_item["encoding"] == "GSM-7" and sms_item["segments"] == 1


def test_hootsuite_csv_has_no_header_and_the_bulk_format(built_site):
    rows = list(csv.reader((built_site / "channels/hootsuite/x.csv").open(encoding="utf-8")))
    assert len(rows) == 4
    for when, message, url in rows:
        assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d[05]", when)
        assert url.startswith(SITEURL) and url not in message
    assert rows[0][0] == "11/25/2026 06:00"  # the emergency first, in the site's timezone


def test_preview_page_is_noindex_and_not_linked(built_site):
    page = BeautifulSoup(
        (built_site / "channels/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert len(page.select("section.story")) == 5
    assert "of 280 weighted characters" in page.get_text()
    for path, body in tree(built_site).items():
        if path.endswith(".html") and not path.startswith("channels/"):
            assert b"/channels/" not in body, path


def test_too_long_override_stops_the_build(site_copy, tmp_path):
    output = tmp_path / "output"
    assert run_pelican(site_copy, output).returncode == 0
    before = tree(output)
    story = site_copy / "news" / "water-main.md"
    text = story.read_text(encoding="utf-8").replace(
        "x: Elm Street water main work starts Monday.", "x: " + "Elm Street " * 30
    )
    story.write_text(text.replace("date:", 'sms: "' + "Boil " * 40 + '"\ndate:', 1), "utf-8")
    result = run_pelican(site_copy, output)
    assert result.returncode == 1
    # 30 x "Elm Street " less the last space (329), a blank line (2) and the link (23)
    assert "news/water-main.md: social.x: 354 weighted characters, limit 280" in result.stderr
    assert "news/water-main.md: sms: 199 characters (GSM-7), limit 160 (1 segment)" in (
        result.stderr
    )
    assert tree(output) == before
