"""Testimonials: consent, names, sanitising (an XSS corpus through the whole build), order,
JSON-LD, the API document and the feed."""

from __future__ import annotations

import datetime as dt
import json

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import SITEURL, tree

from cope.testimonials import sanitise

DANGER = (
    "<script",
    "javascript:",
    "data:text",
    "onerror",
    "onload",
    "onclick",
    "onmouseover",
    "<svg",
    "<iframe",
    "<style",
    "style=",
    "<math",
    "evil.example",
)


@pytest.fixture(scope="module")
def page(built_site):
    return BeautifulSoup((built_site / "testimonials/index.html").read_text("utf-8"), "html.parser")


def quotes(page):
    return page.select("figure.testimonial blockquote")


def test_only_consented_testimonials_are_published(built_site, page):
    assert [f["id"] for f in page.select("figure.testimonial")] == ["maria", "xss", "harold"]
    for path, body in tree(built_site).items():
        assert b"NOCONSENT" not in body, path


def test_consent_refusal_is_a_warning_naming_the_file(site_copy, tmp_path):
    from conftest import run_pelican

    result = run_pelican(site_copy, tmp_path / "out")
    assert result.returncode == 0
    logged = " ".join((result.stdout + result.stderr).split())  # Pelican logs to stdout
    assert "testimonials/james.md: consent: not given" in logged


def test_full_names_only_when_allowed(built_site, page):
    captions = [c.get_text(" ", strip=True) for c in page.select("figcaption")]
    assert captions[2].startswith("Harold Brown, Retired teacher, Millbrook")
    for path, body in tree(built_site).items():
        assert b"Eve Secret-Fullname" not in body, path


def assert_harmless(fragment) -> None:
    """No element but the allowed ones, no event handler or style, no link but https/mailto."""
    allowed = {
        "blockquote",
        "p",
        "em",
        "strong",
        "br",
        "a",
        "figure",
        "figcaption",
        "span",
        "time",
        "[document]",
    }
    for tag in [fragment, *fragment.find_all(True)]:
        assert tag.name in allowed, tag.name
        assert not [a for a in tag.attrs if a.lower().startswith("on") or a == "style"], tag
        href = tag.get("href")
        assert href is None or href.startswith(("https://", "mailto:")), href


def test_xss_corpus_leaves_nothing_that_runs(built_site, page):
    xss = page.find("figure", id="xss")
    assert_harmless(xss)
    links = [a.get("href") for a in xss.find_all("a")]
    assert [href for href in links if href] == ["https://good.example/ok"]
    assert all(a["rel"] == ["nofollow", "noopener"] for a in xss.find_all("a"))
    caption = xss.find("figcaption").get_text()
    assert "<script>alert('name')</script>Eve" in caption  # shown as text, not run
    assert "<img src=x onerror=alert(1)>Northside" in caption
    items = json.loads((built_site / "api/v1/testimonials.json").read_text("utf-8"))["items"]
    for item in items:
        assert_harmless(BeautifulSoup(item["quote_html"], "html.parser"))
    for entry in feedparser.parse(
        (built_site / "feeds/testimonials.atom.xml").read_bytes()
    ).entries:
        assert_harmless(BeautifulSoup(entry.content[0].value, "html.parser"))
    home = BeautifulSoup((built_site / "index.html").read_text("utf-8"), "html.parser")
    assert not home.find("script", string=lambda text: text and "alert" in text)


@pytest.mark.parametrize(
    "dirty",
    [
        "<SCRIPT>alert(1)</SCRIPT>",
        "<img src=x onerror=alert(1)>",
        '<a href="jAvAsCrIpT:x">a</a>',
        '<a href="&#x6A;avascript:alert(1)">a</a>',
        "<svg/onload=alert(1)>",
        '<p style="x">p</p>',
        '<a href="data:text/html,<script>">a</a>',
        "<scr<script>ipt>alert(1)</script>",
        '<iframe src="javascript:alert(1)">',
        '<p>unclosed <b onclick="x">bold',
    ],
)
def test_sanitise_corpus(dirty):
    clean = sanitise(dirty).lower()
    for danger in (
        "<script",
        "javascript",
        "onerror",
        "onload",
        "onclick",
        "style=",
        "<svg",
        "<iframe",
        "data:",
    ):
        assert danger not in clean


def test_grouped_by_program_and_newest_first(page):
    headings = [h.get_text(strip=True) for h in page.select("section.testimonials h2")]
    assert headings == ["Food assistance", "Senior meals"]
    dates = [t["datetime"] for t in page.select("section.testimonials")[0].select("time")]
    assert dates == sorted(dates, reverse=True)


def test_json_ld_is_quotations_not_reviews(page):
    data = json.loads(page.find("script", type="application/ld+json").string)
    types = {item["@type"] for item in data["@graph"]}
    assert types == {"Quotation"} and len(data["@graph"]) == 3
    harold = next(i for i in data["@graph"] if i["creator"]["name"] == "Harold Brown")
    assert harold["text"] == "The hot meals and the friendly drivers keep me going."
    assert "Review" not in json.dumps(data) and "ratingValue" not in json.dumps(data)


def test_api_document_and_feed(built_site):
    items = json.loads((built_site / "api/v1/testimonials.json").read_text("utf-8"))["items"]
    assert items[0]["name"] == "Maria G."
    assert all(i["url"].startswith(f"{SITEURL}/testimonials/#") for i in items)
    parsed = feedparser.parse((built_site / "feeds/testimonials.atom.xml").read_bytes())
    assert not parsed.bozo and len(parsed.entries) == 3


def test_featured_testimonials_on_the_home_page(built_site):
    home = BeautifulSoup((built_site / "index.html").read_text("utf-8"), "html.parser")
    names = [c.get_text(" ", strip=True) for c in home.select("section.testimonials figcaption")]
    assert names == ["Maria G., North Riverbend", "Harold Brown, Retired teacher, Millbrook"]


def test_json_ld_cannot_break_out_of_its_script():
    from cope.channels.testimonials import json_ld
    from cope.testimonials import Testimonial

    item = Testimonial(
        "tag:x",
        "a",
        "Ann <!--<script> B.",
        "</script><b>",
        "P",
        "p",
        None,
        dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        False,
        "<p>q</p>",
        "q &lt;/script&gt; </script>",
        "t/a.md",
    )
    text = json_ld([item], {"SITEURL": SITEURL})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["@graph"][0]["creator"]["name"] == "Ann <!--<script> B."


def test_relative_and_protocol_relative_links_are_dropped():
    clean = sanitise(
        '<p><a href="/rel">a</a> <a href="//evil.example/">b</a> '
        '<a href="https://ok.example/">c</a></p>'
    )
    assert clean == ('<p>a b <a href="https://ok.example/" rel="nofollow noopener">c</a></p>')


def test_future_dated_testimonials_wait(site_copy, tmp_path):
    from conftest import run_pelican

    (site_copy / "testimonials" / "later.md").write_text(
        "---\nname: Zed Z.\nprogram: Senior meals\ndate: 2099-01-01\nconsent: true\n"
        "featured: true\n---\nFUTURE-TESTIMONIAL\n",
        encoding="utf-8",
    )
    output = tmp_path / "out"
    assert run_pelican(site_copy, output).returncode == 0
    assert [p for p, body in tree(output).items() if b"FUTURE-TESTIMONIAL" in body] == []
