"""Newsletter editions: email-safe HTML, plain text, MIME message, web view and archive."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
from email import policy
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import SITEURL
from test_story import make_story

from cope.channels import newsletter
from cope.story import Event

DIGESTS = ["2026-01-05", "2026-10-26", "2026-11-09", "2026-11-16", "2026-11-23"]
BULLETINS = ["bulletin-boil-water", "bulletin-old-freeze"]
UNSUBSCRIBE = "https://public.govdelivery.example/accounts/RIVERBEND/subscriber/edit"


def folders(site):
    return sorted(p.name for p in (site / "newsletter").iterdir() if p.is_dir())


def soup(path):
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def test_one_digest_per_week_with_stories_and_a_bulletin_per_emergency(built_site):
    assert folders(built_site) == DIGESTS + BULLETINS
    for name in DIGESTS + BULLETINS:
        for part in ("index.html", "email.html", "email.txt", "message.eml"):
            assert (built_site / "newsletter" / name / part).is_file(), (name, part)


@pytest.mark.parametrize("edition", DIGESTS + BULLETINS)
def test_email_html_is_email_safe(built_site, edition):
    page = soup(built_site / "newsletter" / edition / "email.html")
    assert page.find_all(["style", "link", "script"]) == []
    for img in page.find_all("img"):
        assert img.get("alt") and img["src"].startswith(("http://", "https://"))
    for anchor in page.find_all("a"):
        href = anchor["href"]
        assert href.startswith(("http://", "https://", "mailto:")), href
        if href.startswith(SITEURL):
            query = parse_qs(urlsplit(href).query)
            assert query["utm_medium"] == ["email"] and query["utm_source"] == ["newsletter"]
    inner = page.find("table", class_="inner")
    assert inner["width"] == "600" and "max-width: 600px" in inner["style"]
    preheader = page.find("div", class_="preheader")
    assert "display: none" in preheader["style"] and preheader.get_text(strip=True)
    assert UNSUBSCRIBE in [a["href"] for a in page.find_all("a")]
    footer = page.find("td", class_="footer").get_text(" ", strip=True)
    assert "200 Main Street" in footer and "neighbor who does not use email" in footer


@pytest.mark.parametrize("edition", DIGESTS + BULLETINS)
def test_message_eml_is_multipart_alternative_with_one_click_unsubscribe(built_site, edition):
    raw = (built_site / "newsletter" / edition / "message.eml").read_bytes()
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message.get_content_type() == "multipart/alternative"
    parts = [part.get_content_type() for part in message.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    assert message["From"] == "Riverbend County Human Services <news@riverbend.example.gov>"
    assert message["Reply-To"] == "help@riverbend.example.gov"
    assert message["To"] is None and message["Subject"]
    assert message["List-Unsubscribe"].strip() == (  # folded onto the next line
        f"<{UNSUBSCRIBE}>, <mailto:unsubscribe@riverbend.example.gov?subject=unsubscribe>"
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Message-ID"].endswith("@riverbend.example.gov>")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()

    def same(part: str, name: str) -> bool:  # the message has CRLF line ends (SMTP)
        on_disk = (built_site / "newsletter" / edition / name).read_text("utf-8")
        return part.replace("\r\n", "\n").rstrip("\n") == on_disk.rstrip("\n")

    assert same(html, "email.html") and same(text, "email.txt")


def test_text_part_has_every_story_title_and_link(built_site):
    text = (built_site / "newsletter/2026-11-16/email.txt").read_text("utf-8")
    assert "Water main work on Elm Street" in text
    assert f"{SITEURL}/news/water-main/?utm_source=newsletter&utm_medium=email" in text
    assert "Unsubscribe: " + UNSUBSCRIBE in text
    bulletin = (built_site / "newsletter/bulletin-boil-water/email.txt").read_text("utf-8")
    assert "EMERGENCY: BOIL WATER NOTICE" in bulletin
    assert "What to do: Boil tap water for one minute before you drink it." in bulletin


def test_each_edition_holds_only_its_week(built_site):
    def section(edition, name):
        text = (built_site / "newsletter" / edition / "email.txt").read_text("utf-8")
        if f"\n{name}\n" not in text:
            return ""
        part = text.split(f"\n{name}\n", 1)[1]
        for heading in ("\nCOMING UP\n", "\nIN THEIR WORDS\n", "\n--\n"):
            part = part.split(heading, 1)[0]
        return part

    assert "Water main work on Elm Street" in section("2026-11-16", "NEWS")
    assert "Public budget hearing" not in section("2026-11-16", "NEWS")  # the week before
    assert "Public budget hearing" in section("2026-11-16", "COMING UP")  # on December 15
    assert "Public budget hearing" in section("2026-11-09", "NEWS")
    assert "Water main" not in section("2026-11-09", "NEWS")
    boil = (built_site / "newsletter/2026-11-23/email.txt").read_text("utf-8")
    assert "EMERGENCY: BOIL WATER NOTICE" in boil and section("2026-11-23", "NEWS") == ""


def test_web_view_and_archive_in_the_theme_with_signup(built_site):
    view = soup(built_site / "newsletter/2026-11-16/index.html")
    assert view.find("h1").get_text(strip=True).startswith("Riverbend County Human Services news")
    assert view.find("main").find("a", href=f"{SITEURL}/news/water-main/")
    archive = soup(built_site / "newsletter/index.html")
    listed = {a["href"] for a in archive.select("main li a")}
    assert listed == {f"{SITEURL}/newsletter/{name}/" for name in DIGESTS + BULLETINS}
    for page in (archive, soup(built_site / "index.html")):
        form = page.find("section", class_="signup").find("form")
        assert form["action"].endswith("/subscriber/new")
        assert form.find("label")["for"] == form.find("input")["id"]


SETTINGS = {
    "SITENAME": "Site",
    "SITEURL": SITEURL,
    "TIMEZONE": "America/Chicago",
    "COPE_AUDIENCES": {"seniors": {"name": "Seniors"}, "families": {"name": "Families"}},
    "COPE_NEWSLETTER": {"from_address": "a@example.gov", "unsubscribe_url": "*|UNSUB|*"},
}


def stories():
    day = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)  # a Monday
    made = [
        make_story(
            slug=f"s{i}",
            id=f"tag:s{i}",
            title=f"Story {i}",
            date=day + dt.timedelta(days=3 * i),
            modified=day + dt.timedelta(days=3 * i),
            channels=frozenset({"newsletter"}),
            audiences=("seniors",) if i % 2 else ("families",),
        )
        for i in range(6)
    ]
    made.append(
        dataclasses.replace(
            made[0],
            slug="fair",
            id="tag:fair",
            title="Fair",
            event=Event(start=day + dt.timedelta(days=20)),
        )
    )
    return made


def test_per_audience_and_monthly_editions():
    weekly = newsletter.editions(
        stories(),
        [],
        {},
        {**SETTINGS, "COPE_NEWSLETTER": {**SETTINGS["COPE_NEWSLETTER"], "per_audience": True}},
    )
    # s0, s2 (a Sunday) and the fair are the families' first week; s5 the only one of the third
    assert [e.slug for e in weekly] == [
        "2026-11-02/families",
        "2026-11-02/seniors",
        "2026-11-09/families",
        "2026-11-09/seniors",
        "2026-11-16/seniors",
    ]
    for edition in weekly:
        assert all(edition.audience in s.audiences for s in edition.stories)
        assert all(edition.start <= s.date.date() <= edition.end for s in edition.stories)
    monthly = newsletter.editions(
        stories(),
        [],
        {},
        {**SETTINGS, "COPE_NEWSLETTER": {**SETTINGS["COPE_NEWSLETTER"], "period": "monthly"}},
    )
    assert [(e.slug, len(e.stories)) for e in monthly] == [("2026-11-01", 7)]
    assert [e.title for e in monthly[0].events] == ["Fair"]


def test_merge_tag_unsubscribe_is_kept_as_written():
    edition = newsletter.editions(stories(), [], {}, SETTINGS)[0]
    page = BeautifulSoup(newsletter.email_html(edition, SETTINGS), "html.parser")
    assert "*|UNSUB|*" in [a["href"] for a in page.find_all("a")]
    raw = newsletter.message(edition, SETTINGS, "<p>x</p>", "x")
    assert b"List-Unsubscribe: <*|UNSUB|*>" in raw


def test_intro_and_bulletin_html_is_made_email_safe():
    story = make_story(
        channels=frozenset({"newsletter"}),
        content_html='<p>Hi<script>alert(1)</script> <a href="/x">rel</a> '
        f'<a href="{SITEURL}/news/a/">site</a></p><img src="{SITEURL}/i.png" '
        'alt="A" width="1200"><iframe src="https://e.example"></iframe>'
        '<table style="width:900px"><tr><td>t</td></tr></table>',
    )
    edition = newsletter.editions([story], [], {}, SETTINGS)[0]
    html = newsletter.email_fragment(story.content_html, edition, SETTINGS)
    page = BeautifulSoup(html, "html.parser")
    assert not page.find_all(["script", "iframe", "table", "style"])
    assert page.find("img")["width"] == "552"
    hrefs = [a["href"] for a in page.find_all("a")]
    assert len(hrefs) == 1 and "utm_medium=email" in hrefs[0]


def test_sender_with_a_comma_and_lines_within_76_characters():
    settings = {
        **SETTINGS,
        "COPE_NEWSLETTER": {
            **SETTINGS["COPE_NEWSLETTER"],
            "from_address": '"Riverbend County, DHS" <news@x.gov>',
        },
    }
    edition = newsletter.editions(stories(), [], {}, settings)[0]
    raw = newsletter.message(edition, settings, "<p>" + "x " * 200 + "</p>", "y " * 200)
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["From"].addresses[0].addr_spec == "news@x.gov"
    assert parsed["From"].addresses[0].display_name == "Riverbend County, DHS"
    assert max(len(line) for line in raw.split(b"\r\n")) <= 78  # headers may fold at 78
    body = raw.split(b"\r\n\r\n", 1)[1]
    assert max(len(line) for line in body.split(b"\r\n")) <= 76
    unquoted = {**settings["COPE_NEWSLETTER"], "from_address": "County, DHS <news@x.gov>"}
    from cope.settings import check_settings

    problems = check_settings(
        {
            "SITEURL": SITEURL,
            "COPE_AGENCY": {"email": "a@x.gov"},
            "COPE_AUDIENCES": {"r": {"name": "R"}},
            "COPE_NEWSLETTER": unquoted,
        }
    )
    assert [p.field for p in problems] == ["COPE_NEWSLETTER.from_address"]


def test_an_intro_dated_any_day_of_the_week_is_used():
    intro = newsletter.Intro("Hello week", "<p>Hi</p>")
    edition = newsletter.editions(stories(), [], {dt.date(2026, 11, 4): intro}, SETTINGS)[0]
    assert edition.title == "Hello week" and edition.start == dt.date(2026, 11, 2)


def test_coming_up_only_holds_events_announced_by_then():
    later = make_story(
        slug="late",
        id="tag:late",
        date=dt.datetime(2026, 12, 20, tzinfo=dt.UTC),
        channels=frozenset({"newsletter"}),
        event=Event(start=dt.datetime(2026, 12, 30, tzinfo=dt.UTC)),
    )
    first = newsletter.editions([*stories(), later], [], {}, SETTINGS)[0]
    assert "late" not in [s.slug for s in first.events]
