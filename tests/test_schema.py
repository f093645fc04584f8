"""The front-matter contract: one test per kind of problem, and the collected report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from test_source import SETTINGS

from cope.schema import InvalidContent, Problem, Rules, check_front_matter, parse_datetime
from cope.source import load_site, parse_text

CHICAGO = ZoneInfo("America/Chicago")
AUDIENCES = ("residents", "seniors", "families")
GOOD_ALERT = {
    "event": "Boil water notice",
    "urgency": "Immediate",
    "severity": "Severe",
    "certainty": "Observed",
    "area": "North",
    "instruction": "Boil water.",
}


@pytest.fixture
def rules(tmp_path: Path) -> Rules:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.png").write_bytes(b"\x89PNG")
    return Rules(timezone=CHICAGO, audiences=AUDIENCES, content_path=tmp_path)


def check(rules: Rules, is_article: bool = True, **meta):
    base = {"title": "A title", "date": "2026-11-28 09:30"}
    base.update(meta)
    base = {k: v for k, v in base.items() if v is not None}
    return check_front_matter("news/a.md", base, rules, is_article)


def messages(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]


def test_valid_article_is_normalised(rules):
    values, problems = check(
        rules,
        tags=["water", "safety"],
        priority="emergency",
        alert={**GOOD_ALERT, "urgency": "immediate", "expires": "2026-12-01 18:00"},
        image="images/a.png",
        image_alt="A glass of water",
        event={"start": dt.date(2026, 12, 5), "location": "Hall"},
    )
    assert problems == []
    assert values["date"] == dt.datetime(2026, 11, 28, 9, 30, tzinfo=CHICAGO)
    assert values["alert"]["urgency"] == "Immediate"
    assert values["alert"]["expires"].tzinfo is CHICAGO
    assert values["event"]["start"] == dt.datetime(2026, 12, 5, tzinfo=CHICAGO)
    assert values["tags"] == ["water", "safety"]
    assert values["status"] == "published" and values["priority"] == "emergency"


def test_invalid_utf8_is_reported_with_its_line():
    meta, _, problems = parse_text("news/a.md", b"---\ntitle: caf\xe9\n---\nbody\n")
    assert meta is None
    assert messages(problems) == [
        "news/a.md: file: is not valid UTF-8 (byte 0xe9 on line 2); save it with UTF-8 encoding"
    ]


def test_invalid_yaml_names_the_line():
    _, _, problems = parse_text("news/a.md", b"---\ntitle: ok\n  bad: x: y\n---\nbody\n")
    assert len(problems) == 1
    assert problems[0].field == "front matter"
    assert problems[0].message.startswith("invalid YAML on line 3:")


def test_missing_front_matter():
    _, _, problems = parse_text("news/a.md", b"Just text\n")
    assert problems[0].field == "front matter" and "missing" in problems[0].message


def test_missing_title(rules):
    _, problems = check(rules, title=None)
    assert messages(problems) == ["news/a.md: title: is missing; it is required"]


def test_missing_date_on_article_but_not_on_page(rules):
    _, problems = check(rules, date=None)
    assert [p.field for p in problems] == ["date"]
    assert "is missing" in problems[0].message
    _, page_problems = check(rules, is_article=False, date=None)
    assert page_problems == []


@pytest.mark.parametrize("bad", ["Dec 3", "2026-13-01", "tomorrow", 20261128])
def test_unparseable_date(rules, bad):
    _, problems = check(rules, date=bad)
    assert [p.field for p in problems] == ["date"]
    assert "is not a date; write it like 2026-11-28 09:30" in problems[0].message


def test_unknown_status(rules):
    _, problems = check(rules, status="live")
    assert messages(problems) == [
        "news/a.md: status: 'live' is not one of published, draft, hidden"
    ]


def test_unknown_priority(rules):
    _, problems = check(rules, priority="urgentt")
    assert messages(problems) == [
        "news/a.md: priority: 'urgentt' is not one of routine, urgent, emergency "
        "(did you mean 'urgent'?)"
    ]


def test_unknown_audience(rules):
    _, problems = check(rules, audiences=["seniors", "teens"])
    assert messages(problems) == [
        "news/a.md: audiences: 'teens' is not one of residents, seniors, families"
    ]


def test_unknown_channel(rules):
    _, problems = check(rules, channels=["feeds", "fax"])
    assert [(p.field, p.message.split(" is ")[0]) for p in problems] == [("channels", "'fax'")]
    assert "feeds, api, social, sms, newsletter" in problems[0].message


def test_image_without_alt(rules):
    _, problems = check(rules, image="images/a.png")
    assert [p.field for p in problems] == ["image_alt"]


def test_image_that_does_not_exist(rules):
    _, problems = check(rules, image="images/missing.png", image_alt="x")
    assert messages(problems) == [
        "news/a.md: image: file 'images/missing.png' not found in the content folder"
    ]


def test_emergency_without_alert(rules):
    _, problems = check(rules, priority="emergency")
    assert [p.field for p in problems] == ["alert"]
    assert "event, urgency, severity, certainty, area, instruction" in problems[0].message


def test_emergency_with_incomplete_alert(rules):
    alert = {k: v for k, v in GOOD_ALERT.items() if k not in ("area", "instruction")}
    values, problems = check(rules, priority="emergency", alert=alert)
    assert [p.field for p in problems] == ["alert.area", "alert.instruction"]
    assert "alert" not in values


@pytest.mark.parametrize(
    ("key", "bad", "allowed"),
    [
        ("urgency", "Soon", "Immediate, Expected, Future, Past, Unknown"),
        ("severity", "Bad", "Extreme, Severe, Moderate, Minor, Unknown"),
        ("certainty", "Sure", "Observed, Likely, Possible, Unlikely, Unknown"),
    ],
)
def test_alert_words_outside_cap(rules, key, bad, allowed):
    _, problems = check(rules, priority="emergency", alert={**GOOD_ALERT, key: bad})
    assert messages(problems) == [
        f"news/a.md: alert.{key}: '{bad}' is not one of {allowed} (CAP 1.2)"
    ]


def test_unknown_keys_are_named_with_a_suggestion(rules):
    _, problems = check(rules, prioirty="emergency", alert={**GOOD_ALERT, "zone": "x"})
    fields = sorted(p.field for p in problems)
    assert fields == ["alert.zone", "prioirty"]
    assert "did you mean 'priority'" in next(p.message for p in problems if p.field == "prioirty")


def test_event_end_before_start_and_bad_url(rules):
    _, problems = check(
        rules, event={"start": "2026-12-05 18:00", "end": "2026-12-05 17:00", "online_url": "x"}
    )
    assert sorted(p.field for p in problems) == ["event.end", "event.online_url"]


def test_social_override_for_unknown_network(rules):
    _, problems = check(rules, social={"x": "Hello", "myspace": "Hi"})
    assert [p.field for p in problems] == ["social.myspace"]


def test_bad_slug_lang_and_redirect(rules):
    _, problems = check(rules, slug="Flood Update", lang="English", redirect_from=["old.html"])
    assert sorted(p.field for p in problems) == ["lang", "redirect_from", "slug"]


def test_parse_datetime_keeps_given_offsets():
    parsed = parse_datetime("2026-11-28T09:30:00+00:00", CHICAGO)
    assert parsed.utcoffset() == dt.timedelta(0)


def write(root: Path, rel: str, text: bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text)


def test_load_site_reports_every_problem_in_every_file(tmp_path):
    write(tmp_path, "news/a.md", b"---\ntitle: A\ndate: 2026-01-01\npriority: urgentt\n---\nx")
    write(tmp_path, "news/b.md", b"---\ndate: 2026-01-01\nstatus: live\n---\nx")
    write(tmp_path, "news/c.md", b"---\ntitle: \xff\n---\n")
    write(tmp_path, "pages/about.md", b"---\ntitle: About\n---\nfine")
    write(tmp_path, "news/.hidden.md", b"not even front matter")
    settings = {
        **SETTINGS,
        "PATH": str(tmp_path),
        "ARTICLE_EXCLUDES": ["pages"],
        "COPE_AUDIENCES": {"residents": {"name": "Residents"}},
        "COPE_CHANNELS": {"defualt": []},
    }
    with pytest.raises(InvalidContent) as raised:
        load_site(settings)
    lines = str(raised.value.code).splitlines()
    assert lines == [
        "news/a.md: priority: 'urgentt' is not one of routine, urgent, emergency "
        "(did you mean 'urgent'?)",
        "news/b.md: status: 'live' is not one of published, draft, hidden",
        "news/b.md: title: is missing; it is required",
        "news/c.md: file: is not valid UTF-8 (byte 0xff on line 2); save it with UTF-8 encoding",
        "settings: COPE_CHANNELS: unknown key 'defualt' (did you mean 'default'?); "
        "allowed: default, by_category",
        "cope: 5 problems; nothing was written.",
    ]
    assert raised.value.problems[0].path == "news/a.md"


def test_links_to_missing_files_and_unpublished_stories():
    from cope.schema import check_links

    body = (
        "[a]({filename}/news/b.md) [b]({filename}../pages/about.md) "
        "[c]({filename}/news/gone.md) ![d]({static}/images/x.png) [e]({filename}draft.md)"
    )
    files = {"news/b.md", "pages/about.md", "images/x.png", "news/draft.md"}
    problems = check_links("news/a.md", body, files, unpublished={"news/draft.md"})
    assert messages(problems) == [
        "news/a.md: body: links to {filename}/news/gone.md, but there is no file "
        "content/news/gone.md",
        "news/a.md: body: links to news/draft.md, which is not published "
        "(draft, hidden or future-dated)",
    ]


def test_level_one_heading_in_the_body_is_refused():
    from cope.schema import check_body

    assert check_body("a.md", "Intro\n\n## Fine\n\n```\n# a shell comment\n```\n") == []
    assert messages(check_body("a.md", "Intro\n\n# Big heading\n")) == [
        "a.md: body: line 3 of the text is a level-1 heading; the title is the page's only "
        "one, so start headings with ##"
    ]
    assert [p.field for p in check_body("a.md", "Big heading\n===\n")] == ["body"]


def test_save_as_and_url_are_not_allowed(rules):
    _, problems = check(rules, save_as="leak.html", url="leak/")
    assert sorted(p.field for p in problems) == ["save_as", "url"]


def test_alert_and_event_text_fields_must_be_text(rules):
    alert = {**GOOD_ALERT, "area": {"north": 1}, "instruction": ["boil", "wait"]}
    event = {"start": "2026-12-01", "location": ["Hall A", "Hall B"]}
    values, problems = check(rules, priority="emergency", alert=alert, event=event)
    assert messages(problems) == [
        "news/a.md: alert.area: must be text, not a block of keys",
        "news/a.md: alert.instruction: must be text, not a list",
        "news/a.md: event.location: must be text, not a list",
    ]
    assert "alert" not in values


def test_alert_given_as_text_is_one_problem(rules):
    _, problems = check(rules, priority="emergency", alert="boil water")
    assert [p.field for p in problems] == ["alert"]
    assert "must be a block of keys" in problems[0].message
